/**
 * Audit actions are named after the slice that writes them (`tasks.take`, the channel's `tasks.`),
 * so a reader finds an action's code by its prefix. The few written below every slice (the branch's
 * creation, demo data, the integrity baseline of migration 0009) have their own prefix. Entries
 * written before this rule keep their old names: the log is append-only and hash-chained.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLICES } from '../../electron/core/handlers';
import { ROOT } from '../helpers';

const INFRA = ['branch', 'demo', 'integrity'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('audit actions', () => {
  const found = sources(path.join(ROOT, 'electron/core')).flatMap((f) =>
    [...fs.readFileSync(f, 'utf8').matchAll(/\baction: '([a-z]+)\.([a-z_]+)'/g)].map((m) => ({
      file: path.relative(ROOT, f),
      prefix: m[1]!,
      action: `${m[1]}.${m[2]}`,
    })),
  );
  it('are found in the sources', () => {
    expect(found.length).toBeGreaterThan(25);
  });
  it('each start with the slug of a slice (or a prefix below every slice)', () => {
    const allowed = new Set([...Object.keys(SLICES), ...INFRA]);
    const wrong = found.filter((a) => !allowed.has(a.prefix)).map((a) => `${a.file}: ${a.action}`);
    expect(wrong).toEqual([]);
  });
});
