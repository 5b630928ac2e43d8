/** `users add|list`: the branch's accounts. The password comes on standard input, never as an argument. */
import { AppError } from '../../shared/result';
import { roleSchema } from '../../shared/roles';
import type { Translate } from '../../shared/import/messages';
import { getBranch } from '../core/branch';
import { openAppContext } from '../core/context';
import { addUser, listUsers } from '../core/users/users';
import { cliActor, need, password, UsageError, type Output } from './common';

interface Flags {
  username?: string | undefined;
  role?: string | undefined;
  'display-name'?: string | undefined;
  'password-stdin'?: boolean | undefined;
}

export async function runUsers(cmd: string[], v: Flags, dbFile: string, t: Translate): Promise<Output> {
  const name = cmd.join(' ');
  if (name !== 'users add' && name !== 'users list') throw new UsageError(`unknown command: ${name}`);
  // Check every argument and read the password before the database is touched.
  const pw =
    name === 'users add'
      ? ((['username', 'role', 'display-name'] as const).forEach((k) => need(v, k)), await password(v))
      : '';
  const ctx = openAppContext(dbFile, { mustExist: true });
  try {
    if (name === 'users list') {
      const users = listUsers(ctx.db);
      return { json: { users }, text: users.map((u) => `${u.username}\t${u.role}\t${u.displayName}`).join('\n') };
    }
    if (!getBranch(ctx.db)) throw new AppError('conflict', 'errors.notInitialized');
    const role = roleSchema.safeParse(need(v, 'role'));
    if (!role.success) throw new UsageError('--role must be officer, manager or admin');
    const u = await addUser(
      ctx.db,
      { username: need(v, 'username'), displayName: need(v, 'display-name'), role: role.data, password: pw },
      cliActor(),
      ctx.clock(),
    );
    return {
      json: { user: u },
      text: t('cli.userAdded', { username: u.username, displayName: u.displayName, role: t(`roles.${u.role}`) }),
    };
  } finally {
    ctx.close();
  }
}
