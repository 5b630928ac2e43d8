/** The branch this workstation belongs to, and first-time initialization with its admin. */
import { z } from 'zod';
import { AppError } from '../../shared/result';
import { nameSchema } from '../../shared/text';
import { appendAudit } from './audit/log';
import { insertUser, prepareUser } from './users/users';
import { stmt, type Db } from './db/open';

export const branchInitSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{2,16}$/, 'errors.branchCodeFormat'),
  // Shown on every screen and in every export, like a user's name (shared/text.ts).
  name: nameSchema(64, 'errors.branchNameFormat'),
});

export function getBranch(db: Db): { code: string; name: string } | null {
  return stmt<[], { code: string; name: string }>(db, 'SELECT code, name FROM branch WHERE id = 1').get() ?? null;
}

export async function initBranch(
  db: Db,
  input: { code: string; name: string; admin: string; adminDisplayName?: string; password: string },
  now: Date,
): Promise<{ code: string; name: string }> {
  if (getBranch(db)) throw new AppError('conflict', 'errors.alreadyInitialized');
  const b = branchInitSchema.safeParse({ code: input.code, name: input.name });
  if (!b.success) {
    const msg = b.error.issues[0]!.message;
    throw new AppError('invalid_input', msg.startsWith('errors.') ? msg : 'errors.invalidField', {
      field: String(b.error.issues[0]!.path[0]),
    });
  }
  const admin = await prepareUser(db, {
    username: input.admin,
    displayName: input.adminDisplayName ?? input.admin,
    role: 'admin',
    password: input.password,
  });
  db.transaction(() => {
    if (getBranch(db)) throw new AppError('conflict', 'errors.alreadyInitialized');
    stmt(db, 'INSERT INTO branch (id, code, name, created_at) VALUES (1, ?, ?, ?)').run(
      b.data.code,
      b.data.name,
      now.toISOString(),
    );
    appendAudit(
      db,
      {
        actor: admin.username,
        action: 'branch.init',
        entity: 'branch',
        entityId: b.data.code,
        details: { name: b.data.name },
      },
      now,
    );
    insertUser(db, admin, admin.username, now);
  })();
  return b.data;
}
