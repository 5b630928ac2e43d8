/**
 * Every channel belongs to the slice its name starts with: one handler table per slug, in
 * electron/core/<slug>/handlers.ts, listed in docs/architecture.md; and a slice's handlers call
 * only their own slice's modules (or the infrastructure under every slice), never another slice's.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SLICES } from '../../electron/core/handlers';
import { CHANNELS } from '../../shared/contract';
import { ROOT } from '../helpers';

const slugOf = (channel: string) => channel.split('.')[0]!;

const CORE = path.join(ROOT, 'electron/core');
/** What a handler table may import beside its own slice: the infrastructure under every slice. */
const INFRASTRUCTURE = ['db', 'handlerTypes', 'context', 'files', 'clock', 'log', 'i18n', 'dispatch', 'ioErrors'];

/**
 * The relative imports of `slug`'s handlers source that reach outside its slice folder and outside
 * the infrastructure (`shared/` is the contract layer, always allowed), as written.
 */
function foreignImports(slug: string, source: string): string[] {
  const from = path.join(CORE, slug);
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .filter((spec) => {
      const target = path.resolve(from, spec);
      if (!target.startsWith(CORE + path.sep)) return !target.startsWith(path.join(ROOT, 'shared') + path.sep);
      const first = path
        .relative(CORE, target)
        .split(path.sep)[0]!
        .replace(/\.tsx?$/, '');
      return first !== slug && !INFRASTRUCTURE.includes(first);
    });
}

describe('feature slices', () => {
  it('have one table per slug of the contract, and no other', () => {
    expect(Object.keys(SLICES).sort()).toEqual([...new Set(CHANNELS.map(slugOf))].sort());
  });
  it.each(Object.entries(SLICES))('%s handles exactly the channels named after it', (slug, table) => {
    expect(Object.keys(table).sort()).toEqual(CHANNELS.filter((c) => slugOf(c) === slug).sort());
    expect(fs.existsSync(path.join(ROOT, 'electron/core', slug, 'handlers.ts'))).toBe(true);
  });
  it('are each in the slug table of docs/architecture.md', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
    for (const slug of Object.keys(SLICES)) expect(doc, slug).toMatch(new RegExp(`^\\|\\s*\`${slug}\`\\s*\\|`, 'm'));
  });
  it.each(Object.keys(SLICES))('%s handlers import only their own slice and the infrastructure', (slug) => {
    const source = fs.readFileSync(path.join(CORE, slug, 'handlers.ts'), 'utf8');
    expect(ts.preProcessFile(source, true, true).importedFiles.length).toBeGreaterThan(0);
    expect(foreignImports(slug, source)).toEqual([]);
  });
  it('refuses a handler table that reaches into another slice', () => {
    expect(foreignImports('loans', "import { openCall } from '../calls/view';")).toEqual(['../calls/view']);
    expect(foreignImports('imports', "import type { X } from '../doctor';")).toEqual(['../doctor']);
    expect(foreignImports('pii', "export { a } from '../audit/log';")).toEqual(['../audit/log']);
    expect(foreignImports('calls', "const m = await import('../records/records');")).toEqual(['../records/records']);
    expect(foreignImports('loans', "import { stmt } from '../db/open';\nimport { x } from './file';")).toEqual([]);
    expect(foreignImports('recovery', "import { AppError } from '../../../shared/result';")).toEqual([]);
  });
});
