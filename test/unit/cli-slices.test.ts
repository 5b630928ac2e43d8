/** The CLI's command files are named after the slice whose use cases they call (issue 17): cli/<slug>.ts. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { ROOT } from '../helpers';

/** The shell's own files: the entry, the argument parser with the infrastructure commands, the shared helpers. */
const SHELL = ['index.ts', 'main.ts', 'common.ts'];
const SLUGS = new Set([...CHANNELS.map((c) => c.split('.')[0]!), 'audit']);

describe('CLI command files', () => {
  const files = fs.readdirSync(path.join(ROOT, 'electron/cli')).filter((f) => !SHELL.includes(f));
  it('exist', () => expect(files.length).toBeGreaterThan(5));
  it.each(files)('%s is named after a feature slug', (file) => {
    expect(SLUGS).toContain(path.basename(file, '.ts'));
  });
});
