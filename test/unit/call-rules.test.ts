/** The call rules the call screen, the amend dialog and finalize/amend share (shared/domain/calls.ts): script parties, record outcome, changed lines. */
import { describe, expect, it } from 'vitest';
import {
  anyMismatch,
  entryChanged,
  recordOutcome,
  scriptPartiesOf,
  type ChecklistEntry,
  type ItemResult,
} from '../../shared/domain/calls';
import { checklistOf, scriptSchema } from '../../shared/scripts/schema';
import postApproval from '../../resources/scripts/post_approval.json';

const entry = (result: ItemResult | null): ChecklistEntry => ({ result, stated: '', note: '' });

describe('scriptPartiesOf', () => {
  it('keeps every party but the borrower, in the order given, with id, role and name only', () => {
    const parties = [
      { id: 1, role: 'borrower' as const, name: '张伟', idNumber: '1101**********1234', phone: '138****5678' },
      { id: 7, role: 'co_borrower' as const, name: '李娜', idNumber: '', phone: '' },
      { id: 3, role: 'guarantor' as const, name: '王强', idNumber: '', phone: '' },
    ];
    expect(scriptPartiesOf(parties)).toEqual([
      { id: 7, role: 'co_borrower', name: '李娜' },
      { id: 3, role: 'guarantor', name: '王强' },
    ]);
  });

  it('is empty for a loan with a borrower only (no per-party lines)', () => {
    const script = scriptSchema.parse(postApproval);
    const parties = scriptPartiesOf([{ id: 1, role: 'borrower', name: '张伟' }]);
    expect(parties).toEqual([]);
    expect(checklistOf(script, parties).some((l) => l.partyId !== null)).toBe(false);
  });

  it('gives the per-party checklist lines of the co-borrower and the guarantor', () => {
    const script = scriptSchema.parse(postApproval);
    const parties = scriptPartiesOf([
      { id: 1, role: 'borrower', name: '张伟' },
      { id: 7, role: 'co_borrower', name: '李娜' },
    ]);
    expect(checklistOf(script, parties).map((l) => l.key)).toContain('co_borrower:7');
  });
});

describe('recordOutcome', () => {
  const lines = [{ key: 'identity' }, { key: 'employer' }, { key: 'co_borrower:7' }];

  it('is completed when every line matches or cannot be verified', () => {
    const items = { identity: entry('match'), employer: entry('unverifiable'), 'co_borrower:7': entry('match') };
    expect(anyMismatch(items, lines)).toBe(false);
    expect(recordOutcome(items, lines)).toBe('completed');
  });

  it('is completed_with_discrepancy when one line, a per-party one too, is a mismatch', () => {
    expect(recordOutcome({ identity: entry('match'), employer: entry('mismatch') }, lines)).toBe(
      'completed_with_discrepancy',
    );
    expect(recordOutcome({ 'co_borrower:7': entry('mismatch') }, lines)).toBe('completed_with_discrepancy');
    expect(anyMismatch({ 'co_borrower:7': entry('mismatch') }, lines)).toBe(true);
  });

  it('counts only the given lines: a mismatch kept on a line no longer in the checklist does not', () => {
    // amendRecord passes the lines still in the checklist; the call screen its current checklist.
    expect(recordOutcome({ identity: entry('match'), 'guarantor:9': entry('mismatch') }, lines)).toBe('completed');
  });

  it('treats unanswered and missing lines as no mismatch', () => {
    expect(recordOutcome({ identity: entry(null) }, lines)).toBe('completed');
    expect(recordOutcome({}, lines)).toBe('completed');
    expect(recordOutcome({ identity: entry('mismatch') }, [])).toBe('completed');
  });
});

describe('entryChanged', () => {
  const recorded: ChecklistEntry = { result: 'match', stated: '与档案一致', note: '' };

  it('is false for the same line, and for the same text with spaces around it (stored trimmed)', () => {
    expect(entryChanged({ ...recorded }, recorded)).toBe(false);
    expect(entryChanged({ result: 'match', stated: ' 与档案一致 ', note: '  ' }, recorded)).toBe(false);
  });

  it('is true when the result, the stated value or the note changes', () => {
    expect(entryChanged({ ...recorded, result: 'mismatch' }, recorded)).toBe(true);
    expect(entryChanged({ ...recorded, result: null }, recorded)).toBe(true);
    expect(entryChanged({ ...recorded, stated: '已离职' }, recorded)).toBe(true);
    expect(entryChanged({ ...recorded, note: '客户称已于上月离职' }, recorded)).toBe(true);
  });
});
