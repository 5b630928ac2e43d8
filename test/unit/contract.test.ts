import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApi, CHANNELS, contract, isChannel } from '../../shared/contract';
import { roleAllows } from '../../shared/roles';

describe('the IPC contract', () => {
  it('gives every channel an input schema, an output schema and a role', () => {
    expect(CHANNELS.length).toBeGreaterThan(0);
    for (const name of CHANNELS) {
      const def = contract[name];
      expect(def.input, name).toBeInstanceOf(z.ZodType);
      expect(def.output, name).toBeInstanceOf(z.ZodType);
      expect(['public', 'officer', 'manager', 'admin']).toContain(def.role);
      expect(() => z.toJSONSchema(def.input, { io: 'input' }), name).not.toThrow();
      expect(() => z.toJSONSchema(def.output), name).not.toThrow();
    }
  });

  it('rejects unknown keys and prototype keys in inputs', () => {
    expect(contract['auth.session'].input.safeParse({ extra: 1 }).success).toBe(false);
    expect(contract['loans.list'].input.safeParse(JSON.parse('{"__proto__": {"admin": true}}')).success).toBe(false);
    expect(contract['loans.list'].input.safeParse({ limit: 10 ** 9 }).success).toBe(false);
  });

  it('does not treat inherited object keys as channels', () => {
    expect(isChannel('toString')).toBe(false);
    expect(isChannel('__proto__')).toBe(false);
    expect(isChannel('loans.list')).toBe(true);
  });

  it('builds one api function per channel that forwards name and input', async () => {
    const seen: [string, unknown][] = [];
    const api = buildApi(async (c, i) => {
      seen.push([c, i]);
      return { ok: true, value: null };
    });
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    await api['loans.list']({ search: '张' });
    expect(seen).toEqual([['loans.list', { search: '张' }]]);
    expect(Object.isFrozen(api)).toBe(true);
  });
});

describe('roles', () => {
  it('rank officer < manager < admin; public needs no session', () => {
    expect(roleAllows('public', null)).toBe(true);
    expect(roleAllows('officer', null)).toBe(false);
    expect(roleAllows('officer', 'officer')).toBe(true);
    expect(roleAllows('manager', 'officer')).toBe(false);
    expect(roleAllows('manager', 'manager')).toBe(true);
    expect(roleAllows('manager', 'admin')).toBe(true);
    expect(roleAllows('admin', 'manager')).toBe(false);
  });
});
