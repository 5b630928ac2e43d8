/**
 * Text hygiene for everything a person or a file types in, as zod helpers the contract and the
 * core's own schemas share (so the app, the harness and the CLI all get the same rules):
 *   - a *reason* (for a reveal, an amendment, a review decision…) needs at least 2 visible
 *     characters: zero-width spaces, control characters, bidi marks, blanks and lone combining
 *     marks do not count, so an audit entry always says something a reviewer can read;
 *   - a *name* (a user's display name) refuses control, zero-width and bidi characters outright:
 *     a name identifies someone on every screen and in the weekly export, and U+202E can make
 *     "张三" display as someone else's name or reorder the cells around it;
 *   - *free text* (notes, stated values, comments, searches) keeps what was typed but loses its
 *     bidi controls (stripped, not refused: a note pasted from another program may carry a stray
 *     LRM, and refusing would block the officer at the end of a call for an invisible character;
 *     stripping leaves the text as it reads and removes the one thing that can disguise it);
 *   - *keys* of records a caller gives are looked up with Object.hasOwn or in a Map, never with
 *     `in` or a plain `obj[key]` that finds `constructor` or `toString` on the prototype (zod 4
 *     itself drops a `__proto__` key from a parsed record, so it cannot replace a prototype).
 * Why character classes from Unicode (Cc, Cf, Z, M) rather than a list of code points: a list
 * misses the next invisible character; a class covers every one the Unicode standard has.
 */
import { z } from 'zod';

/**
 * Bidirectional controls: LRE RLE PDF LRO RLO (U+202A–U+202E), the isolates LRI RLI FSI PDI
 * (U+2066–U+2069), LRM RLM (U+200E/F) and the Arabic letter mark (U+061C).
 */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/**
 * What shows nothing on its own: controls (Cc), format characters (Cf: zero-width spaces and
 * joiners, bidi marks, soft hyphen, BOM), separators and white space (Z, \s), combining marks (M),
 * and the Hangul and Braille blanks that fonts draw as empty.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\p{M}\s\u115F\u1160\u3164\uFFA0\u2800]/gu;
/** Refused in names: controls and format characters (zero-width, bidi, BOM, soft hyphen…). */
const NOT_IN_NAMES = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

export function hasBidiControl(s: string): boolean {
  BIDI.lastIndex = 0;
  return BIDI.test(s);
}

export function stripBidiControls(s: string): string {
  return s.replace(BIDI, '');
}

/** Characters (code points) that a reader can see. */
export function visibleLength(s: string): number {
  return [...s.replace(INVISIBLE, '')].length;
}

/** A reason: bidi controls stripped, trimmed, at most `max`, at least 2 visible characters. */
export function reasonSchema(max: number, message = 'errors.reasonTooShort') {
  return z
    .string()
    .overwrite(stripBidiControls)
    .trim()
    .max(max, message)
    .refine((s) => visibleLength(s) >= 2, { message });
}

/** Free text: bidi controls stripped, at most `max` characters. */
export function freeTextSchema(max: number) {
  return z.string().overwrite(stripBidiControls).max(max);
}

/** A name: trimmed, 1 to `max` characters, visible, no control, zero-width or bidi characters. */
export function nameSchema(max: number, message = 'errors.displayNameFormat') {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !NOT_IN_NAMES.test(s) && visibleLength(s) >= 1, { message });
}
