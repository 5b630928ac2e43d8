import { describe, expect, it } from 'vitest';
import { resources } from '../../shared/i18n/index';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

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
});
