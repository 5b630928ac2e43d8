// ESLint flat config: typescript-eslint, react-hooks, and the layer rules of DESIGN.md §2.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * One layer's import rule as an allow-list (DESIGN.md §2): every package import is refused unless it is
 * in `packages` (gitignore patterns, so `node:*` or `antd/**`); relative imports are allowed except
 * into the folders in `denyPaths` (the layers this one must not reach). `no-restricted-imports`
 * already supports negated patterns, so no plugin is needed for this.
 */
/** gitignore cannot re-include a file whose folder is excluded: `a/b/**` needs `!a` and `!a/b` first. */
const allow = (p) => p.split('/').map((_, i, parts) => `!${parts.slice(0, i + 1).join('/')}`);

const layer = (files, { packages, denyPaths, message }) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: [...new Set(['**', '!./**', '!../**', '!.', '!..', ...packages.flatMap(allow)])], message },
          ...(denyPaths.length ? [{ group: denyPaths, message }] : []),
        ],
      },
    ],
  },
});

/** `import('electron')` and `require('electron')` slip past no-restricted-imports: refuse them by syntax. */
const noDynamicElectron = (files) => ({
  files,
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: 'ImportExpression[source.value=/^electron(\\/|$)/]',
        message: 'electron/core runs under plain Node: no electron, not even through import() (DESIGN.md §2).',
      },
      {
        selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\/|$)/]",
        message: 'electron/core runs under plain Node: no electron, not even through require() (DESIGN.md §2).',
      },
    ],
  },
});

const NODE = ['node:*', 'node:*/*'];
const SERVER_LIBS = [
  'better-sqlite3',
  'chinese-days/**',
  'csv-parse',
  'csv-parse/**',
  'csv-stringify',
  'csv-stringify/**',
  'exceljs',
  'fflate',
  'i18next',
  'yauzl',
  'zod',
  'zod/**',
];
const BROWSER_LIBS = [
  'react',
  'react/**',
  'react-dom',
  'react-dom/**',
  'antd',
  'antd/**',
  '@ant-design/icons',
  '@ant-design/icons/**',
  '@hookform/resolvers/**',
  'react-hook-form',
  'dayjs',
  'dayjs/**',
  'echarts/**',
  'i18next',
  'react-i18next',
  'react-router',
  'zod',
  'zod/**',
  '@tanstack/**',
];

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
  // shared/ is pure: zod and other shared files only; no Node, no Electron, no UI library.
  layer(['shared/**/*.ts'], {
    packages: ['zod', 'zod/**'],
    denyPaths: ['**/electron/**', '**/renderer/**', '**/test/**', '**/headoffice/**'],
    message:
      'shared/ is pure TypeScript used on both sides: zod and shared/ only, no Node, Electron or UI libraries (DESIGN.md §2).',
  }),
  // renderer/ talks to the world only through window.api.
  layer(['renderer/src/**/*.{ts,tsx}'], {
    packages: BROWSER_LIBS,
    denyPaths: ['**/electron/**', '**/test/**', '**/headoffice/**'],
    message: 'renderer/ imports only shared/ and browser libraries (DESIGN.md §2); reach the core through window.api.',
  }),
  // Components read and write through app/query.ts (TanStack Query): the raw call() is for app/
  // only (the data path itself, the session module, the idle lock).
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/src/app/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value=/(^|\\/)api$/] ImportSpecifier[imported.name='call']",
          message:
            'Components fetch through useChannel / useChannelPages / useChannelMutation (renderer/src/app/query.ts), never call() by hand.',
        },
      ],
    },
  },
  // core services run under plain Node too: no electron, no UI, no shells.
  layer(['electron/core/**/*.ts'], {
    packages: [...NODE, ...SERVER_LIBS],
    denyPaths: ['**/renderer/**', '**/main/**', '**/cli/**', '**/preload/**', '**/test/**', '**/headoffice/**'],
    message:
      'electron/core imports only shared/, Node and server libraries (DESIGN.md §2); it is used by main, the CLI and the harness alike.',
  }),
  noDynamicElectron(['electron/core/**/*.ts']),
  layer(['electron/preload/**/*.ts'], {
    packages: ['electron'],
    denyPaths: ['**/core/**', '**/main/**', '**/cli/**', '**/renderer/**', '**/test/**'],
    message:
      'electron/preload imports electron and shared/ only (DESIGN.md §2): it exposes window.api and nothing else.',
  }),
  layer(['electron/main/**/*.ts'], {
    packages: ['electron', ...NODE],
    denyPaths: ['**/cli/**', '**/preload/**', '**/renderer/**', '**/test/**'],
    message: 'electron/main imports core, shared, Electron and Node only (DESIGN.md §2).',
  }),
  layer(['electron/cli/**/*.ts'], {
    packages: [...NODE],
    denyPaths: ['**/main/**', '**/preload/**', '**/renderer/**', '**/test/**'],
    message: 'electron/cli imports core, shared and Node only (DESIGN.md §2); it runs without Electron.',
  }),
  layer(['headoffice/**/*.{ts,tsx}'], {
    packages: ['**'],
    denyPaths: ['**/electron/**', '**/renderer/**', '**/test/**', 'electron', 'electron/**'],
    message: 'headoffice/ imports shared/ only of ours (DESIGN.md §2).',
  }),
);
