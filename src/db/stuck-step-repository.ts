import { sql, type Kysely, type Transaction } from 'kysely';
import { nextTryAt, parseStepKey, stepDeadlineId, stepKey, type StuckRecord, type StuckStep } from '../domain/stuck-step.js';
import { FOLLOW_UP_ROUNDS } from './follow-up-repository.js';
import type { Database, StuckStepRow } from './tables.js';

function toStuckRecord(row: StuckStepRow): StuckRecord | undefined {
  const step = parseStepKey(row.step);
  return (
    step && {
      caseId: row.case_id,
      step,
      slackError: row.slack_error,
      since: row.first_failed_at,
      lastTriedAt: row.last_tried_at,
      tries: row.tries,
      nextTryAt: row.next_try_at,
      reportedAt: row.reported_at,
    }
  );
}

const toRecords = (rows: readonly StuckStepRow[]): StuckRecord[] => rows.flatMap((row) => toStuckRecord(row) ?? []);

/**
 * A DM step matters only while its deadline still owes that DM: not met, not replaced,
 * the case not closed, and the reminder (or the breach notice) not yet marked done.
 */
const deadlineDmOwed = sql<boolean>`(stuck_steps.deadline_id is null or exists (
  select 1 from case_deadlines d join cases c on c.id = d.case_id
  where d.id = stuck_steps.deadline_id and d.met_at is null and d.superseded_at is null and c.status <> 'closed'
    and (case when stuck_steps.step like 'reminder_dm:%' then d.warned_at is null else d.breach_notified_at is null end)))`;

/**
 * A follow-up step matters only while its round still owes DMs: not cancelled (reopening),
 * the case still resolved, and either the question not yet sent to everyone and not
 * answered, or the leads not yet told after the last Not yet.
 */
const followUpDmOwed = sql<boolean>`(stuck_steps.step not like 'follow_up:%' or exists (
  select 1 from follow_ups f join cases c on c.id = f.case_id
  where f.id::text = split_part(stuck_steps.step, ':', 2) and f.cancelled_at is null and c.status = 'resolved'
    and ((f.answer is null and f.sent_at is null) or (f.answer = 'not_yet' and f.round = ${FOLLOW_UP_ROUNDS} and f.leads_told_at is null))))`;

/** An action item's DM step matters only while the item is open and its owner has not had the DM. */
const actionItemDmOwed = sql<boolean>`(stuck_steps.step not like 'action_item:%' or exists (
  select 1 from action_items a
  where a.id::text = split_part(stuck_steps.step, ':', 2) and a.done_at is null and a.reminded_at is null))`;

/**
 * A retro step matters only while its close still owes it: not cancelled (reopening), the
 * case still closed, and that step not done (asking and the reminder also end with the summary).
 */
const retroStepOwed = sql<boolean>`(split_part(stuck_steps.step, ':', 1) not in ('retro_ask', 'retro_reminder', 'retro_summary', 'channel_archive') or exists (
  select 1 from case_closures k join cases c on c.id = k.case_id
  where k.id::text = split_part(stuck_steps.step, ':', 2) and k.cancelled_at is null and c.status = 'closed'
    and (case split_part(stuck_steps.step, ':', 1)
      when 'retro_ask' then k.retro_asked_at is null and k.summary_posted_at is null
      when 'retro_reminder' then k.retro_reminded_at is null and k.summary_posted_at is null
      when 'retro_summary' then k.summary_posted_at is null
      else k.archived_at is null end)))`;

/** A case-record step matters only while its close still owes the record: not posted, not cancelled by reopening. */
const caseRecordOwed = sql<boolean>`(stuck_steps.step not like 'case_record:%' or exists (
  select 1 from case_closures k
  where k.id::text = split_part(stuck_steps.step, ':', 2) and k.cancelled_at is null and k.record_posted_at is null))`;

const stillOwed = sql<boolean>`(${deadlineDmOwed} and ${followUpDmOwed} and ${actionItemDmOwed} and ${retroStepOwed} and ${caseRecordOwed})`;

/** The case's stuck steps that still matter, oldest failure first. */
export async function listStuckSteps(db: Kysely<Database>, caseId: string): Promise<StuckRecord[]> {
  const rows = await db
    .selectFrom('stuck_steps')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(stillOwed)
    .orderBy('first_failed_at')
    .orderBy('step')
    .execute();
  return toRecords(rows);
}

/** Every stuck step that still matters, for reconciliation. */
export async function listAllStuckSteps(db: Kysely<Database>): Promise<StuckRecord[]> {
  return toRecords(await db.selectFrom('stuck_steps').selectAll().where(stillOwed).execute());
}

/** Forgets steps no longer owed: DMs whose deadline, follow-up round or action item no longer owes them (met, replaced, cancelled, closed, or done), case records posted or cancelled, and retro steps their close no longer owes. */
export async function deleteSettledStuckSteps(db: Kysely<Database>): Promise<number> {
  const deleted = await db
    .deleteFrom('stuck_steps')
    .where((eb) =>
      eb.or([
        eb('deadline_id', 'is not', null),
        eb('step', 'like', 'follow_up:%'),
        eb('step', 'like', 'action_item:%'),
        eb('step', 'like', 'case_record:%'),
        eb(sql<string>`split_part(stuck_steps.step, ':', 1)`, 'in', ['retro_ask', 'retro_reminder', 'retro_summary', 'channel_archive']),
      ]),
    )
    .where(sql<boolean>`not ${stillOwed}`)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/**
 * Records one more failed try of a step. The same step failing with the same Slack error
 * is the same failure: its count goes up and its first time stays. Another error is a
 * new failure: counted from one and owed a report again. The next try follows the
 * schedule in domain/stuck-step.ts. Run it in a transaction: the upsert's row lock
 * keeps two workers recording the same step at once from losing a try.
 */
export async function recordStuckFailure(
  trx: Transaction<Database>,
  input: { caseId: string; teamId: string; step: StuckStep; slackError: string; now: Date },
): Promise<StuckRecord> {
  const key = stepKey(input.step);
  const same = sql<boolean>`stuck_steps.slack_error = excluded.slack_error`;
  const row = await trx
    .insertInto('stuck_steps')
    .values({
      case_id: input.caseId,
      team_id: input.teamId,
      step: key,
      deadline_id: stepDeadlineId(input.step) ?? null,
      slack_error: input.slackError,
      first_failed_at: input.now,
      last_tried_at: input.now,
      tries: 1,
      next_try_at: nextTryAt(input.now, 1),
      reported_at: null,
    })
    .onConflict((oc) =>
      oc.columns(['case_id', 'step']).doUpdateSet({
        tries: sql`case when ${same} then stuck_steps.tries + 1 else 1 end`,
        first_failed_at: sql`case when ${same} then stuck_steps.first_failed_at else excluded.first_failed_at end`,
        reported_at: sql`case when ${same} then stuck_steps.reported_at else null end`,
        slack_error: sql`excluded.slack_error`,
        last_tried_at: sql`excluded.last_tried_at`,
        next_try_at: sql`excluded.next_try_at`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  const next = nextTryAt(input.now, row.tries);
  if (row.tries > 1) {
    await trx.updateTable('stuck_steps').set({ next_try_at: next }).where('case_id', '=', input.caseId).where('step', '=', key).execute();
  }
  return {
    caseId: row.case_id,
    step: input.step,
    slackError: row.slack_error,
    since: row.first_failed_at,
    lastTriedAt: row.last_tried_at,
    tries: row.tries,
    nextTryAt: next,
    reportedAt: row.reported_at,
  };
}

/** The step went through: it is no longer stuck. True when it was. */
export async function clearStuckStep(db: Kysely<Database>, caseId: string, step: StuckStep): Promise<boolean> {
  const deleted = await db.deleteFrom('stuck_steps').where('case_id', '=', caseId).where('step', '=', stepKey(step)).executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

export async function findStuckStep(db: Kysely<Database>, caseId: string, step: StuckStep): Promise<StuckRecord | undefined> {
  const row = await db.selectFrom('stuck_steps').selectAll().where('case_id', '=', caseId).where('step', '=', stepKey(step)).executeTakeFirst();
  return row && toStuckRecord(row);
}

/**
 * Takes the report of a failure for this caller: true for exactly one caller per
 * failure, so two workers never tell people twice.
 */
export async function claimReport(db: Kysely<Database>, caseId: string, step: StuckStep, now: Date): Promise<boolean> {
  const claimed = await db
    .updateTable('stuck_steps')
    .set({ reported_at: now })
    .where('case_id', '=', caseId)
    .where('step', '=', stepKey(step))
    .where('reported_at', 'is', null)
    .executeTakeFirst();
  return claimed.numUpdatedRows > 0n;
}

/** Gives a claimed report back (telling people failed), so the next try tells them. */
export async function releaseReport(db: Kysely<Database>, caseId: string, step: StuckStep): Promise<void> {
  await db.updateTable('stuck_steps').set({ reported_at: null }).where('case_id', '=', caseId).where('step', '=', stepKey(step)).execute();
}

/** Makes stuck steps due now (one case's, or every case's when `caseId` is not given) and returns them. */
export async function makeStuckStepsDue(db: Kysely<Database>, input: { caseId?: string; now: Date }): Promise<StuckRecord[]> {
  let query = db.updateTable('stuck_steps').set({ next_try_at: input.now }).where(stillOwed);
  if (input.caseId !== undefined) query = query.where('case_id', '=', input.caseId);
  return toRecords(await query.returningAll().execute());
}
