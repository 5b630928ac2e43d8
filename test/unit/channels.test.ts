/**
 * The preload's plain channel list is the contract's, no more and no less, and its bundle carries no
 * schema; and every channel is declared in the contract file of its slug (`shared/contract/<slug>.ts`),
 * once, with no import cycle between those files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/channels';
import { CHANNELS, contract } from '../../shared/contract';
import { ROOT } from '../helpers';

const CONTRACT_DIR = path.join(ROOT, 'shared/contract');
/** The contract files that are not a slug's: the merge and the `channel()` helper. */
const NOT_SLUGS = new Set(['index', 'channel']);
const slugFiles = fs
  .readdirSync(CONTRACT_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .filter((f) => !NOT_SLUGS.has(f))
  .sort();
const slugOf = (channel: string) => channel.split('.')[0]!;

/** The `<slug>Channels` map a slug file exports. */
async function channelsOf(slug: string): Promise<Record<string, unknown>> {
  const mod = (await import(pathToFileURL(path.join(CONTRACT_DIR, `${slug}.ts`)).href)) as Record<string, unknown>;
  const map = mod[`${slug}Channels`];
  expect(map, `shared/contract/${slug}.ts exports ${slug}Channels`).toBeTypeOf('object');
  return map as Record<string, unknown>;
}

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

describe('contract files', () => {
  it('are one per slug of the contract, and no other', () => {
    expect(slugFiles).toEqual([...new Set(CHANNELS.map(slugOf))].sort());
  });

  it.each(slugFiles)('shared/contract/%s.ts declares only channels named after it', async (slug) => {
    const keys = Object.keys(await channelsOf(slug));
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(slugOf(key), key).toBe(slug);
  });

  it('together declare exactly the contract, each channel once and as merged', async () => {
    const declared: string[] = [];
    for (const slug of slugFiles) {
      const map = await channelsOf(slug);
      for (const [name, def] of Object.entries(map)) {
        declared.push(name);
        expect(contract[name as keyof typeof contract], name).toBe(def);
      }
    }
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared.sort()).toEqual([...CHANNELS].sort());
  });

  it('import one another without a cycle (a cycle leaves schemas undefined at load)', () => {
    const graph = new Map<string, string[]>();
    for (const f of fs.readdirSync(CONTRACT_DIR).filter((n) => n.endsWith('.ts'))) {
      const src = fs.readFileSync(path.join(CONTRACT_DIR, f), 'utf8');
      graph.set(
        f.slice(0, -3),
        [...src.matchAll(/(?:from|import) '\.\/([^'/]+)'/g)].map((m) => m[1]!),
      );
    }
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]): void => {
      if (trail.includes(node)) return void cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
      if (done.has(node)) return;
      for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
      done.add(node);
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
    expect(graph.get('calls')).toContain('loans'); // the check sees real edges
  });
});
