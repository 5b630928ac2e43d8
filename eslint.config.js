// ESLint flat config: typescript-eslint, react-hooks, and the layer rules of DESIGN.md §2.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Forbid imports by path pattern, with the reason in the message. */
const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'better-sqlite3'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // shared/ is pure: nothing of ours, no Node, no Electron.
  layer(
    ['shared/**/*.ts'],
    ['**/electron/**', '**/renderer/**', '**/test/**', 'electron', ...NODE_BUILTINS],
    'shared/ is pure TypeScript used on both sides: it imports nothing of ours and no Node or Electron APIs (DESIGN.md §2).',
  ),
  // renderer/ talks to the world only through window.api.
  layer(
    ['renderer/src/**/*.{ts,tsx}'],
    ['**/electron/**', '**/test/**', 'electron', ...NODE_BUILTINS],
    'renderer/ imports only shared/ (DESIGN.md §2); reach the core through window.api.',
  ),
  // core services run under plain Node too: no electron, no UI, no shells.
  layer(
    ['electron/core/**/*.ts'],
    ['electron', 'electron/*', '**/renderer/**', '**/main/**', '**/cli/**', '**/preload/**', '**/test/**'],
    'electron/core imports only shared/ and Node (DESIGN.md §2); it is used by main, the CLI and the harness alike.',
  ),
  layer(
    ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'electron/cli/**/*.ts'],
    ['**/renderer/**', '**/test/**'],
    'electron/main, preload and cli import core and shared only (DESIGN.md §2).',
  ),
);
