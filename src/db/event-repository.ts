import type { Kysely, Transaction } from 'kysely';
import type { CaseEvent, CaseEventKind } from '../domain/case-event.js';
import type { CaseEventRow, Database } from './tables.js';

function toEvent(row: CaseEventRow): CaseEvent {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind as CaseEventKind,
    actorId: row.actor_id,
    data: row.data,
    at: row.created_at,
  };
}

/** Appends one event to the case timeline and returns it. */
export async function appendEvent(
  trx: Transaction<Database>,
  input: { caseId: string; teamId: string; kind: CaseEventKind; actorId: string | null; data?: Record<string, unknown>; at: Date },
): Promise<CaseEvent> {
  const row = await trx
    .insertInto('case_events')
    .values({
      case_id: input.caseId,
      team_id: input.teamId,
      kind: input.kind,
      actor_id: input.actorId,
      data: JSON.stringify(input.data ?? {}),
      created_at: input.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEvent(row);
}

export async function listEvents(db: Kysely<Database>, caseId: string): Promise<CaseEvent[]> {
  const rows = await db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  return rows.map(toEvent);
}

/** Events not yet posted as a line in the case channel, oldest first. */
export async function listUnpostedEvents(
  db: Kysely<Database>,
  caseId: string,
  silentKinds: readonly CaseEventKind[],
): Promise<CaseEvent[]> {
  let query = db.selectFrom('case_events').selectAll('case_events').where('case_events.case_id', '=', caseId);
  if (silentKinds.length > 0) query = query.where('case_events.kind', 'not in', silentKinds);
  const rows = await query
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('event_posts').select('event_posts.event_id').whereRef('event_posts.event_id', '=', 'case_events.id'))),
    )
    .orderBy('case_events.id')
    .execute();
  return rows.map(toEvent);
}

export async function recordEventPost(
  db: Kysely<Database>,
  input: { eventId: string; channelId: string; ts: string; at: Date },
): Promise<void> {
  await db
    .insertInto('event_posts')
    .values({ event_id: input.eventId, channel_id: input.channelId, ts: input.ts, posted_at: input.at })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
}

/** The newest unposted event of every case whose channel has a card (for reconciliation). */
export async function listCasesWithUnpostedEvents(
  db: Kysely<Database>,
  silentKinds: readonly CaseEventKind[],
): Promise<{ caseId: string; eventId: string }[]> {
  let query = db
    .selectFrom('case_events')
    .innerJoin('case_channels', 'case_channels.case_id', 'case_events.case_id')
    .leftJoin('event_posts', 'event_posts.event_id', 'case_events.id')
    .where('event_posts.event_id', 'is', null)
    .where('case_channels.card_ts', 'is not', null);
  if (silentKinds.length > 0) query = query.where('case_events.kind', 'not in', silentKinds);
  const rows = await query
    .select(['case_events.case_id as caseId', (eb) => eb.fn.max('case_events.id').as('eventId')])
    .groupBy('case_events.case_id')
    .execute();
  return rows.map((r) => ({ caseId: r.caseId, eventId: String(r.eventId) }));
}
