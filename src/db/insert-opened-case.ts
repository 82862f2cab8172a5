import { sql, type Kysely } from 'kysely';
import type { Case } from '../domain/case.js';
import type { DeadlineKind, DeadlinePlan } from '../domain/deadlines.js';
import type { IntakeInput } from '../domain/intake.js';
import type { SourceMessage } from '../domain/source-message.js';
import { toCase } from './case-repository.js';
import { toDeadline, type Deadline } from './deadline-repository.js';
import type { CaseDeadlineRow, CaseRow, Database } from './tables.js';

export interface OpenedCaseInput {
  readonly teamId: string;
  readonly reporterId: string;
  readonly intake: IntakeInput;
  readonly intakeViewId?: string;
  /** The Slack message the complaint was opened from, stored with the case. */
  readonly sourceMessage?: SourceMessage;
  readonly deadlines: readonly { kind: DeadlineKind; plan: DeadlinePlan }[];
  readonly now: Date;
}

type DeadlineJson = Omit<CaseDeadlineRow, 'starts_at' | 'warn_at' | 'due_at' | 'created_at' | 'id'> & {
  id: string | number;
  starts_at: string;
  warn_at: string;
  due_at: string;
  created_at: string;
};

const asDate = (value: string | null): Date | null => (value === null ? null : new Date(value));

/**
 * Stores a new case in ONE statement: the workspace's next number, the case, its Slack
 * bookkeeping row, its `opened` event, its deadlines and the message it came from, if any. The workspace counter's row lock
 * is held only for that statement, and a failure (say, the same form submitted twice)
 * leaves nothing behind and no gap.
 *
 * That lock is held until the commit is on disk, so cases of one workspace are stored one
 * commit after another: 50 complaints at once would wait for 50 flushes in a row (0.3 to
 * 0.6 s on a busy 2-CPU machine). So the cases that arrive while a workspace's statement
 * is running are stored together by the next one, numbered in the order they arrived: one
 * lock, one flush. Should that statement fail, each of its cases is tried on its own, so
 * one bad submission (a form sent twice) fails only itself.
 */
export async function insertOpenedCase(db: Kysely<Database>, input: OpenedCaseInput): Promise<StoredCase> {
  let batcher = batchers.get(db);
  if (batcher === undefined) {
    batcher = new CaseBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher.insert(input);
}

interface StoredCase {
  readonly case: Case;
  readonly deadlines: Deadline[];
}

/** Most cases one statement stores. */
const MAX_BATCH = 100;

interface Waiting {
  readonly input: OpenedCaseInput;
  resolve(stored: StoredCase): void;
  reject(error: unknown): void;
}

const batchers = new WeakMap<Kysely<Database>, CaseBatcher>();

/** Per workspace: one statement at a time; what arrives meanwhile goes into the next. */
class CaseBatcher {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly running = new Set<string>();

  constructor(private readonly db: Kysely<Database>) {}

  insert(input: OpenedCaseInput): Promise<StoredCase> {
    return new Promise<StoredCase>((resolve, reject) => {
      const queue = this.waiting.get(input.teamId) ?? [];
      queue.push({ input, resolve, reject });
      this.waiting.set(input.teamId, queue);
      if (!this.running.has(input.teamId)) void this.drain(input.teamId);
    });
  }

  private async drain(teamId: string): Promise<void> {
    this.running.add(teamId);
    try {
      for (;;) {
        const queue = this.waiting.get(teamId) ?? [];
        if (queue.length === 0) break;
        const batch = queue.splice(0, MAX_BATCH);
        await this.store(batch);
      }
    } finally {
      this.running.delete(teamId);
      this.waiting.delete(teamId);
    }
  }

  private async store(batch: readonly Waiting[]): Promise<void> {
    try {
      const stored = await insertCases(this.db, batch.map((w) => w.input));
      batch.forEach((w, index) => w.resolve(stored[index] as StoredCase));
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error);
      // Nothing of the batch was stored: each case again on its own, in the order they
      // arrived (so their numbers keep it), and only a bad one fails.
      for (const w of batch) await insertCases(this.db, [w.input]).then((stored) => w.resolve(stored[0] as StoredCase), w.reject);
    }
  }
}

/** Cases of one workspace in one statement, numbered in the order given; their results in that order. */
async function insertCases(db: Kysely<Database>, inputs: readonly OpenedCaseInput[]): Promise<StoredCase[]> {
  const first = inputs[0];
  if (!first) return [];
  const teamId = first.teamId;
  // One workspace's counter numbers them all: a case of another workspace must never be among them.
  if (inputs.some((input) => input.teamId !== teamId)) throw new Error('cases of several workspaces in one statement');
  const count = inputs.length;
  const rowsIn = sql.join(
    inputs.map((input, index) => {
      const { intake, sourceMessage: from } = input;
      const opened = JSON.stringify({
        severity: intake.severity,
        categoryId: intake.categoryId,
        ...(intake.staffInvolvedIds.length > 0 && { staffInvolved: intake.staffInvolvedIds }),
      });
      return sql`(${index + 1}::int, ${intake.summary}::text, ${intake.customerName}::text, ${intake.customerContact}::text,
        ${intake.categoryId}::text, ${intake.severity}::text, ${intake.source}::text, ${intake.description}::text,
        ${intake.claimedLossMinor}::bigint, ${input.reporterId}::text, ${[...intake.staffInvolvedIds]}::text[],
        ${input.intakeViewId ?? null}::text, ${opened}::jsonb, ${input.now}::timestamptz,
        ${from?.channelId ?? null}::text, ${from?.messageTs ?? null}::text, ${from?.threadTs ?? null}::text, ${from?.permalink ?? null}::text)`;
    }),
  );
  const plans = sql.join(
    inputs.flatMap((input, index) =>
      input.deadlines.map(
        (d) => sql`(${index + 1}::int, ${d.kind}::text, ${d.plan.startsAt}::timestamptz, ${d.plan.warnAt}::timestamptz, ${d.plan.dueAt}::timestamptz)`,
      ),
    ),
  );
  const { rows } = await sql<Omit<CaseRow, 'intake_view_id'> & { deadline_rows: DeadlineJson[] }>`
    with counter as (
      insert into workspace_counters (team_id, last_case_number) values (${teamId}, ${count})
      on conflict (team_id) do update set last_case_number = workspace_counters.last_case_number + ${count}
      returning last_case_number - ${count} as base
    ), input (ord, summary, customer_name, customer_contact, category_id, severity, source, description,
              claimed_loss_minor, reporter_id, staff_involved, intake_view_id, opened, now,
              source_channel_id, source_ts, source_thread_ts, source_permalink) as (
      values ${rowsIn}
    ), created as (
      insert into cases (team_id, number, summary, customer_name, customer_contact, category_id, severity, source,
                         description, claimed_loss_minor, status, reporter_id, owner_id, staff_involved, intake_view_id,
                         created_at, updated_at)
      select ${teamId}, counter.base + input.ord, input.summary, input.customer_name, input.customer_contact,
             input.category_id, input.severity, input.source, input.description, input.claimed_loss_minor,
             'open', input.reporter_id, null, input.staff_involved, input.intake_view_id, input.now, input.now
      from counter, input
      order by input.ord
      returning *
    ), numbered as (
      select created.*, created.number - counter.base as ord from created, counter
    ), slack_row as (
      insert into case_channels (case_id, team_id, updated_at)
      select numbered.id, numbered.team_id, input.now from numbered join input using (ord)
    ), source_row as (
      insert into case_source_messages (case_id, team_id, channel_id, message_ts, thread_ts, permalink, created_at, updated_at)
      select numbered.id, numbered.team_id, input.source_channel_id, input.source_ts, input.source_thread_ts, input.source_permalink, input.now, input.now
      from numbered join input using (ord)
      where input.source_channel_id is not null
    ), opened_event as (
      insert into case_events (case_id, team_id, kind, actor_id, data, created_at)
      select numbered.id, numbered.team_id, 'opened', input.reporter_id, input.opened, input.now
      from numbered join input using (ord)
      order by numbered.ord
    ), deadlines as (
      insert into case_deadlines (case_id, team_id, kind, starts_at, warn_at, due_at, created_at)
      select numbered.id, numbered.team_id, plan.kind, plan.starts_at, plan.warn_at, plan.due_at, input.now
      from numbered join input using (ord)
      join (values ${plans}) as plan (ord, kind, starts_at, warn_at, due_at) on plan.ord = numbered.ord
      order by numbered.ord, plan.kind
      returning *
    )
    select numbered.id, numbered.team_id, numbered.number, numbered.summary, numbered.customer_name, numbered.customer_contact,
           numbered.category_id, numbered.severity, numbered.source, numbered.description, numbered.claimed_loss_minor,
           numbered.status, numbered.escalated, numbered.reporter_id, numbered.owner_id, numbered.staff_involved,
           numbered.created_at, numbered.updated_at,
           (select coalesce(json_agg(deadlines order by deadlines.kind), '[]') from deadlines where deadlines.case_id = numbered.id) as deadline_rows
    from numbered
    order by numbered.ord`.execute(db);
  if (rows.length !== count) throw new Error(`inserting ${count} cases returned ${rows.length} rows`);
  return rows.map((row) => {
    const { deadline_rows: deadlineRows, ...caseRow } = row;
    return {
      case: toCase(caseRow),
      deadlines: deadlineRows.map((d) =>
        toDeadline({
          ...d,
          id: String(d.id),
          starts_at: new Date(d.starts_at),
          warn_at: new Date(d.warn_at),
          due_at: new Date(d.due_at),
          created_at: new Date(d.created_at),
          met_at: asDate(d.met_at as unknown as string | null),
          superseded_at: asDate(d.superseded_at as unknown as string | null),
          warned_at: asDate(d.warned_at as unknown as string | null),
          breached_at: asDate(d.breached_at as unknown as string | null),
          breach_notified_at: asDate(d.breach_notified_at as unknown as string | null),
        }),
      ),
    };
  });
}
