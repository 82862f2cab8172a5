import type { Kysely, Transaction } from 'kysely';
import { businessTimeBetween, type BusinessCalendar } from '../domain/business-calendar.js';
import type { Database } from './tables.js';

/** Which of a case's stats moments a change records: its first response, its resolution, or both. */
export type CaseMoment = 'first_response' | 'resolution';

/**
 * Records the first response and/or the first resolution of a case at `now`, with the
 * business time since it opened on `calendar`; a moment recorded before stays as it was
 * (reopening and resolving again keep the first resolution). Run in the change's transaction.
 *
 * @example
 * await recordCaseMoments(trx, policy.calendar, current, ['first_response', 'resolution'], now);
 */
export async function recordCaseMoments(
  trx: Transaction<Database>,
  calendar: BusinessCalendar,
  current: { readonly id: string; readonly createdAt: Date },
  moments: readonly CaseMoment[],
  now: Date,
): Promise<void> {
  const businessMs = businessTimeBetween(calendar, current.createdAt, now);
  if (moments.includes('first_response')) {
    await trx
      .updateTable('cases')
      .set({ first_response_at: now, first_response_business_ms: businessMs })
      .where('id', '=', current.id)
      .where('first_response_at', 'is', null)
      .execute();
  }
  if (moments.includes('resolution')) {
    await trx
      .updateTable('cases')
      .set({ resolved_at: now, resolution_business_ms: businessMs })
      .where('id', '=', current.id)
      .where('resolved_at', 'is', null)
      .execute();
  }
}

/**
 * Fills the business times of moments recorded without one (cases from before the stats
 * migration, whose moments came from the timeline), `batch` cases at a time, on the policy
 * calendar; returns how many cases it filled. Run at start-up: once they are filled it finds
 * nothing, through a partial index that holds only such cases.
 */
export async function fillBusinessTimes(db: Kysely<Database>, calendar: BusinessCalendar, batch = 1000): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db
      .selectFrom('cases')
      .select(['id', 'created_at', 'first_response_at', 'first_response_business_ms', 'resolved_at', 'resolution_business_ms'])
      .where((eb) =>
        eb.or([
          eb.and([eb('first_response_at', 'is not', null), eb('first_response_business_ms', 'is', null)]),
          eb.and([eb('resolved_at', 'is not', null), eb('resolution_business_ms', 'is', null)]),
        ]),
      )
      .limit(batch)
      .execute();
    if (rows.length === 0) return filled;
    for (const row of rows) {
      const span = (at: Date | null, stored: string | null): number | null =>
        stored !== null ? Number(stored) : at === null ? null : businessTimeBetween(calendar, row.created_at, at);
      await db
        .updateTable('cases')
        .set({
          first_response_business_ms: span(row.first_response_at, row.first_response_business_ms),
          resolution_business_ms: span(row.resolved_at, row.resolution_business_ms),
        })
        .where('id', '=', row.id)
        .execute();
    }
    filled += rows.length;
  }
}
