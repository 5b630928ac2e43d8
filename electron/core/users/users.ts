/** User accounts: creation (audited) and listing. Passwords only ever as scrypt hashes. */
import { z } from 'zod';
import type { UserView } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import { roleSchema, type Role } from '../../../shared/roles';
import { nameSchema } from '../../../shared/text';
import { appendAudit } from '../audit/log';
import { stmt, type Db } from '../db/open';
import { anchorRows } from '../audit/integrity';
import { hashPassword } from '../auth/password';

export const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{2,32}$/, 'errors.usernameFormat'),
  // No line breaks, control, zero-width or bidi characters: a name goes into exports and onto
  // every screen (shared/text.ts).
  displayName: nameSchema(32, 'errors.displayNameFormat'),
  role: roleSchema,
  password: z.string().min(8, 'errors.passwordTooShort').max(256),
});
export type NewUser = z.infer<typeof newUserSchema>;

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  failed_logins: number;
  locked_until: string | null;
  active: number;
}

export function toUserView(u: UserRow): UserView {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role };
}

export function findUser(db: Db, username: string): UserRow | undefined {
  return stmt<[string], UserRow>(db, 'SELECT * FROM users WHERE username = ? AND active = 1').get(username);
}

export function getUser(db: Db, id: number): UserRow | undefined {
  return stmt<[number], UserRow>(db, 'SELECT * FROM users WHERE id = ?').get(id);
}

export function listUsers(db: Db): UserView[] {
  return stmt<[], UserRow>(db, 'SELECT * FROM users WHERE active = 1 ORDER BY role, username').all().map(toUserView);
}

export interface PreparedUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
}

/** Validate and hash (slow, async); nothing is written yet. */
export async function prepareUser(db: Db, input: NewUser): Promise<PreparedUser> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.message.startsWith('errors.') ? issue.message : 'errors.invalidField';
    throw new AppError('invalid_input', key, { field: String(issue.path[0] ?? '') });
  }
  const u = parsed.data;
  if (findUser(db, u.username)) throw new AppError('conflict', 'errors.userExists', { username: u.username });
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    passwordHash: await hashPassword(u.password),
  };
}

/** Insert a prepared user and audit it; call inside a transaction. */
export function insertUser(db: Db, u: PreparedUser, actor: string | null, now: Date): UserView {
  if (findUser(db, u.username)) throw new AppError('conflict', 'errors.userExists', { username: u.username });
  const info = stmt(
    db,
    'INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(u.username, u.displayName, u.role, u.passwordHash, now.toISOString());
  const id = Number(info.lastInsertRowid);
  appendAudit(
    db,
    {
      actor,
      action: 'users.add',
      entity: 'user',
      entityId: String(id),
      details: { username: u.username, role: u.role, rows: anchorRows(db, { users: [id] }) },
    },
    now,
  );
  return { id, username: u.username, displayName: u.displayName, role: u.role };
}

export async function addUser(db: Db, input: NewUser, actor: string | null, now: Date): Promise<UserView> {
  const prepared = await prepareUser(db, input);
  return db.transaction(() => insertUser(db, prepared, actor, now))();
}
