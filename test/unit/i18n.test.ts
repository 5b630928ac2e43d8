import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '../../shared/i18n/index';
import { ROOT } from '../helpers';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

const MESSAGES = path.join(ROOT, 'shared/i18n/messages');
const namespaceFiles = fs
  .readdirSync(MESSAGES)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3))
  .sort();

describe('message catalogues', () => {
  it('have the same keys in every language', () => {
    expect(keys(resources.en).sort()).toEqual(keys(resources['zh-CN']).sort());
  });
  it('use the same placeholders in every language', () => {
    const get = (o: object, k: string) =>
      k.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown>)[p], o) as string;
    for (const k of keys(resources['zh-CN'])) {
      const ph = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
      expect(ph(get(resources.en, k)), k).toEqual(ph(get(resources['zh-CN'], k)));
    }
  });
  it('are one file per namespace, named as its top-level key, each holding only that namespace', async () => {
    for (const lang of ['zh-CN', 'en'] as const) expect(Object.keys(resources[lang]).sort()).toEqual(namespaceFiles);
    for (const ns of namespaceFiles) {
      const m = (await import(path.join(MESSAGES, `${ns}.ts`))) as Record<string, unknown>;
      expect(Object.keys(m).sort(), ns).toEqual(['en', 'zh']);
      expect(resources['zh-CN'][ns as keyof typeof resources.en], ns).toBe(m.zh);
      expect(resources.en[ns as keyof typeof resources.en], ns).toBe(m.en);
    }
  });
  it('have no leftover old namespaces (issue 17: namespace = feature slug)', () => {
    const old = ['import', 'importErrors', 'report', 'dashboard', 'call', 'loanFile', 'login', 'lock'];
    expect(Object.keys(resources['zh-CN']).filter((ns) => old.includes(ns))).toEqual([]);
  });
  it('write each KPI label once (reports.kpi): not again for the chart series or the weekly report', () => {
    // By the Chinese text (en may say 'Overdue tasks' for both 逾期任务 and the series' 逾期任务数).
    const reports = resources['zh-CN'].reports;
    const labels = new Set<string>(Object.values(reports.kpi));
    const get = (k: string) => k.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown>)[p], reports);
    expect(keys(reports).filter((k) => !k.startsWith('kpi.') && labels.has(get(k) as string))).toEqual([]);
    expect(resources['zh-CN'].reports.kpi.averageHandleSeconds).toBe('平均通话时长（秒）');
  });
});
