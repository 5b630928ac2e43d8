/**
 * Searches by a full phone or ID number (号码查询): who may make them, how often, and their audit
 * trail. Such a search answers "is this the number of a borrower?", so, unguarded, it is an
 * oracle: the screen's mask leaves 4 phone digits (10,000 candidates) or an ID number's birth date
 * (~1,500 candidates with the check character) unknown, and trying every candidate recovers the
 * full number without the audited reveal. Every such search is therefore audited (`loans.search`:
 * who, the masked query, how many hits) and limited per user (default 20 per 10 minutes, settings
 * `personalSearchMax` / `personalSearchWindowMinutes`); past the limit the search is refused with
 * `rate_limited` and a `loans.search_limited` entry tells the manager (`searchAlerts`).
 *
 * Why the counter is the audit log itself: it survives a restart of the app (an in-memory counter
 * resets when the attacker restarts it), it cannot be reset without breaking the hash chain
 * (entries cannot be deleted, `audit verify` and `doctor` notice), and it needs no new table.
 * Time is the context's clock, so tests and the app agree; the count walks only the window's
 * entries (newest first, by `seq`), not the whole log.
 *
 * Name searches are not counted: they match only loans already in the user's scope
 * (`calls/access.ts`), whose loan file shows the full names anyway, so a name fragment teaches
 * nothing the user may not read. Last-4 phone searches are not counted either: the mask shows
 * those digits.
 */
import { normalizeIdNumber } from '../../../shared/domain/idNumber';
import { maskIdNumber, maskPhone } from '../../../shared/domain/mask';
import type { UserView } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/log';
import { stmt, type Db } from '../db/open';
import { getSetting } from '../settings/store';

export const SEARCH_ACTION = 'loans.search';
export const SEARCH_LIMITED_ACTION = 'loans.search_limited';

export type PersonalSearchKind = 'phone' | 'id';

/** The kind of a search that names a full personal number, or null for any other search. */
export function personalSearchKind(search: string | undefined): PersonalSearchKind | null {
  const s = search?.trim() ?? '';
  if (/^\d{11}$/.test(s)) return 'phone';
  if (/^\d{17}[\dXx]$/.test(s)) return 'id';
  return null;
}

function maskedQuery(kind: PersonalSearchKind, search: string): string {
  return kind === 'phone' ? maskPhone(search.trim()) : maskIdNumber(normalizeIdNumber(search));
}

/** Entries of `action` by `actor` at or after `since`, reading only the entries of the window. */
function countSince(db: Db, actor: string, action: string, since: string): number {
  return stmt<[{ actor: string; action: string; since: string }], { n: number }>(
    db,
    `SELECT count(*) AS n FROM audit_log
      WHERE seq > COALESCE((SELECT seq FROM audit_log WHERE at < @since ORDER BY seq DESC LIMIT 1), 0)
        AND at >= @since AND actor = @actor AND action = @action`,
  ).get({ actor, action, since })!.n;
}

export interface SearchUse {
  /** The channel searched (`loans.list`, `tasks.queue`). */
  channel: string;
  search: string | undefined;
}

/**
 * Run `run` (the search) under the rule: a search that names a full phone or ID number is refused
 * past the user's limit, else run and audited with its hit count. Other searches just run.
 */
export function guardedSearch<T>(
  db: Db,
  user: UserView,
  use: SearchUse,
  now: Date,
  run: () => T,
  hits: (r: T) => number,
): T {
  const kind = personalSearchKind(use.search);
  if (!kind) return run();
  const max = getSetting(db, 'personalSearchMax');
  const minutes = getSetting(db, 'personalSearchWindowMinutes');
  const since = new Date(now.getTime() - minutes * 60_000).toISOString();
  const query = maskedQuery(kind, use.search!);
  const made = countSince(db, user.username, SEARCH_ACTION, since);
  if (made >= max) {
    // One entry per window is enough for the manager to act; one per refused call would let an
    // attacker flood the log.
    if (countSince(db, user.username, SEARCH_LIMITED_ACTION, since) === 0)
      appendAudit(
        db,
        {
          actor: user.username,
          action: SEARCH_LIMITED_ACTION,
          details: { channel: use.channel, kind, query, searches: made, limit: max, windowMinutes: minutes },
        },
        now,
      );
    throw new AppError('rate_limited', 'errors.searchRateLimited', { limit: max, minutes });
  }
  const result = run();
  appendAudit(
    db,
    { actor: user.username, action: SEARCH_ACTION, details: { channel: use.channel, kind, query, hits: hits(result) } },
    now,
  );
  return result;
}

export interface SearchAlert {
  at: string;
  actor: string | null;
  actorName: string | null;
  kind: string;
  searches: number;
  limit: number;
  windowMinutes: number;
}

/** The rate-limit entries of the last `days` days, newest first, for the manager. */
export function searchAlerts(db: Db, days: number, now: Date): SearchAlert[] {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  return stmt<
    [{ since: string; action: string }],
    { at: string; actor: string | null; name: string | null; details: string }
  >(
    db,
    `SELECT a.at, a.actor, u.display_name AS name, a.details FROM audit_log a
       LEFT JOIN users u ON u.username = a.actor
      WHERE a.seq > COALESCE((SELECT seq FROM audit_log WHERE at < @since ORDER BY seq DESC LIMIT 1), 0)
        AND a.action = @action AND a.at >= @since
      ORDER BY a.seq DESC LIMIT 500`,
  )
    .all({ since, action: SEARCH_LIMITED_ACTION })
    .map((r) => {
      const d = JSON.parse(r.details) as { kind?: string; searches?: number; limit?: number; windowMinutes?: number };
      return {
        at: r.at,
        actor: r.actor,
        actorName: r.name,
        kind: d.kind ?? '',
        searches: d.searches ?? 0,
        limit: d.limit ?? 0,
        windowMinutes: d.windowMinutes ?? 0,
      };
    });
}
