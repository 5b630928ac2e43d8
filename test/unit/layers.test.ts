/**
 * The layer rules of DESIGN.md §2 are allow-lists enforced by ESLint (eslint.config.js): this table
 * lints each import in the file of each layer with the repository's real config. Every "refused" row
 * is an import that lint used to accept, or one a layer must never take; the "allowed" rows keep the
 * rules from turning into "refuse everything".
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';

const eslint = new ESLint({ cwd: ROOT });
const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

async function refusals(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return r!.messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId)).map((m) => m.message);
}

const SHARED = 'shared/domain/x.ts';
const RENDERER = 'renderer/src/x.tsx';
const CORE = 'electron/core/calls/x.ts';
const PRELOAD = 'electron/preload/x.ts';
const MAIN = 'electron/main/x.ts';
const CLI = 'electron/cli/x.ts';
const HEADOFFICE = 'headoffice/src/x.ts';

// [layer file, code]: lint must refuse it.
const REFUSED: [string, string][] = [
  // the 14 imports the issue found lint accepting
  [SHARED, "import 'zlib';"],
  [SHARED, "import 'stream';"],
  [SHARED, "import 'react';"],
  [SHARED, "import 'exceljs';"],
  [RENDERER, "import 'exceljs';"],
  [RENDERER, "import 'yauzl';"],
  [RENDERER, "import 'util';"],
  [PRELOAD, "import '../core/db/open';"],
  [CLI, "import '../main/ipc';"],
  [CORE, "import 'react';"],
  [CORE, "import 'antd';"],
  [CORE, "const e = await import('electron');"],
  [CORE, "const e = require('electron');"],
  [CORE, "import { app } from 'electron';"],
  // and more of the same kinds
  [SHARED, "import 'node:buffer';"],
  [SHARED, "import 'node:fs';"],
  [SHARED, "import 'electron';"],
  [SHARED, "import '../../electron/core/audit/log';"],
  [SHARED, "import '../../renderer/src/app/api';"],
  [SHARED, "import '../../test/helpers';"],
  [SHARED, "import 'better-sqlite3';"],
  [SHARED, "import 'antd';"],
  [RENDERER, "import 'node:fs';"],
  [RENDERER, "import 'fs';"],
  [RENDERER, "import 'better-sqlite3';"],
  [RENDERER, "import 'electron';"],
  [RENDERER, "import 'csv-parse';"],
  [RENDERER, "import '../../electron/core/db/open';"],
  [RENDERER, "import '../../test/helpers';"],
  [CORE, "import 'react-dom/client';"],
  [CORE, "import '@ant-design/icons';"],
  [CORE, "import 'electron/main';"],
  [CORE, "import 'fs';"],
  [CORE, "import '../../main/security';"],
  [CORE, "import '../../cli/common';"],
  [CORE, "import '../../preload/index';"],
  [CORE, "import '../../../renderer/src/api';"],
  [CORE, "import '../../../test/helpers';"],
  [CORE, "const e = await import('electron/main');"],
  [PRELOAD, "import 'node:fs';"],
  [PRELOAD, "import '../../shared/../electron/core/db/open';"],
  [PRELOAD, "import '../main/security';"],
  [MAIN, "import '../cli/common';"],
  [MAIN, "import '../../renderer/src/app/api';"],
  [MAIN, "import '../../test/helpers';"],
  [MAIN, "import 'react';"],
  [CLI, "import 'electron';"],
  [CLI, "import '../preload/index';"],
  [CLI, "import '../../test/helpers';"],
  [CLI, "import 'antd';"],
  [HEADOFFICE, "import '../../electron/core/audit/log';"],
  [HEADOFFICE, "import '../../renderer/src/app/api';"],
  [HEADOFFICE, "import 'electron';"],
  // components fetch through app/query.ts, not by hand
  [RENDERER, "import { call } from './api';"],
  ['renderer/src/features/tasks/x.tsx', "import { call, errorOf } from '../../api';"],
];

// [layer file, code]: lint must accept it.
const ALLOWED: [string, string][] = [
  [SHARED, "import 'zod';"],
  [SHARED, "import './mask';"],
  [SHARED, "import '../contract';"],
  [RENDERER, "import 'react';"],
  [RENDERER, "import 'antd';"],
  [RENDERER, "import '@ant-design/icons';"],
  [RENDERER, "import '@hookform/resolvers/zod';"],
  [RENDERER, "import 'echarts/core';"],
  [RENDERER, "import 'dayjs/locale/zh-cn';"],
  [RENDERER, "import '../../shared/contract';"],
  [RENDERER, "import './styles.css';"],
  [RENDERER, "import { errorOf } from './api';"],
  ['renderer/src/app/x.ts', "import { call } from '../api';"],
  [RENDERER, "import '@tanstack/react-query';"],
  [CORE, "import 'node:fs';"],
  [CORE, "import 'node:stream/promises';"],
  [CORE, "import 'better-sqlite3';"],
  [CORE, "import 'exceljs';"],
  [CORE, "import 'csv-parse/sync';"],
  [CORE, "import '../db/open';"],
  [CORE, "import '../../../shared/result';"],
  [CORE, "const m = await import('./records');"],
  [PRELOAD, "import 'electron';"],
  [PRELOAD, "import '../../shared/channels';"],
  [MAIN, "import 'electron';"],
  [MAIN, "import 'node:path';"],
  [MAIN, "import '../core/runtime';"],
  [MAIN, "import '../../shared/contract';"],
  [CLI, "import 'node:util';"],
  [CLI, "import '../core/runtime';"],
  [HEADOFFICE, "import '../../shared/contract';"],
];

describe('layer allow-lists', () => {
  it('hold the 14 imports the issue found, and more', () => {
    expect(REFUSED.length).toBeGreaterThanOrEqual(14);
  });
  it.each(REFUSED)('%s refuses %s', async (file, code) => {
    expect(await refusals(file, `${code}\n`)).not.toEqual([]);
  });
  it.each(ALLOWED)('%s accepts %s', async (file, code) => {
    expect(await refusals(file, `${code}\n`)).toEqual([]);
  });
});
