import type { ActionItem } from './action-item.js';
import { localDayOf } from './zone-time.js';

const DAY = 86_400_000;

/** Where an open action item stands on a given day: past its due day, due that day, or later. */
export type ActionItemDue = 'overdue' | 'today' | 'upcoming';

/**
 * The day `at` falls on in `zone`, as `YYYY-MM-DD` (how action items store their due day).
 *
 * @example
 * localDate('Europe/Warsaw', new Date('2026-12-01T23:30:00Z')) // '2026-12-02'
 */
export function localDate(zone: string, at: Date): string {
  return new Date(localDayOf(zone, at.getTime()) * DAY).toISOString().slice(0, 10);
}

/**
 * Whether an item due on `dueOn` is overdue, due or not yet due on `today` (both `YYYY-MM-DD`,
 * so they compare as text).
 *
 * @example
 * dueState('2026-12-01', '2026-12-02') // 'overdue'
 */
export function dueState(dueOn: string, today: string): ActionItemDue {
  if (dueOn < today) return 'overdue';
  return dueOn === today ? 'today' : 'upcoming';
}

/**
 * Open items in the order people work through them: earliest due day first (so the
 * overdue ones lead), then by case, then as written.
 */
export function byDueDate<T extends { readonly item: Pick<ActionItem, 'id' | 'dueOn'>; readonly caseNumber: number }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      (a.item.dueOn < b.item.dueOn ? -1 : a.item.dueOn > b.item.dueOn ? 1 : 0) ||
      a.caseNumber - b.caseNumber ||
      Number(BigInt(a.item.id) - BigInt(b.item.id)),
  );
}

/**
 * Who may mark an item done: the person who does it, the person who wrote it down, the
 * case's owner and the team's leads. Anyone else would be closing someone else's promise.
 *
 * @example
 * mayMarkDone({ ownerId: 'U1', createdBy: 'U2' }, { caseOwnerId: 'U3', leads: ['U4'] }, 'U4') // true
 */
export function mayMarkDone(
  item: Pick<ActionItem, 'ownerId' | 'createdBy'>,
  context: { readonly caseOwnerId: string | null; readonly leads: readonly string[] },
  actorId: string,
): boolean {
  return actorId === item.ownerId || actorId === item.createdBy || actorId === context.caseOwnerId || context.leads.includes(actorId);
}
