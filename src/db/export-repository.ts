import { CompiledQuery, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CaseExport } from '../domain/case-export.js';
import type { CaseExportsTable, Database } from './tables.js';

/** One case as the export writes it: what SQL computes, before the CSV writer formats it. */
export interface CaseExportRow {
  readonly id: string;
  readonly number: number;
  readonly openedAt: Date;
  readonly status: string;
  readonly severity: string;
  readonly categoryId: string;
  readonly summary: string;
  readonly customerName: string;
  readonly source: string;
  readonly ownerId: string | null;
  readonly reporterId: string;
  readonly firstResponseAt: Date | null;
  /** Whole minutes of business time from opening to the first response (rounded down). */
  readonly firstResponseBusinessMinutes: number | null;
  readonly resolvedAt: Date | null;
  readonly resolutionBusinessMinutes: number | null;
  readonly firstResponseBreached: boolean;
  readonly resolutionBreached: boolean;
  readonly escalated: boolean;
  /** Sum of the case's approved compensation, in minor units; 0 without any. */
  readonly compensationApprovedMinor: number;
  /** The standing close (not cancelled by a reopening), if any. */
  readonly closedAt: Date | null;
  readonly outcome: string | null;
  readonly satisfaction: number | null;
  /** Distinct root causes of the case's retro notes, in the order first written. */
  readonly rootCauses: readonly string[];
  readonly channelId: string | null;
}

/** Where the next page starts: after this case in the order (opened_at, id). */
export interface ExportCursor {
  readonly openedAt: Date;
  readonly id: string;
}

export interface ExportPageQuery {
  readonly teamId: string;
  readonly from: Date;
  readonly to: Date;
  /** Decides which running deadlines have passed. */
  readonly now: Date;
  readonly after?: ExportCursor;
  readonly limit: number;
}

/** Before every case id (ids are uuids): the first page's cursor. */
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * One page of the export: cases of the workspace opened in `[from, to)`, in order of
 * opening (then id), after the cursor. Every figure is a correlated aggregate read through
 * an index by case (cases_stats_opened for the period; case_deadlines_case,
 * compensations_case, case_closures_case and retro_notes_closure per case), so a page
 * costs its own rows, however long the period. Parameters: team id, from, to, now, the
 * cursor's opened_at and id, the page size.
 *
 * A deadline counts as breached the way stats counts it: a current deadline or one that
 * was met (one replaced by a severity change before it was met does not count), met after
 * its due time or not met with its due time passed at `now`.
 */
export const EXPORT_PAGE_SQL = `
select c.id, c.number, c.created_at, c.status, c.severity, c.category_id, c.summary, c.customer_name, c.source,
       c.owner_id, c.reporter_id, c.first_response_at, (c.first_response_business_ms / 60000)::int as first_response_minutes,
       c.resolved_at, (c.resolution_business_ms / 60000)::int as resolution_minutes, c.escalated,
       coalesce(d.first_response_breached, false) as first_response_breached,
       coalesce(d.resolution_breached, false) as resolution_breached,
       (select coalesce(sum(m.amount_minor), 0)::text from compensations m where m.case_id = c.id and m.state = 'approved') as compensation_minor,
       cl.closed_at, cl.outcome, cl.satisfaction,
       (select coalesce(json_agg(r.root_cause order by r.first_id), '[]')
          from (select n.root_cause, min(n.id) as first_id
                  from case_closures rc join retro_notes n on n.closure_id = rc.id
                 where rc.case_id = c.id group by n.root_cause) r) as root_causes,
       ch.channel_id
from cases c
left join lateral (
  select bool_or(x.met_at > x.due_at or (x.met_at is null and x.due_at <= $4::timestamptz)) filter (where x.kind = 'first_response') as first_response_breached,
         bool_or(x.met_at > x.due_at or (x.met_at is null and x.due_at <= $4::timestamptz)) filter (where x.kind = 'resolution') as resolution_breached
  from case_deadlines x
  where x.case_id = c.id and (x.superseded_at is null or x.met_at is not null)
) d on true
left join case_closures cl on cl.case_id = c.id and cl.cancelled_at is null
left join case_channels ch on ch.case_id = c.id
where c.team_id = $1::text and c.created_at >= $2::timestamptz and c.created_at < $3::timestamptz
  and c.created_at >= $5::timestamptz and (c.created_at > $5::timestamptz or c.id > $6::uuid)
order by c.created_at, c.id
limit $7::int
`;

interface PageRow {
  id: string;
  number: number;
  created_at: Date;
  status: string;
  severity: string;
  category_id: string;
  summary: string;
  customer_name: string;
  source: string;
  owner_id: string | null;
  reporter_id: string;
  first_response_at: Date | null;
  first_response_minutes: number | null;
  resolved_at: Date | null;
  resolution_minutes: number | null;
  escalated: boolean;
  first_response_breached: boolean;
  resolution_breached: boolean;
  compensation_minor: string;
  closed_at: Date | null;
  outcome: string | null;
  satisfaction: number | null;
  root_causes: string[];
  channel_id: string | null;
}

/** The parameters of {@link EXPORT_PAGE_SQL}, in order. */
export function exportPageParameters(query: ExportPageQuery): unknown[] {
  const after = query.after ?? { openedAt: query.from, id: FIRST_ID };
  return [query.teamId, query.from, query.to, query.now, after.openedAt, after.id, query.limit];
}

/**
 * One page of the export's rows; an empty page means the period is done.
 *
 * @example
 * let after: ExportCursor | undefined;
 * for (;;) {
 *   const page = await loadExportPage(db, { teamId, from, to, now, after, limit: 1000 });
 *   if (page.length === 0) break;
 *   write(page);
 *   after = exportCursorAfter(page);
 * }
 */
export async function loadExportPage(db: Kysely<Database>, query: ExportPageQuery): Promise<CaseExportRow[]> {
  const result = await db.executeQuery<PageRow>(CompiledQuery.raw(EXPORT_PAGE_SQL, exportPageParameters(query)));
  return result.rows.map(toExportRow);
}

/** The cursor after the last row of a page. */
export function exportCursorAfter(page: readonly CaseExportRow[]): ExportCursor | undefined {
  const last = page.at(-1);
  return last ? { openedAt: last.openedAt, id: last.id } : undefined;
}

function toExportRow(row: PageRow): CaseExportRow {
  return {
    id: row.id,
    number: row.number,
    openedAt: row.created_at,
    status: row.status,
    severity: row.severity,
    categoryId: row.category_id,
    summary: row.summary,
    customerName: row.customer_name,
    source: row.source,
    ownerId: row.owner_id,
    reporterId: row.reporter_id,
    firstResponseAt: row.first_response_at,
    firstResponseBusinessMinutes: row.first_response_minutes,
    resolvedAt: row.resolved_at,
    resolutionBusinessMinutes: row.resolution_minutes,
    firstResponseBreached: row.first_response_breached,
    resolutionBreached: row.resolution_breached,
    escalated: row.escalated,
    compensationApprovedMinor: Number(row.compensation_minor),
    closedAt: row.closed_at,
    outcome: row.outcome,
    satisfaction: row.satisfaction,
    rootCauses: row.root_causes,
    channelId: row.channel_id,
  };
}

// ── The export requests themselves ──

/** Records a request; the job `export-cases` sends it. */
export async function insertExport(
  db: Kysely<Database> | Transaction<Database>,
  input: { teamId: string; userId: string; from: Date; to: Date; now: Date },
): Promise<CaseExport> {
  const row = await db
    .insertInto('case_exports')
    .values({ team_id: input.teamId, user_id: input.userId, period_from: input.from, period_to: input.to, requested_at: input.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCaseExport(row);
}

export async function findExport(db: Kysely<Database>, exportId: string): Promise<CaseExport | undefined> {
  if (!/^\d{1,18}$/.test(exportId)) return undefined;
  const row = await db.selectFrom('case_exports').selectAll().where('id', '=', exportId).executeTakeFirst();
  return row && toCaseExport(row);
}

/** Stores the file id Slack handed out, before the upload is completed. */
export async function storeExportUpload(db: Kysely<Database>, input: { exportId: string; fileId: string; rowCount: number }): Promise<void> {
  await db.updateTable('case_exports').set({ file_id: input.fileId, row_count: input.rowCount }).where('id', '=', input.exportId).execute();
}

/** Marks it sent (with its file, or none for an empty period); false when it was already settled. */
export async function markExportPosted(db: Kysely<Database>, input: { exportId: string; fileId: string | null; rowCount: number; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('case_exports')
    .set({ posted_at: input.now, file_id: input.fileId, row_count: input.rowCount })
    .where('id', '=', input.exportId)
    .where('posted_at', 'is', null)
    .where('failed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives up on it for good with Slack's reason; false when it was already settled. */
export async function markExportFailed(db: Kysely<Database>, input: { exportId: string; failure: string; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('case_exports')
    .set({ failed_at: input.now, failure: input.failure })
    .where('id', '=', input.exportId)
    .where('posted_at', 'is', null)
    .where('failed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Exports neither sent nor given up: reconciliation asks for their jobs again. */
export async function listOwedExports(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('case_exports').select('id').where('posted_at', 'is', null).where('failed_at', 'is', null).orderBy('id').execute();
  return rows.map((row) => row.id);
}

function toCaseExport(row: Selectable<CaseExportsTable>): CaseExport {
  return {
    id: row.id,
    teamId: row.team_id,
    userId: row.user_id,
    from: row.period_from,
    to: row.period_to,
    requestedAt: row.requested_at,
    rowCount: row.row_count,
    fileId: row.file_id,
    postedAt: row.posted_at,
    failedAt: row.failed_at,
    failure: row.failure,
  };
}
