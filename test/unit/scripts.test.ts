import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ITEMS, OUTCOMES, type ItemKey, type Outcome } from '../../shared/domain/calls';
import { TASK_TYPES, type TaskType } from '../../shared/domain/taskRules';
import { checklistKey, scriptSchema, type Script, type ScriptParty, type Step } from '../../shared/scripts/schema';
import { SAMPLE_PARTIES, scriptProblems, walkAllPaths, type ScriptPath } from '../../shared/scripts/walk';

const DIR = path.resolve(import.meta.dirname, '../../resources/scripts');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));
const raw = (type: string): unknown => JSON.parse(fs.readFileSync(path.join(DIR, `${type}.json`), 'utf8'));

function load(type: TaskType): Script {
  const r = scriptSchema.safeParse(raw(type));
  if (!r.success) throw new Error(`${type}: ${JSON.stringify(r.error.issues)}`);
  return r.data;
}

const PARTY_SETS: readonly (readonly ScriptParty[])[] = [0, 1, 2].map((n) => SAMPLE_PARTIES.slice(0, n));

/** The items a completed call of each type must have covered (domain reference §1–§2), fraud notice apart. */
const REQUIRED: Record<TaskType, ItemKey[]> = {
  post_approval: [
    'identity',
    'application_willingness',
    'employer',
    'income',
    'property',
    'loan_terms',
    'down_payment',
    'intermediary',
    'co_borrower',
    'repayment_account',
  ],
  post_disbursement: ['identity', 'use_of_funds', 'loan_terms', 'repayment_account', 'changes'],
  repayment_reminder: ['identity', 'repayment_account', 'changes'],
  collateral_revaluation: ['identity', 'property', 'changes'],
  event: ['identity', 'employer', 'income', 'changes', 'repayment_account'],
  satisfaction: ['identity', 'satisfaction'],
};

/** Checklist keys an item gives for these parties (co_borrower: one per party, none without parties). */
const keysFor = (item: ItemKey, parties: readonly ScriptParty[]) =>
  item === 'co_borrower' ? parties.map((p) => checklistKey(item, p.id)) : [checklistKey(item, null)];

const stepOf = (s: Script, id: string): Step => {
  const st = s.steps.find((x) => x.id === id.split('#')[0]);
  if (!st) throw new Error(`no step ${id}`);
  return st;
};

/** Every text a step shows (text, hint, option labels, unit), both languages. */
function stepTexts(st: Step): string[] {
  const texts = [st.text];
  if (st.kind === 'ask') {
    if (st.hint) texts.push(st.hint);
    if (st.input.type === 'choice') texts.push(...st.input.options.map((o) => o.label));
    if (st.input.type === 'number' && st.input.unit) texts.push(st.input.unit);
  }
  return texts.flatMap((t) => [t['zh-CN'], t.en]);
}

/** Messages of a failed parse, as `path: message`. */
function issues(doc: unknown): string[] {
  const r = scriptSchema.safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('bundled call scripts', () => {
  it('are one file per task type, named after it', () => {
    expect(files.sort()).toEqual(TASK_TYPES.map((t) => `${t}.json`).sort());
    for (const type of TASK_TYPES) {
      const doc = raw(type) as { key: unknown; taskType: unknown };
      expect(doc.key).toBe(type);
      expect(doc.taskType).toBe(type);
    }
  });

  describe.each(TASK_TYPES)('%s', (type) => {
    it('passes the schema and the walk checks', () => {
      expect(issues(raw(type))).toEqual([]);
      expect(scriptProblems(load(type))).toEqual([]);
    });

    it('opens with the greeting, the recording notice and identity (name and last 4 ID digits)', () => {
      const s = load(type);
      const first = walkAllPaths(s, [])[0]!
        .steps.slice(0, 3)
        .map((id) => stepOf(s, id));
      expect(first[0]).toMatchObject({ kind: 'say', mustRead: true });
      expect(first[0]!.text['zh-CN']).toMatch(/\{branchName\}.*\{officerName\}/);
      expect(first[0]!.text.en).toMatch(/\{officerName\}.*\{branchName\}/);
      expect(first[1]).toMatchObject({ kind: 'say', mustRead: true });
      expect(first[1]!.text['zh-CN']).toContain('录音');
      expect(first[1]!.text.en).toMatch(/recorded/);
      expect(first[2]).toMatchObject({ kind: 'ask', item: 'identity', input: { type: 'choice' } });
      expect(first[2]!.text['zh-CN']).toMatch(/全名.*身份证.*后四位/);
      expect(first[2]!.text.en).toMatch(/full name.*last four digits of your ID/);
    });

    it('has a fraud notice read aloud as the fraud_notice item', () => {
      const fraud = load(type).steps.filter((s) => s.kind === 'say' && s.item === 'fraud_notice');
      expect(fraud).toHaveLength(1);
      expect(fraud[0]).toMatchObject({ mustRead: true });
      expect(fraud[0]!.text['zh-CN']).toMatch(/密码.*验证码.*转账/);
      expect(fraud[0]!.text.en).toMatch(/password.*SMS.*transfer/);
    });

    it('has Chinese in zh-CN and none in en', () => {
      for (const st of load(type).steps) {
        const texts = stepTexts(st);
        for (let i = 0; i < texts.length; i += 2) {
          expect(texts[i], `${st.id} zh-CN`).toMatch(/[\u4e00-\u9fff]/);
          expect(texts[i + 1], `${st.id} en`).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
        }
      }
    });

    it.each([0, 1, 2])(
      'ends every path with a known outcome and covers the checklist when completed (%i parties)',
      (n) => {
        const s = load(type);
        const parties = PARTY_SETS[n]!;
        const paths = walkAllPaths(s, parties);
        expect(paths.length).toBeGreaterThan(0);
        const completed = paths.filter((p) => p.outcome === 'completed');
        expect(completed.length).toBeGreaterThan(0);
        const fraudId = s.steps.find((st) => st.kind === 'say' && st.item === 'fraud_notice')!.id;
        for (const p of paths) {
          expect(OUTCOMES).toContain(p.outcome);
          expect(stepOf(s, p.steps.at(-1)!).kind).toBe('end');
        }
        for (const p of completed) {
          const want = REQUIRED[type].flatMap((item) => keysFor(item, parties));
          expect(p.items).toEqual(expect.arrayContaining(want));
          expect(p.reads).toContain(fraudId);
          expect(p.reads.slice(0, 2)).toEqual(p.steps.slice(0, 2));
        }
      },
    );

    it('says nothing about the loan aloud until the borrower is identified', () => {
      const s = load(type);
      const identity = s.steps.find((st) => st.kind === 'ask' && st.item === 'identity')!;
      if (identity.kind !== 'ask' || identity.input.type !== 'choice') throw new Error('identity is not a choice');
      const confirmed = identity.input.options.filter((o) => o.result === 'match').map((o) => o.value);
      expect(confirmed).toHaveLength(1);
      const loanWords =
        /贷|房产|还款|月供|loan|mortgage|property|repay|\{(loanAmount|monthlyPayment|propertyAddress|loanTerm|repaymentDay)\}/i;
      let unidentified = 0;
      for (const p of walkAllPaths(s, [])) {
        const at = p.steps.indexOf(identity.id);
        const upTo = p.answers[identity.id]!.includes(confirmed[0]!) ? at + 1 : p.steps.length;
        if (upTo === p.steps.length) unidentified++;
        for (const id of p.steps.slice(0, upTo)) {
          const said = stepOf(s, id).text;
          expect(said['zh-CN'], id).not.toMatch(loanWords);
          expect(said.en, id).not.toMatch(loanWords);
        }
      }
      expect(unidentified).toBeGreaterThanOrEqual(5);
    });
  });

  it('reach every outcome a call-back needs (post_approval)', () => {
    const s = load('post_approval');
    const reached = new Set<Outcome>(PARTY_SETS.flatMap((ps) => walkAllPaths(s, ps).map((p) => p.outcome)));
    for (const o of ['completed', 'wrong_person', 'callback_requested', 'refused'] as const)
      expect(reached).toContain(o);
  });

  it('send someone other than the borrower to a time question, ending wrong_person or callback_requested', () => {
    const s = load('post_approval');
    const viaThirdParty = walkAllPaths(s, []).filter((p) => p.answers['identity']?.includes('other_person'));
    expect(viaThirdParty.length).toBeGreaterThanOrEqual(2);
    for (const p of viaThirdParty) {
      const asks = p.steps.map((id) => stepOf(s, id)).filter((st) => st.kind === 'ask');
      expect(asks.map((st) => st.kind === 'ask' && st.item)).toEqual(['identity', 'identity']);
    }
    expect(new Set(viaThirdParty.map((p) => p.outcome))).toEqual(
      new Set(['callback_requested', 'wrong_person', 'invalid_number']),
    );
  });

  it('ask about each co-borrower and guarantor in turn, and skip the question when there are none', () => {
    const s = load('post_approval');
    const [none, one, two] = PARTY_SETS.map((ps) => walkAllPaths(s, ps).find((p) => p.outcome === 'completed')!);
    expect(none!.steps.filter((id) => id.startsWith('co_borrower'))).toEqual([]);
    expect(one!.steps.filter((id) => id.startsWith('co_borrower'))).toEqual(['co_borrower#101']);
    expect(two!.steps.filter((id) => id.startsWith('co_borrower'))).toEqual(['co_borrower#101', 'co_borrower#102']);
    expect(two!.items).toEqual(expect.arrayContaining(['co_borrower:101', 'co_borrower:102']));
  });

  it('raise the answer flags of the options chosen', () => {
    const s = load('post_approval');
    const option = (item: ItemKey, flag: string) => {
      const st = s.steps.find((x) => x.kind === 'ask' && x.item === item);
      if (st?.kind !== 'ask' || st.input.type !== 'choice') throw new Error(`no choice for ${item}`);
      const o = st.input.options.find((x) => x.flag === flag);
      if (!o) throw new Error(`no ${flag} option on ${item}`);
      return { step: st.id, option: o };
    };
    const dp = option('down_payment', 'down_payment_loan');
    expect(dp.option.result).toBe('mismatch');
    expect(option('intermediary', 'intermediary_arranged').option.result).toBe('mismatch');
    expect(option('co_borrower', 'co_borrower_unaware').option.result).toBe('mismatch');

    const paths = walkAllPaths(s, PARTY_SETS[2]!);
    const chose = (p: ScriptPath) => p.answers[dp.step]?.includes(dp.option.value) ?? false;
    const withLoan = paths.filter(chose);
    const without = paths.filter((p) => p.answers[dp.step] && !chose(p));
    expect(withLoan.length).toBeGreaterThan(0);
    expect(without.length).toBeGreaterThan(0);
    for (const p of withLoan) expect(p.flags).toContain('down_payment_loan');
    for (const p of without) expect(p.flags).not.toContain('down_payment_loan');
    // Per party: the second party's "does not know" is its own branch.
    const unaware = option('co_borrower', 'co_borrower_unaware').option.value;
    const second = paths.filter((p) => p.answers['co_borrower#102']?.includes(unaware));
    expect(second.length).toBeGreaterThan(0);
    for (const p of second) expect(p.flags).toContain('co_borrower_unaware');
  });

  it('give the satisfaction score as values score_1…score_5 on a record item', () => {
    const st = load('satisfaction').steps.find((x) => x.kind === 'ask' && x.item === 'satisfaction');
    if (st?.kind !== 'ask' || st.input.type !== 'choice') throw new Error('no satisfaction choice');
    expect(ITEMS.satisfaction.kind).toBe('record');
    expect(st.input.options.map((o) => o.value)).toEqual(
      expect.arrayContaining([1, 2, 3, 4, 5].map((n) => `score_${n}`)),
    );
    expect(st.input.options.every((o) => o.result === undefined)).toBe(true);
  });
});

describe('script validation catches mistakes', () => {
  const good = () => structuredClone(load('post_approval'));
  const mutate = (f: (s: Script) => void) => {
    const s = good();
    f(s);
    return s;
  };
  const step = (s: Script, id: string) => {
    const st = s.steps.find((x) => x.id === id);
    if (!st) throw new Error(`no step ${id}`);
    return st;
  };

  it('starts from a valid script', () => {
    expect(issues(good())).toEqual([]);
    expect(scriptProblems(good())).toEqual([]);
  });

  it('an unknown next target', () => {
    const s = mutate((s) => {
      const st = step(s, 'intro');
      if (st.kind !== 'end') st.next = 'nowhere';
    });
    expect(issues(s)).toEqual([`steps.${s.steps.findIndex((x) => x.id === 'intro')}.next: scripts.unknownStep`]);
    const o = mutate((s) => {
      const st = step(s, 'employer');
      if (st.kind === 'ask' && st.input.type === 'choice') st.input.options[1]!.next = 'nowhere';
    });
    expect(issues(o)).toEqual([
      `steps.${o.steps.findIndex((x) => x.id === 'employer')}.input.options.1.next: scripts.unknownStep`,
    ]);
  });

  it('a cycle', () => {
    const s = mutate((s) => {
      const st = step(s, 'repayment_account');
      if (st.kind !== 'end') st.next = 'employer';
    });
    expect(issues(s)).toContain('steps: scripts.cycle');
  });

  it('a duplicate step id', () => {
    const s = mutate((s) => s.steps.push({ ...structuredClone(step(s, 'closing')) }));
    expect(issues(s)).toContain(`steps.${s.steps.length - 1}.id: scripts.duplicateStep`);
  });

  it('an unreachable step', () => {
    const s = mutate((s) =>
      s.steps.push({ id: 'orphan', kind: 'end', outcome: 'completed', text: { 'zh-CN': '再见', en: 'Goodbye' } }),
    );
    expect(issues(s)).toEqual([`steps.${s.steps.length - 1}: scripts.unreachable`]);
  });

  it('a missing English text', () => {
    const s = mutate((s) => {
      delete (step(s, 'income').text as { en?: string }).en;
    });
    const at = s.steps.findIndex((x) => x.id === 'income');
    expect(issues(s)).toHaveLength(1);
    expect(issues(s)[0]).toMatch(new RegExp(`^steps\\.${at}\\.text\\.en: `));
  });

  it('perParty on an item other than co_borrower', () => {
    const s = mutate((s) => {
      const st = step(s, 'employer');
      if (st.kind === 'ask' && st.input.type === 'choice') {
        st.perParty = true;
        for (const o of st.input.options) delete o.next;
      }
    });
    expect(issues(s)).toEqual([
      `steps.${s.steps.findIndex((x) => x.id === 'employer')}.perParty: scripts.perPartyItem`,
    ]);
  });

  it('a per-party step that branches', () => {
    const s = mutate((s) => {
      const st = step(s, 'co_borrower');
      if (st.kind === 'ask' && st.input.type === 'choice') st.input.options[1]!.next = 'end_refused';
    });
    expect(issues(s)).toContain(`steps.${s.steps.findIndex((x) => x.id === 'co_borrower')}: scripts.perPartyBranch`);
  });

  it('an unknown merge field, in any language or option label', () => {
    const s = mutate((s) => {
      step(s, 'loan_terms').text.en += ' Rate: {annualRate}.';
      const id = step(s, 'identity');
      if (id.kind === 'ask' && id.input.type === 'choice') id.input.options[0]!.label['zh-CN'] += '{borrower_name}';
    });
    expect(issues(s)).toEqual([]);
    expect(scriptProblems(s)).toEqual([
      'step identity option confirmed (zh-CN): unknown merge field {borrower_name}',
      'step loan_terms (en): unknown merge field {annualRate}',
    ]);
  });

  it('{partyName} outside a per-party step', () => {
    const s = mutate((s) => {
      step(s, 'repayment_account').text['zh-CN'] += '也请转告{partyName}。';
    });
    expect(scriptProblems(s)).toEqual(['step repayment_account (zh-CN): {partyName} outside a per-party step']);
  });

  it('a completed path that skips the fraud notice', () => {
    const s = mutate((s) => {
      const st = step(s, 'repayment_account');
      if (st.kind === 'ask' && st.input.type === 'choice') st.input.options[1]!.next = 'closing';
    });
    expect(issues(s)).toEqual([]);
    const problems = scriptProblems(s);
    expect(problems.length).toBeGreaterThan(0);
    expect(
      problems.every((p) =>
        /^completed path .* → repayment_account → closing \(\d part(y|ies)\) misses read-aloud step fraud_notice$/.test(
          p,
        ),
      ),
    ).toBe(true);
  });

  it('a completed path that skips a checklist item', () => {
    const s = mutate((s) => {
      const st = step(s, 'employer');
      if (st.kind === 'ask' && st.input.type === 'choice') st.input.options[2]!.next = 'property';
    });
    expect(issues(s)).toEqual([]);
    expect(scriptProblems(s)).toContain(
      'completed path greeting → recording_notice → identity → intro → willingness → employer → property → loan_terms → down_payment → intermediary → repayment_account → fraud_notice → closing (0 parties) misses checklist item income',
    );
  });

  it('a path that stops short of an end step', () => {
    const s = mutate((s) => {
      delete (step(s, 'intro') as { next?: string }).next;
    });
    expect(issues(s)).toContain(`steps.${s.steps.findIndex((x) => x.id === 'intro')}.next: scripts.noNext`);
    expect(scriptProblems(s)).toContain(
      'path greeting → recording_notice → identity → intro (0 parties) does not end at an end step',
    );
    expect(() => walkAllPaths(s, [])).toThrow(/does not end at an end step/);
  });

  it('runaway walks', () => {
    const cyclic = mutate((s) => {
      const st = step(s, 'repayment_account');
      if (st.kind !== 'end') st.next = 'employer';
    });
    expect(() => walkAllPaths(cyclic, [])).toThrow(/longer than 1000 steps/);
    expect(scriptProblems(cyclic)).toContain(
      '0 parties: script post_approval: a path is longer than 1000 steps (cycle?)',
    );

    // 17 two-way forks in a row: 2^17 paths.
    const text = { 'zh-CN': '问', en: 'Ask' };
    const steps: Step[] = [];
    for (let i = 0; i < 17; i++) {
      const after = i === 16 ? 'done' : `q${i + 1}`;
      steps.push(
        {
          id: `q${i}`,
          kind: 'ask',
          item: 'changes',
          text,
          input: {
            type: 'choice',
            options: [
              { value: 'a', label: text, next: `a${i}` },
              { value: 'b', label: text, next: `b${i}` },
            ],
          },
        },
        { id: `a${i}`, kind: 'say', text, next: after },
        { id: `b${i}`, kind: 'say', text, next: after },
      );
    }
    steps.push({ id: 'done', kind: 'end', outcome: 'completed', text });
    const wide = scriptSchema.parse({ key: 'wide', taskType: 'event', version: 1, title: text, start: 'q0', steps });
    expect(() => walkAllPaths(wide, [])).toThrow(/more than 100000 paths/);
  });
});
