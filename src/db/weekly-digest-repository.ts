import type { Kysely, Selectable } from 'kysely';
import type { Database, WeeklyDigestsTable } from './tables.js';

export type WeeklyDigestRow = Selectable<WeeklyDigestsTable>;

interface WeekKey {
  readonly teamId: string;
  readonly weekStart: Date;
}

/**
 * Claims a week's digest for this run: the row is inserted unless one is there. Returns
 * the new row when this run claimed it, undefined when the week was claimed before.
 */
export async function claimWeek(db: Kysely<Database>, week: WeekKey & { channelId: string; now: Date }): Promise<WeeklyDigestRow | undefined> {
  return db
    .insertInto('weekly_digests')
    .values({ team_id: week.teamId, week_start: week.weekStart, claimed_at: week.now, channel_id: week.channelId })
    .onConflict((conflict) => conflict.columns(['team_id', 'week_start']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findWeek(db: Kysely<Database>, week: WeekKey): Promise<WeeklyDigestRow | undefined> {
  return db.selectFrom('weekly_digests').selectAll().where('team_id', '=', week.teamId).where('week_start', '=', week.weekStart).executeTakeFirst();
}

/** Records where the digest was posted; a week already posted or failed keeps what it has. */
export async function markPosted(db: Kysely<Database>, week: WeekKey & { channelId: string; messageTs: string; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('weekly_digests')
    .set({ channel_id: week.channelId, message_ts: week.messageTs, posted_at: week.now })
    .where('team_id', '=', week.teamId)
    .where('week_start', '=', week.weekStart)
    .where('posted_at', 'is', null)
    .where('failed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records a permanent Slack refusal: the week is not tried again. */
export async function markFailed(db: Kysely<Database>, week: WeekKey & { channelId: string; failure: string; now: Date }): Promise<void> {
  await db
    .updateTable('weekly_digests')
    .set({ channel_id: week.channelId, failed_at: week.now, failure: week.failure })
    .where('team_id', '=', week.teamId)
    .where('week_start', '=', week.weekStart)
    .where('posted_at', 'is', null)
    .execute();
}

/** Whether the workspace had any case opened before `before`: Anthill was in use then (read through `cases_stats_opened`). */
export async function hadCasesBefore(db: Kysely<Database>, teamId: string, before: Date): Promise<boolean> {
  const row = await db.selectFrom('cases').select('id').where('team_id', '=', teamId).where('created_at', '<', before).limit(1).executeTakeFirst();
  return row !== undefined;
}
