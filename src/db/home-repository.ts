import { sql, type Kysely } from 'kysely';
import { listCases, type ListedCase } from './case-repository.js';
import type { Database } from './tables.js';

/** How many entries each list of the App Home shows before its `and N more` line. */
export const HOME_LIST_LIMIT = 8;

/** A page of one of the Home's lists and how many there are in all. */
export interface HomeList<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface HomeApproval {
  readonly compensationId: string;
  readonly caseNumber: number;
  readonly caseSummary: string;
  readonly channelId: string | null;
  readonly amountMinor: number;
  readonly kind: string;
  readonly proposedBy: string;
  readonly proposedAt: Date;
}

export interface HomeRetro {
  readonly caseNumber: number;
  readonly caseSummary: string;
  readonly dueAt: Date;
}

export interface HomeActionItem {
  readonly id: string;
  readonly caseNumber: number;
  readonly description: string;
  /** `YYYY-MM-DD` in the workspace zone. */
  readonly dueOn: string;
}

/** Everything on one person's App Home except the team's figures (see loadStats). */
export interface HomeContent {
  readonly myCases: HomeList<ListedCase>;
  readonly approvals: HomeList<HomeApproval>;
  readonly retros: HomeList<HomeRetro>;
  readonly actionItems: HomeList<HomeActionItem>;
  /** For leads only: the team's cases past a running deadline. */
  readonly overdue?: HomeList<ListedCase>;
}

/**
 * The person opened the Home tab: remember them (their Home is kept up to date from now
 * on) and ask for a publish now. Returns when the next publish may happen.
 */
export async function recordHomeOpened(db: Kysely<Database>, input: { teamId: string; userId: string; now: Date }): Promise<void> {
  await db
    .insertInto('home_views')
    .values({ team_id: input.teamId, user_id: input.userId, opened_at: input.now, requested_at: input.now, published_at: null })
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ opened_at: input.now, requested_at: input.now }))
    .execute();
}

/**
 * Claims the next publish of a person's Home: succeeds when none happened in the last
 * `everyMs`, and marks one as happening now. Two workers can never both win the same
 * slot. Without the claim, `retryAt` says when the slot opens again.
 */
export async function claimHomePublish(
  db: Kysely<Database>,
  input: { teamId: string; userId: string; now: Date; everyMs: number },
): Promise<{ claimed: true } | { claimed: false; retryAt: Date } | { claimed: false; unknown: true }> {
  const since = new Date(input.now.getTime() - input.everyMs);
  const claimed = await db
    .updateTable('home_views')
    .set({ published_at: input.now })
    .where('team_id', '=', input.teamId)
    .where('user_id', '=', input.userId)
    .where((eb) => eb.or([eb('published_at', 'is', null), eb('published_at', '<=', since)]))
    .returning('user_id')
    .executeTakeFirst();
  if (claimed) return { claimed: true };
  const row = await db
    .selectFrom('home_views')
    .select('published_at')
    .where('team_id', '=', input.teamId)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  if (!row) return { claimed: false, unknown: true };
  return { claimed: false, retryAt: new Date((row.published_at ?? input.now).getTime() + input.everyMs) };
}

/** When this person's Home was last asked for (an open, a change), if they ever opened it. */
export async function homeRequestedAt(db: Kysely<Database>, teamId: string, userId: string): Promise<Date | undefined> {
  const row = await db.selectFrom('home_views').select('requested_at').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
  return row?.requested_at;
}

/**
 * Everyone whose Home shows something of this case and who has opened their Home: its
 * owner and reporter, everyone in its timeline (and an owner it was taken from), the
 * approvers of its proposals, the people asked for retro notes, the owners of its action
 * items, and the leads given, in the case's workspace. Marks their Homes as asked for at
 * `now` and returns them.
 */
export async function requestHomesOfCase(
  db: Kysely<Database>,
  input: { caseId: string; leadIds: readonly string[]; now: Date },
): Promise<Array<{ teamId: string; userId: string }>> {
  const { rows } = await sql<{ team_id: string; user_id: string }>`
    with involved(user_id) as (
      select owner_id from cases where id = ${input.caseId}
      union select reporter_id from cases where id = ${input.caseId}
      union select actor_id from case_events where case_id = ${input.caseId} and actor_id is not null
      union select data->>'from' from case_events where case_id = ${input.caseId} and kind = 'owner_changed'
      union select unnest(approver_ids) from compensations where case_id = ${input.caseId}
      union select r.recipient from retro_requests r join case_closures c on c.id = r.closure_id where c.case_id = ${input.caseId}
      union select owner_id from action_items where case_id = ${input.caseId}
      union select unnest(${sql.val([...input.leadIds])}::text[])
    )
    update home_views set requested_at = ${input.now}
    where team_id = (select team_id from cases where id = ${input.caseId})
      and user_id in (select user_id from involved where user_id is not null)
    returning team_id, user_id`.execute(db);
  return rows.map((row) => ({ teamId: row.team_id, userId: row.user_id }));
}

/** Forgets event deliveries older than `before` (Slack retries within minutes). */
export async function pruneHandledEvents(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('handled_events').where('received_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Records an Events API delivery by its `event_id`; false when it was handled before (a
 * retry Slack sent because our answer was slow or lost).
 */
export async function firstDelivery(db: Kysely<Database>, input: { eventId: string; teamId: string; now: Date }): Promise<boolean> {
  const inserted = await db
    .insertInto('handled_events')
    .values({ event_id: input.eventId, team_id: input.teamId, received_at: input.now })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * One person's Home lists, each ordered by what needs them first and cut to
 * {@link HOME_LIST_LIMIT} with its total. All reads are by index: the owner's cases, the
 * pending proposals naming them, their retro requests, their open action items.
 */
export async function loadHomeContent(
  db: Kysely<Database>,
  input: { teamId: string; userId: string; isLead: boolean; now: Date },
): Promise<HomeContent> {
  const { teamId, userId } = input;
  const [myCases, approvals, approvalCount, retros, retroCount, items, itemCount, overdue] = await Promise.all([
    listCases(db, { teamId, filter: 'mine', userId, limit: HOME_LIST_LIMIT, now: input.now }),
    db
      .selectFrom('compensations')
      .innerJoin('cases', 'cases.id', 'compensations.case_id')
      .leftJoin('case_channels', 'case_channels.case_id', 'cases.id')
      .select([
        'compensations.id',
        'compensations.amount_minor',
        'compensations.kind',
        'compensations.proposed_by',
        'compensations.proposed_at',
        'cases.number',
        'cases.summary',
        'case_channels.channel_id',
      ])
      .where('compensations.team_id', '=', teamId)
      .where('compensations.state', '=', 'pending')
      .where(sql<boolean>`${userId} = any(compensations.approver_ids)`)
      .orderBy('compensations.proposed_at')
      .limit(HOME_LIST_LIMIT)
      .execute(),
    db
      .selectFrom('compensations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('compensations.team_id', '=', teamId)
      .where('compensations.state', '=', 'pending')
      .where(sql<boolean>`${userId} = any(compensations.approver_ids)`)
      .executeTakeFirstOrThrow(),
    pendingRetros(db, teamId, userId).select(['cases.number', 'cases.summary', 'case_closures.retro_due_at']).orderBy('case_closures.retro_due_at').limit(HOME_LIST_LIMIT).execute(),
    pendingRetros(db, teamId, userId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    openItems(db, teamId, userId)
      .select(['action_items.id', 'action_items.description', sql<string>`to_char(action_items.due_on, 'YYYY-MM-DD')`.as('due_on'), 'cases.number'])
      .orderBy('action_items.due_on')
      .orderBy('action_items.id')
      .limit(HOME_LIST_LIMIT)
      .execute(),
    openItems(db, teamId, userId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    input.isLead ? listCases(db, { teamId, filter: 'overdue', userId, limit: HOME_LIST_LIMIT, now: input.now }) : undefined,
  ]);
  return {
    myCases: { items: myCases.cases, total: myCases.total },
    approvals: {
      items: approvals.map((row) => ({
        compensationId: row.id,
        caseNumber: row.number,
        caseSummary: row.summary,
        channelId: row.channel_id,
        amountMinor: Number(row.amount_minor),
        kind: row.kind,
        proposedBy: row.proposed_by,
        proposedAt: row.proposed_at,
      })),
      total: Number(approvalCount.n),
    },
    retros: { items: retros.map((row) => ({ caseNumber: row.number, caseSummary: row.summary, dueAt: row.retro_due_at })), total: Number(retroCount.n) },
    actionItems: {
      items: items.map((row) => ({ id: row.id, caseNumber: row.number, description: row.description, dueOn: row.due_on })),
      total: Number(itemCount.n),
    },
    ...(overdue && { overdue: { items: overdue.cases, total: overdue.total } }),
  };
}

/** Retro notes asked of this person and still owed: not written, the close standing, the summary not yet out. */
function pendingRetros(db: Kysely<Database>, teamId: string, userId: string) {
  return db
    .selectFrom('retro_requests')
    .innerJoin('case_closures', 'case_closures.id', 'retro_requests.closure_id')
    .innerJoin('cases', 'cases.id', 'case_closures.case_id')
    .where('case_closures.team_id', '=', teamId)
    .where('retro_requests.recipient', '=', userId)
    .where('retro_requests.answered_at', 'is', null)
    .where('case_closures.cancelled_at', 'is', null)
    .where('case_closures.summary_posted_at', 'is', null);
}

function openItems(db: Kysely<Database>, teamId: string, userId: string) {
  return db
    .selectFrom('action_items')
    .innerJoin('cases', 'cases.id', 'action_items.case_id')
    .where('action_items.team_id', '=', teamId)
    .where('action_items.owner_id', '=', userId)
    .where('action_items.done_at', 'is', null);
}
