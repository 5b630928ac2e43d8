/** The `itemResults` namespace: the verification item results (shared vocabulary). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = { match: '一致', mismatch: '不一致', unverifiable: '无法核实' } as const;

export const en: Widen<typeof zh> = { match: 'Match', mismatch: 'Mismatch', unverifiable: 'Unverifiable' };
