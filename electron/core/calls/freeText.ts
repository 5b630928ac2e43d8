/**
 * What an officer types on the call screen, before it is written anywhere: every free text
 * (draft and record notes, stated values, item notes, text answers) passes `scrubPiiText`, so ID,
 * phone and account numbers are stored masked (the masked text is what is shown, exported and
 * bundled), and every key of a draft (read ticks, answers, checklist lines, steps) must name
 * something in the call's pinned script. Free-string keys would be a second channel for the same
 * numbers: they are refused rather than masked, because a key is an identifier the record is
 * later read by, and a rewritten key would silently drop the tick or answer it carried.
 */
import { scriptPartiesOf, type ChecklistEntry, type DraftState } from '../../../shared/domain/calls';
import { scrubPiiText } from '../../../shared/domain/mask';
import { AppError } from '../../../shared/result';
import { checklistOf, findInstance, mustReadSteps } from '../../../shared/scripts/schema';
import type { Db } from '../db/open';
import { partiesOf } from './loanFacts';
import { scriptById } from './scripts';

/** One checklist line with its stated value and note masked (and trimmed, as stored). */
export function scrubEntry(e: ChecklistEntry): ChecklistEntry {
  return { result: e.result, stated: scrubPiiText(e.stated.trim()), note: scrubPiiText(e.note.trim()) };
}

/**
 * A number answer is typed too (the schema takes numbers as well as text): one that spells a phone,
 * ID or account number (11+ digits; no amount or count a script asks for is that long) is kept as
 * its masked text, as a string answer would be, rather than stored as the plain number.
 */
function scrubNumber(v: number): number | string {
  const text = String(v);
  const masked = scrubPiiText(text);
  return masked === text ? v : masked;
}

/** The draft with every free text masked; keys and codes unchanged. */
export function scrubDraftState(state: DraftState): DraftState {
  return {
    ...state,
    note: scrubPiiText(state.note),
    answers: Object.fromEntries(
      Object.entries(state.answers).map(([k, v]) => [k, typeof v === 'string' ? scrubPiiText(v) : scrubNumber(v)]),
    ),
    items: Object.fromEntries(
      Object.entries(state.items).map(([k, e]) => [
        k,
        { result: e.result, stated: scrubPiiText(e.stated), note: scrubPiiText(e.note) },
      ]),
    ),
  };
}

/**
 * Refuse a draft whose keys are not the pinned script's own: reads must be its mandatory-read
 * step ids, answers and steps its step instances, items its checklist lines (for these parties).
 */
export function assertDraftKeys(db: Db, scriptId: number, loanId: number, state: DraftState): void {
  const { script } = scriptById(db, scriptId);
  const reads = new Set(mustReadSteps(script));
  for (const k of Object.keys(state.reads))
    if (!reads.has(k)) throw new AppError('invalid_input', 'errors.readUnknown');
  const parties = scriptPartiesOf(partiesOf(db, loanId));
  // A fresh call screen without a first step sends ''; anything else must be a step instance.
  const steps = [...(state.stepId === '' ? [] : [state.stepId]), ...state.history, ...Object.keys(state.answers)];
  for (const id of steps)
    if (!findInstance(script, parties, id)) throw new AppError('invalid_input', 'errors.draftKeyUnknown');
  const lines = new Set(checklistOf(script, parties).map((l) => l.key));
  for (const k of Object.keys(state.items))
    if (!lines.has(k)) throw new AppError('invalid_input', 'errors.draftKeyUnknown');
}
