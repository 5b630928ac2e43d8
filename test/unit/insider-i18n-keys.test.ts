/**
 * Every message key the code uses exists in both catalogues (issue #16: a renamed key must fail
 * a test). Scans the app's sources (renderer/, electron/, shared/) for keys in t('…') calls,
 * AppError / fail(…) messages, `key:` / `message:` / `*Key:` properties and 'errors.…' literals;
 * a template key such as t(`outcomes.${o}`) (or tIn(t, 'outcomes', o)) must at least have its fixed prefix in both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '../../shared/i18n/index';
import { ROOT } from '../helpers';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || p.endsWith(path.join('shared', 'i18n')) ? [] : sources(p);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function flatKeys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? flatKeys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

const KEY = String.raw`[a-zA-Z][\w]*(?:\.[\w]+)+`;
const STATIC: RegExp[] = [
  new RegExp(String.raw`\bt\(\s*['"\`](${KEY})['"\`]`, 'g'),
  new RegExp(String.raw`\b(?:AppError|fail)\(\s*'[a-z_]+',\s*'(${KEY})'`, 'g'),
  new RegExp(String.raw`\b(?:key|message|\w+Key):\s*'(${KEY})'`, 'g'),
  new RegExp(String.raw`'(errors\.[\w.]+)'`, 'g'),
];
const TEMPLATE = /\bt\(\s*`([a-zA-Z][\w.]*)\$\{/g;
/** tIn(t, 'items', code) reads `items.<code>`: its group is a fixed part like a template's. */
const GROUP = /\btIn\(\s*\w+,\s*'([a-zA-Z][\w.]*)'/g;

const catalogues = Object.entries(resources).map(([lang, c]) => ({ lang, keys: new Set(flatKeys(c)) }));
const files = ['renderer', 'electron', 'shared'].flatMap((d) => sources(path.join(ROOT, d)));

function uses(patterns: RegExp[]): { key: string; where: string }[] {
  const out: { key: string; where: string }[] = [];
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const re of patterns)
      for (const m of text.matchAll(re)) {
        const line = text.slice(0, m.index).split('\n').length;
        out.push({ key: m[1]!, where: `${path.relative(ROOT, f)}:${line}` });
      }
  }
  return out;
}

/** A key, or its i18next plural forms (t('review.days', { count }) reads review.days_one / _other). */
const has = (keys: Set<string>, key: string) => keys.has(key) || keys.has(`${key}_other`);

/** Channel names and similar dotted strings that a `key:` / `message:` pattern may catch but are not messages. */
const namespaces = new Set(Object.keys(resources['zh-CN']));

describe('message keys used in code', () => {
  it('finds the keys it is meant to find (the scan itself works)', () => {
    const found = new Set(uses(STATIC).map((u) => u.key));
    for (const k of ['errors.recordNotYours', 'errors.internal', 'errors.forbidden', 'menu.edit'])
      expect(found, k).toContain(k);
    expect(uses([TEMPLATE]).map((u) => u.key)).toContain('outcomes.');
    expect(uses([GROUP]).map((u) => u.key)).toContain('imports.errors');
  });

  it('exist in every catalogue', () => {
    const missing: string[] = [];
    for (const { key, where } of uses(STATIC)) {
      if (!namespaces.has(key.split('.')[0]!)) continue;
      for (const c of catalogues) if (!has(c.keys, key)) missing.push(`${c.lang}: ${key} (${where})`);
    }
    expect(missing).toEqual([]);
  });

  it('template keys have their fixed part in every catalogue', () => {
    const missing: string[] = [];
    const groups = uses([GROUP]).map((u) => ({ ...u, key: `${u.key}.` }));
    for (const { key, where } of [...uses([TEMPLATE]), ...groups])
      for (const c of catalogues)
        if (![...c.keys].some((k) => k.startsWith(key) && k.length > key.length))
          missing.push(`${c.lang}: ${key}… (${where})`);
    expect(missing).toEqual([]);
  });
});
