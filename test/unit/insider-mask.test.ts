/**
 * Issue #16 item 2: the free-text masker against numbers written the way someone who wants them
 * to get through would write them (any separators up to 3 characters, full-width digits,
 * +86/0086), and against ordinary text that must stay readable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scrubPiiText } from '../../shared/domain/mask';

const digits = (s: string) => s.replace(/[^\dXx]/g, '');

describe('separators an officer can type between digit groups', () => {
  it.each([
    ['142/4551/8283', '142****8283'],
    ['142_4551_8283', '142****8283'],
    ['142—4551—8283', '142****8283'],
    ['142–4551–8283', '142****8283'],
    ['142  4551  8283', '142****8283'],
    ['142 - 4551 - 8283', '142****8283'],
    ['142.-4551_/8283', '142****8283'],
    ['电话：142——4551——8283。', '电话：142****8283。'],
    ['１４２／４５５１／８２８３', '142****8283'],
    ['142a4551b8283', '142****8283'],
    ['6222a0212a3456a7890', '6222********7890'],
    ['+86-142-4551-8283', '142****8283'],
    ['0086 142 4551 8283', '142****8283'],
    ['1\u200b4\u200b2\u200b\u200b\u200b\u200b4551 8283', '142****8283'],
    ['142转4551转8283', '142****8283'],
    ['330102-19870322--1397', '330102********1397'],
    ['330102/1987/03/22/1397', '330102********1397'],
    ['身份证33010219870322139x号', '身份证330102********139X号'],
    ['ID330102198703221397', 'ID330102********1397'],
    ['卡号 6222_0212_3456_7890_123', '卡号 6222***********0123'],
    ['账号 1234—5678—9012', '账号 1234****9012'],
  ])('%s', (text, masked) => {
    expect(scrubPiiText(text)).toBe(masked);
  });

  it('masks two numbers joined by a short separator', () => {
    const out = scrubPiiText('13812345678、13987654321');
    expect(digits(out)).not.toContain('12345678');
    expect(digits(out)).not.toContain('87654321');
  });

  it('masks a chain of more than 30 digits whole', () => {
    const out = scrubPiiText('1234567890 1234567890 1234567890 1234567890');
    expect(digits(out)).toHaveLength(8);
  });
});

describe('ordinary text stays readable', () => {
  it.each([
    '金额 1,200,000 元',
    '首付 1,200,000.00 元，月供 5,432.10',
    '2026-12-03 回电',
    '约定 2026-12-03 14:30 回电',
    '2026年12月3日14点30分再打',
    '2026/12/03 14:30:00',
    '2026-11-20 至 2026-11-27',
    '通话时段 09:00-12:00，14:00-18:00',
    '贷款编号 DK2026000001、DK2026000002',
    '合同号 HT20261120001234567',
    '房号 12-3-1502，面积 89.5 平方米',
    '20261203 已核实',
  ])('%s', (text) => {
    expect(scrubPiiText(text)).toBe(text);
  });
});

// Separators someone could put between groups: 1–3 characters, never a digit.
const sepChar = fc.constantFrom(' ', '-', '/', '_', '.', '—', '–', '·', '、', '，', '|', '*', '#', ':', '转', '\u3000');
const separator = fc.array(sepChar, { minLength: 1, maxLength: 3 }).map((a) => a.join(''));
const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** `number` cut into groups at random points, joined with random separators, maybe in full width. */
const written = (number: string) =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: number.length - 1 }), { maxLength: 6 }),
      fc.array(separator, { minLength: 6, maxLength: 6 }),
      fc.boolean(),
    )
    .map(([cuts, seps, wide]) => {
      const at = [...cuts].sort((a, b) => a - b);
      let out = '';
      let from = 0;
      at.forEach((c, k) => {
        out += number.slice(from, c) + seps[k];
        from = c;
      });
      out += number.slice(from);
      return wide ? fullWidth(out) : out;
    });

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const mobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.array(digit, { minLength: 9, maxLength: 9 }))
  .map(([b, rest]) => `1${b}${rest.join('')}`);
const idNumber = fc
  .tuple(fc.array(digit, { minLength: 17, maxLength: 17 }), fc.constantFrom('0', '5', '9', 'X'))
  .map(([a, last]) => a.join('') + last);
const account = fc
  .integer({ min: 12, max: 30 })
  .chain((n) => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join('')));
// Text around the number that carries no digits and does not touch it (4+ characters away).
const context = fc.string({
  unit: fc.constantFrom('电', '话', '是', '的', ' ', '，', '。', '号', '码'),
  maxLength: 12,
});
const around = (n: string) => fc.tuple(context, written(n), context).map(([a, w, b]) => `${a}说：${w}。记录${b}`);

/** The hidden middle of a masked number: it must not appear among the output's digits. */
function hidden(number: string, keepHead: number, keepTail: number): string {
  return number.slice(keepHead, number.length - keepTail);
}

/** The output's digits without the mask's own (head and tail may spell the middle by chance: 186****0000 has 1860). */
function beyondMask(out: string, number: string, keepHead: number, keepTail: number): string {
  return out.replace(number.slice(0, keepHead) + number.slice(number.length - keepTail), '');
}

describe('property: whatever the separators, the hidden digits never come out', () => {
  it('mobiles', () => {
    fc.assert(
      fc.property(
        mobile.chain((m) => around(m).map((t) => [m, t] as const)),
        ([m, text]) => {
          const out = digits(scrubPiiText(text));
          expect(out).not.toContain(m);
          expect(beyondMask(out, m, 3, 4)).not.toContain(hidden(m, 3, 4));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('ID numbers', () => {
    fc.assert(
      fc.property(
        idNumber.chain((id) => around(id).map((t) => [id, t] as const)),
        ([id, text]) => {
          const out = digits(scrubPiiText(text)).toUpperCase();
          expect(out).not.toContain(id);
          expect(beyondMask(out, id, 6, 4)).not.toContain(hidden(id, 6, 4));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('account numbers', () => {
    fc.assert(
      fc.property(
        account.chain((a) => around(a).map((t) => [a, t] as const)),
        ([a, text]) => {
          const out = digits(scrubPiiText(text));
          expect(out).not.toContain(a);
          expect(beyondMask(out, a, 4, 4)).not.toContain(hidden(a, 4, 4));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('+86 / 0086 before a mobile', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(mobile, fc.constantFrom('+86', '0086', '86', '+86 ', '0086-'))
          .chain(([m, p]) => written(m).map((w) => [m, `${p}${w}`] as const)),
        ([m, text]) => {
          expect(beyondMask(digits(scrubPiiText(text)), m, 3, 4)).not.toContain(hidden(m, 3, 4));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('dates and amounts of ordinary notes are left as typed', () => {
    const date = fc
      .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const amount = fc.integer({ min: 0, max: 99_999_999 }).map((n) => n.toLocaleString('en-US'));
    fc.assert(
      fc.property(fc.tuple(date, time, amount), ([d, t, a]) => {
        const text = `约 ${d} ${t} 回电，贷款 ${a} 元`;
        expect(scrubPiiText(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
