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
      // The placeholder is the meta tag's whole content attribute, and it must be there exactly
      // once: a build that would ship the page without its policy fails instead (issue #23: the
      // first `%CSP%` was in a comment, so the tag kept the placeholder).
      const placeholder = 'content="%CSP%"';
      const at = html.indexOf(placeholder);
      if (at < 0 || html.indexOf(placeholder, at + 1) >= 0 || html.split('%CSP%').length !== 2)
        throw new Error('renderer/index.html must hold exactly one content="%CSP%" and no other %CSP%');
      const csp = buildCsp({ forMetaTag: true, ...(dev ? { devServer: 'http://localhost:5173' } : {}) });
      return html.replace(placeholder, `content="${csp}"`);
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
