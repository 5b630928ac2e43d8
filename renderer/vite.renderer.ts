/**
 * Vite config of the renderer, shared by electron-vite (the app) and the browser harness,
 * so both serve the very same bundle. The CSP meta tag comes from shared/csp.ts.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';
import { buildCsp } from '../shared/csp';

function cspPlugin(): Plugin {
  let dev = false;
  return {
    name: 'callback-desk-csp',
    configResolved(c) {
      dev = c.command === 'serve';
    },
    transformIndexHtml(html) {
      return html.replace(
        '%CSP%',
        buildCsp({
          forMetaTag: true,
          ...(dev ? { devServer: 'http://localhost:5173' } : {}),
        }),
      );
    },
  };
}

/** `rendererDir` is passed in because config bundlers rewrite import.meta paths. */
export function rendererConfig(rendererDir: string): UserConfig {
  const root = resolve(rendererDir);
  return {
    root,
    base: './',
    plugins: [react(), cspPlugin()],
    build: {
      outDir: resolve(root, '../out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4000,
      rolldownOptions: { input: resolve(root, 'index.html') },
    },
  };
}
