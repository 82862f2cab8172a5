import type { Kysely } from 'kysely';
import type { CaseChannelRow, Database } from './tables.js';

export type CaseChannelRecord = CaseChannelRow;

type Step = Partial<
  Pick<
    CaseChannelRow,
    'channel_id' | 'channel_name' | 'members_invited_at' | 'card_ts' | 'topic_set_at' | 'announcement_ts' | 'reporter_told_at'
  >
>;

export async function getCaseChannel(db: Kysely<Database>, caseId: string): Promise<CaseChannelRecord | undefined> {
  return db.selectFrom('case_channels').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/** Records one finished provisioning step, so a retry continues after it. */
export async function recordStep(db: Kysely<Database>, caseId: string, step: Step, now: Date): Promise<void> {
  await db
    .updateTable('case_channels')
    .set({ ...step, updated_at: now })
    .where('case_id', '=', caseId)
    .execute();
}

/** Cases whose provisioning has not finished (stuck ones included: reconciliation leaves those to their schedule). */
export async function listUnfinishedProvisioning(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('case_channels')
    .select('case_id')
    .where((eb) =>
      eb.or([
        eb('channel_id', 'is', null),
        eb('members_invited_at', 'is', null),
        eb('card_ts', 'is', null),
        eb('topic_set_at', 'is', null),
        eb('announcement_ts', 'is', null),
        eb('reporter_told_at', 'is', null),
      ]),
    )
    .execute();
  return rows.map((r) => r.case_id);
}

/**
 * Forgets the case's channel so provisioning makes a new one (its old one is archived and
 * Slack would not unarchive it): the channel, its members, card and topic are set up
 * again; the announcement and the reporter's note are not repeated.
 */
export async function forgetChannel(db: Kysely<Database>, caseId: string, now: Date): Promise<void> {
  await db
    .updateTable('case_channels')
    .set({ channel_id: null, channel_name: null, members_invited_at: null, card_ts: null, topic_set_at: null, updated_at: now })
    .where('case_id', '=', caseId)
    .execute();
}
