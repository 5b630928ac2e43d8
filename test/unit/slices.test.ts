/** Every channel belongs to the slice its name starts with: one handler table per slug, in electron/core/<slug>/handlers.ts, listed in docs/architecture.md. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLICES } from '../../electron/core/handlers';
import { CHANNELS } from '../../shared/contract';
import { ROOT } from '../helpers';

const slugOf = (channel: string) => channel.split('.')[0]!;

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
});
