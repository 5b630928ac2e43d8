/**
 * Each layer type-checks with only its own environment (tsconfig.shared/node/web.json): `shared` has
 * neither DOM nor Node types, the Node layers no DOM, the renderer no Node. A probe file per case is
 * checked by the real `tsc` against a throwaway config that extends the layer's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers';

const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

function check(layer: 'shared' | 'node' | 'web', code: string): string {
  const dir = tempDir('cbd-tsc-');
  fs.writeFileSync(path.join(dir, 'probe.ts'), `${code}\nexport {};\n`);
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: path.join(ROOT, `tsconfig.${layer}.json`),
      compilerOptions: {
        composite: false,
        noEmit: true,
        emitDeclarationOnly: false,
        typeRoots: [path.join(ROOT, 'node_modules/@types')],
      },
      files: ['probe.ts'],
      include: [],
    }),
  );
  const r = spawnSync(process.execPath, [TSC, '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  return r.stdout + r.stderr;
}

describe('per-layer type environments', () => {
  it.each([
    ['shared', 'const b = Buffer.from("x");', /Cannot find name 'Buffer'/],
    ['shared', 'const w = window.location;', /Cannot find name 'window'/],
    ['shared', 'const e = process.env;', /Cannot find name 'process'/],
    ['node', 'const w = window.location;', /Cannot find name 'window'/],
    ['node', 'const d = document.title;', /Cannot find name 'document'/],
    ['web', 'const b = Buffer.from("x");', /Cannot find name 'Buffer'/],
    ['web', 'const e = process.env;', /Cannot find name 'process'/],
  ] as const)('%s refuses %s', (layer, code, error) => {
    expect(check(layer, code)).toMatch(error);
  });
  it.each([
    ['shared', 'const n: number = [1, 2].at(-1) ?? 0; const f = new Intl.NumberFormat("zh-CN").format(n);'],
    ['node', 'const b: Buffer = Buffer.from("x"); const e = process.env;'],
    ['web', 'const w = window.location; const d = document.title;'],
  ] as const)('%s accepts its own environment: %s', (layer, code) => {
    expect(check(layer, code)).toBe('');
  });
});
