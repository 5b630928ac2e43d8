/** Builds the renderer with the app's own Vite config when the bundle is missing or older than its sources. */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { rendererConfig } from '../../renderer/vite.renderer';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_OUT = path.join(PROJECT_ROOT, 'out/renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(): boolean {
  const index = path.join(RENDERER_OUT, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = Math.max(
    newestMtime(path.join(PROJECT_ROOT, 'renderer')),
    newestMtime(path.join(PROJECT_ROOT, 'shared')),
    fs.statSync(path.join(PROJECT_ROOT, 'package-lock.json')).mtimeMs,
  );
  return sources > built;
}

export async function ensureRendererBuilt(log: (m: string) => void = () => {}): Promise<boolean> {
  if (!rendererIsStale()) return false;
  log('building the renderer…');
  await build({
    ...rendererConfig(path.join(PROJECT_ROOT, 'renderer')),
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
  });
  return true;
}
