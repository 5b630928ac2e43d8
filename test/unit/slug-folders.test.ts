/**
 * One slug per feature, the same in every layer (issue 17): the CLI's command files are
 * `electron/cli/<slug>.ts` and the renderer's feature folders `renderer/src/features/<slug>/`,
 * each named after a slice of the contract (or `audit`, which has no channels).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { ROOT } from '../helpers';

const SLUGS = new Set([...CHANNELS.map((c) => c.split('.')[0]!), 'audit']);

describe('CLI command files', () => {
  /** The shell's own files: the entry, the argument parser with the infrastructure commands, the shared helpers. */
  const SHELL = ['index.ts', 'main.ts', 'common.ts'];
  const files = fs.readdirSync(path.join(ROOT, 'electron/cli')).filter((f) => !SHELL.includes(f));
  it('exist', () => expect(files.length).toBeGreaterThan(5));
  it.each(files)('%s is named after a feature slug', (file) => {
    expect(SLUGS).toContain(path.basename(file, '.ts'));
  });
});

describe('renderer feature folders', () => {
  const src = path.join(ROOT, 'renderer/src');
  const folders = fs.readdirSync(path.join(src, 'features'));
  it('exist', () => expect(folders.length).toBeGreaterThan(10));
  it.each(folders)('features/%s is named after a feature slug', (folder) => {
    expect(SLUGS).toContain(folder);
  });
  it('leave no feature code beside them: only the app shell, shared UI, i18n and the entry files', () => {
    const top = fs.readdirSync(src).filter((f) => fs.statSync(path.join(src, f)).isDirectory());
    expect(top.sort()).toEqual(['app', 'features', 'i18n', 'ui']);
  });
});
