/** The seeded branch every e2e test starts from: branch HZ001, admin, demo users, 500 loans, signing key. */
import { initBranch } from '../../electron/core/branch';
import { openAppContext } from '../../electron/core/context';
import { demoSeed } from '../../electron/core/demo/seed';

export const TEMPLATE_ENV = 'CALLBACK_DESK_E2E_TEMPLATE';
export const AS_OF = '2026-11-20';

export async function seedTemplate(file: string): Promise<void> {
  const ctx = openAppContext(file);
  try {
    const now = ctx.clock();
    await initBranch(
      ctx.db,
      { code: 'HZ001', name: '杭州西湖支行', admin: 'admin', adminDisplayName: '系统管理员', password: 'admin-pass-1' },
      now,
    );
    await demoSeed(ctx.db, ctx.pii(), { loans: 500, seed: 7, asOf: AS_OF }, now);
    // The sync signing key (`<db>.sign.key`), recorded in the database; fixtures copy it beside each test's db.
    ctx.signing();
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    ctx.close();
  }
}
