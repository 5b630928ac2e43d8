/**
 * User roles and what each may call. A channel declares the least role it needs:
 * `public` (no session), `officer` (any signed-in user), `manager` (manager or admin),
 * `admin` (admin only).
 */
import { z } from 'zod';

export const ROLES = ['officer', 'manager', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
export type ChannelRole = 'public' | Role;

const RANK: Record<Role, number> = { officer: 1, manager: 2, admin: 3 };

export function roleAllows(required: ChannelRole, actual: Role | null): boolean {
  if (required === 'public') return true;
  if (actual === null) return false;
  return RANK[actual] >= RANK[required];
}
