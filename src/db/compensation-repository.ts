import { sql, type Kysely, type Transaction } from 'kysely';
import type { Compensation, CompensationKind, CustomerAnswer, ProposalState } from '../domain/compensation.js';
import type { CompensationRow, Database } from './tables.js';

export function toCompensation(row: CompensationRow): Compensation {
  return {
    id: row.id,
    caseId: row.case_id,
    teamId: row.team_id,
    kind: row.kind as CompensationKind,
    amountMinor: Number(row.amount_minor),
    note: row.note,
    customerAsked: row.customer_asked,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at,
    state: row.state as ProposalState,
    approverIds: row.approver_ids,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    rejectReason: row.reject_reason,
    customerAnswer: row.customer_answer as CustomerAnswer | null,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    customerWants: row.customer_wants,
    requestChannelId: row.request_channel_id,
    requestTs: row.request_ts,
    version: row.version,
    shownVersion: row.shown_version,
    nudgeDueAt: row.nudge_due_at,
    nudgedAt: row.nudged_at,
  };
}

export interface NewCompensation {
  readonly caseId: string;
  readonly teamId: string;
  readonly kind: CompensationKind;
  readonly amountMinor: number;
  readonly note: string;
  readonly customerAsked: string;
  readonly proposedBy: string;
  readonly approverIds: readonly string[];
  readonly nudgeDueAt: Date;
  readonly now: Date;
}

export async function insertCompensation(trx: Transaction<Database>, input: NewCompensation): Promise<Compensation> {
  const row = await trx
    .insertInto('compensations')
    .values({
      case_id: input.caseId,
      team_id: input.teamId,
      kind: input.kind,
      amount_minor: input.amountMinor,
      note: input.note,
      customer_asked: input.customerAsked,
      proposed_by: input.proposedBy,
      proposed_at: input.now,
      approver_ids: [...input.approverIds],
      nudge_due_at: input.nudgeDueAt,
      decided_by: null,
      decided_at: null,
      reject_reason: null,
      customer_answer: null,
      answered_by: null,
      answered_at: null,
      customer_wants: null,
      request_channel_id: null,
      request_ts: null,
      nudged_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCompensation(row);
}

export async function findCompensation(db: Kysely<Database>, id: string): Promise<Compensation | undefined> {
  const row = await db.selectFrom('compensations').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCompensation(row);
}

/** The case's compensation approved so far, in minor units; read inside the deciding transaction. */
export async function approvedTotal(db: Kysely<Database>, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('compensations')
    .select(sql<string>`coalesce(sum(amount_minor), 0)`.as('total'))
    .where('case_id', '=', caseId)
    .where('state', '=', 'approved')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** The case's newest proposal, whatever its state. */
export async function latestCompensation(db: Kysely<Database>, caseId: string): Promise<Compensation | undefined> {
  const row = await db.selectFrom('compensations').selectAll().where('case_id', '=', caseId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row && toCompensation(row);
}

/**
 * Decides a pending proposal, once: the update only matches while the state is still
 * `pending`, so a second click, a second approver or a retried request changes nothing
 * and gets undefined.
 */
export async function decidePending(
  trx: Transaction<Database>,
  input: { id: string; state: 'approved' | 'rejected'; by: string; reason: string | null; now: Date },
): Promise<Compensation | undefined> {
  const row = await trx
    .updateTable('compensations')
    .set((eb) => ({
      state: input.state,
      decided_by: input.by,
      decided_at: input.now,
      reject_reason: input.reason,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', input.id)
    .where('state', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  return row && toCompensation(row);
}

/**
 * Records the customer's answer to an approved proposal if it may still move there
 * (domain/compensation.ts `canRecordAnswer`), as one conditional update.
 */
export async function recordAnswer(
  trx: Transaction<Database>,
  input: { id: string; answer: CustomerAnswer; by: string; wants: string | null; now: Date },
): Promise<Compensation | undefined> {
  const row = await trx
    .updateTable('compensations')
    .set((eb) => ({
      customer_answer: input.answer,
      answered_by: input.by,
      answered_at: input.now,
      customer_wants: input.wants,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', input.id)
    .where('state', '=', 'approved')
    .where((eb) =>
      input.answer === 'offered'
        ? eb('customer_answer', 'is', null)
        : eb.or([eb('customer_answer', 'is', null), eb('customer_answer', '=', 'offered')]),
    )
    .returningAll()
    .executeTakeFirst();
  return row && toCompensation(row);
}

/** Records where the request was posted in the case channel; the first post wins. */
export async function recordRequestMessage(db: Kysely<Database>, input: { id: string; channelId: string; ts: string }): Promise<void> {
  await db
    .updateTable('compensations')
    .set({ request_channel_id: input.channelId, request_ts: input.ts })
    .where('id', '=', input.id)
    .where('request_ts', 'is', null)
    .execute();
}

/** The request's messages now show `version` (never moves back). */
export async function markShown(db: Kysely<Database>, id: string, version: number): Promise<void> {
  await db
    .updateTable('compensations')
    .set((eb) => ({ shown_version: eb.fn('greatest', [eb.ref('shown_version'), eb.val(version)]) }))
    .where('id', '=', id)
    .execute();
}

/** Sets the nudge's once-only mark while the proposal is still pending; true when this call set it. */
export async function markNudged(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('compensations')
    .set({ nudged_at: now })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .where('nudged_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface CompensationDm {
  readonly kind: 'request' | 'nudge';
  readonly recipient: string;
  /** Null when Slack could not reach the person. */
  readonly channelId: string | null;
  readonly ts: string | null;
}

export async function listCompensationDms(db: Kysely<Database>, id: string): Promise<CompensationDm[]> {
  const rows = await db.selectFrom('compensation_dms').selectAll().where('compensation_id', '=', id).orderBy('sent_at').execute();
  return rows.map((row) => ({ kind: row.kind, recipient: row.recipient, channelId: row.channel_id, ts: row.ts }));
}

export async function recordCompensationDm(db: Kysely<Database>, input: { id: string; dm: CompensationDm; now: Date }): Promise<void> {
  await db
    .insertInto('compensation_dms')
    .values({ compensation_id: input.id, kind: input.dm.kind, recipient: input.dm.recipient, channel_id: input.dm.channelId, ts: input.dm.ts, sent_at: input.now })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Requests whose messages are owed a post or an update. */
export async function listOwedRequests(db: Kysely<Database>): Promise<{ compensationId: string; caseId: string; version: number }[]> {
  const rows = await db
    .selectFrom('compensations')
    .select(['id', 'case_id', 'version'])
    .where(sql<boolean>`shown_version < version`)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ compensationId: row.id, caseId: row.case_id, version: row.version }));
}

/** Pending proposals whose approvers are still owed their reminder. */
export async function listOwedNudges(db: Kysely<Database>): Promise<{ compensationId: string; caseId: string; dueAt: Date }[]> {
  const rows = await db
    .selectFrom('compensations')
    .select(['id', 'case_id', 'nudge_due_at'])
    .where('state', '=', 'pending')
    .where('nudged_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ compensationId: row.id, caseId: row.case_id, dueAt: row.nudge_due_at }));
}

/** Whether a proposal of the case still waits for its decision. */
export async function hasPendingCompensation(db: Kysely<Database>, caseId: string): Promise<boolean> {
  const row = await db.selectFrom('compensations').select('id').where('case_id', '=', caseId).where('state', '=', 'pending').limit(1).executeTakeFirst();
  return row !== undefined;
}
