/** The application log: ID, phone and account numbers never reach a log line; files rotate by size. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppContext } from '../../electron/core/context';
import { createDispatcher } from '../../electron/core/dispatch';
import { handlers } from '../../electron/core/handlers';
import { createLogger, LOG_FILE } from '../../electron/core/log';
import { tempDb, tempDir } from '../helpers';

const ID = '110105194912310021';
const ID_X = '11010519491231002X';
const PHONE = '13812345678';
const ACCOUNT = '6222021234567890123';

describe('log', () => {
  it('masks ID, phone and account numbers in every line, on file and on the echo', () => {
    const dir = tempDir();
    const echoed: string[] = [];
    const log = createLogger({ dir, echo: (l) => echoed.push(l) });
    log.error('import', `row 3: ID ${ID} phone ${PHONE} account ${ACCOUNT}`);
    log.warn(`scope ${PHONE}`, `X-check ${ID_X}; spaced 138 1234 5678; dashed 138-1234-5678`);
    log.info('multi', `line one\n${ID}\r\nline three`);
    const text = fs.readFileSync(path.join(dir, LOG_FILE), 'utf8');
    for (const out of [text, echoed.join('')]) {
      for (const secret of [ID, ID_X, PHONE, ACCOUNT, '138 1234 5678', '138-1234-5678'])
        expect(out).not.toContain(secret);
      expect(out).toContain('110105********0021');
      expect(out).toContain('138****5678');
      expect(out).toContain('6222***********0123');
    }
    expect(text.trimEnd().split('\n')).toHaveLength(3); // one line per event, line breaks folded
    expect(fs.statSync(path.join(dir, LOG_FILE)).mode & 0o777).toBe(0o600);
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = tempDir();
    const log = createLogger({ dir, maxBytes: 1000, keep: 3 });
    for (let i = 0; i < 300; i++) log.info('loop', `event ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`, `${LOG_FILE}.3`]);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(1000);
    expect(fs.readFileSync(path.join(dir, LOG_FILE), 'utf8')).toContain('event 299');
  });

  it('an unexpected error inside a channel is logged redacted, and the caller gets a plain internal error', async () => {
    const dir = tempDir();
    const ctx = openAppContext(tempDb(), { log: createLogger({ dir }) });
    const original = handlers['auth.session'];
    (handlers as Record<string, unknown>)['auth.session'] = () => {
      throw new Error(`lookup failed for ${ID} / ${PHONE}`);
    };
    try {
      const r = await createDispatcher(ctx)('auth.session', {});
      expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'errors.internal' } });
    } finally {
      (handlers as Record<string, unknown>)['auth.session'] = original;
      ctx.close();
    }
    const text = fs.readFileSync(path.join(dir, LOG_FILE), 'utf8');
    expect(text).toMatch(/ERROR \[dispatch\] auth\.session: Error: lookup failed for 110105\*{8}0021 \/ 138\*{4}5678/);
    expect(text).not.toContain(ID);
    expect(text).not.toContain(PHONE);
  });
});
