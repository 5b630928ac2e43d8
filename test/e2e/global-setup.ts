/** Once per run: build the renderer and write a seeded template database that each test copies. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureRendererBuilt } from '../harness/build';
import { seedTemplate, TEMPLATE_ENV } from './template';

export default async function globalSetup(): Promise<() => void> {
  await ensureRendererBuilt((m) => console.log(`[e2e] ${m}`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbd-e2e-template-'));
  const file = path.join(dir, 'template.db');
  await seedTemplate(file);
  process.env[TEMPLATE_ENV] = file;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
