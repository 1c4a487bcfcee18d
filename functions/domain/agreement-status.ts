import type { Agreement } from '../db/schema';

export type DisplayStatus = 'none' | 'draft' | 'awaiting' | 'returned' | 'valid' | 'due' | 'expired' | 'replaced';

export const dueWithinDays = 30;

/**
 * What an agreement's state means today: a confirmed one is valid, due for revision in its last
 * 30 days or when a newer template asks for re-signing, and expired after its last day.
 */
export function displayStatus(a: Pick<Agreement, 'status' | 'validTo' | 'reSignBy'> | null, today: string): DisplayStatus {
  if (!a) return 'none';
  if (a.status !== 'confirmed') return a.status;
  if (a.validTo && a.validTo < today) return 'expired';
  const dueFrom = new Date(Date.parse(`${a.validTo}T00:00:00Z`) - dueWithinDays * 86_400_000).toISOString().slice(0, 10);
  return a.reSignBy || (a.validTo !== null && today >= dueFrom) ? 'due' : 'valid';
}
