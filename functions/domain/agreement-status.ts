import type { Agreement } from '../db/schema';
import { addCalendarDays } from './time';
import { portalRules } from '../config/rules';

export type DisplayStatus = 'none' | 'draft' | 'awaiting' | 'returned' | 'valid' | 'due' | 'expired' | 'replaced';

export const dueWithinDays = portalRules.dueWithinDays;

/**
 * What an agreement's state means today: a confirmed one is valid, due for revision in its last
 * 30 days or when a newer template asks for re-signing, and expired after its last day.
 */
export function displayStatus(
  a: Pick<Agreement, 'status' | 'validTo' | 'reSignBy'> | null,
  today: string,
): DisplayStatus {
  if (!a) return 'none';
  if (a.status !== 'confirmed') return a.status;
  if (a.validTo && a.validTo < today) return 'expired';
  const dueFrom = a.validTo ? addCalendarDays(a.validTo, -dueWithinDays) : null;
  return a.reSignBy || (dueFrom !== null && today >= dueFrom) ? 'due' : 'valid';
}
