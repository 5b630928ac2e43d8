/** The preload's plain channel list is the contract's, no more and no less, and its bundle carries no schema. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/channels';
import { CHANNELS } from '../../shared/contract';
import { ROOT } from '../helpers';

describe('channel names', () => {
  it('list exactly the contract channels, each once', () => {
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
    expect([...CHANNEL_NAMES].sort()).toEqual([...CHANNELS].sort());
  });
  it('are imported by the preload without the contract (no zod in its bundle)', () => {
    const src = fs.readFileSync(path.join(ROOT, 'electron/preload/index.ts'), 'utf8');
    const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports).toEqual(['electron', '../../shared/channels']);
    // channels.ts itself takes only types from the contract (erased at build time).
    const own = fs.readFileSync(path.join(ROOT, 'shared/channels.ts'), 'utf8');
    for (const m of own.matchAll(/^import (.*) from '([^']+)'/gm)) expect(m[1]).toMatch(/^type /);
  });
});
