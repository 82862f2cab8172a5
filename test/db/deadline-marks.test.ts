import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../src/db/tables.js';
import { openCase } from '../../src/cases/open-case.js';
import { inCaseLock } from '../../src/db/case-lock.js';
import { stepKey } from '../../src/domain/stuck-step.js';
import { deadlineRuns, listOwedDeadlines, markDeadline, meetDeadlines, recordNoticeSent, supersedeDeadline } from '../../src/db/deadline-repository.js';
import type { Policy } from '../../src/config/policy.js';
import { testPolicy } from '../support/anthill-harness.js';
import { sampleIntake } from '../support/sample-intake.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let policy: Policy;

beforeAll(async () => {
  database = await createTestDatabase();
  policy = await testPolicy();
});
afterAll(async () => {
  await database?.drop();
});

const now = new Date('2026-11-23T10:00:00Z');

type Opened = { caseId: string; deadlineId: string };

/** A new case and the id of its first-response deadline. */
async function open(): Promise<Opened> {
  const opened = await openCase(database.db, policy, { teamId: 'T0TEAM001', reporterId: 'U0REP0001', intake: sampleIntake(), now });
  const row = await database.db
    .selectFrom('case_deadlines')
    .select('id')
    .where('case_id', '=', opened.case.id)
    .where('kind', '=', 'first_response')
    .executeTakeFirstOrThrow();
  return { caseId: opened.case.id, deadlineId: row.id };
}

const mark = (c: { caseId: string; deadlineId: string }) => inCaseLock(database.db, c.caseId, (trx) => markDeadline(trx, c.deadlineId, 'breached_at', now));
const notice = (c: { caseId: string; deadlineId: string }) =>
  inCaseLock(database.db, c.caseId, (trx) =>
    recordNoticeSent(trx, { caseId: c.caseId, deadlineId: c.deadlineId, kind: 'breach', recipient: 'U0LEAD001', stuckStep: stepKey({ kind: 'breach_dm', deadlineId: c.deadlineId, userId: 'U0LEAD001' }), now }),
  );
const noticeCount = async (deadlineId: string) =>
  (await database.db.selectFrom('deadline_notices').select('recipient').where('deadline_id', '=', deadlineId).execute()).length;

describe('deadline marks re-check that the deadline still runs', () => {
  it('marks a running deadline once and records its notice once', async () => {
    const c = await open();
    expect(await deadlineRuns(database.db, c.deadlineId)).toBe(true);
    expect(await mark(c)).toBe(true);
    expect(await mark(c)).toBe(false);
    await notice(c);
    await notice(c);
    expect(await noticeCount(c.deadlineId)).toBe(1);
  });

  const stopped: Array<[string, (c: { caseId: string; deadlineId: string }) => Promise<unknown>]> = [
    ['met', (c) => database.db.transaction().execute((trx) => meetDeadlines(trx, c.caseId, ['first_response'], now))],
    ['superseded', (c) => database.db.transaction().execute((trx) => supersedeDeadline(trx, c.deadlineId, now))],
    ['on a closed case', (c) => database.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', c.caseId).execute()],
  ];
  it.each(stopped)('neither marks nor records a notice once the deadline is %s', async (_, stop) => {
    const c = await open();
    await stop(c);
    expect(await deadlineRuns(database.db, c.deadlineId)).toBe(false);
    expect(await mark(c)).toBe(false);
    await notice(c);
    expect(await noticeCount(c.deadlineId)).toBe(0);
    const row = await database.db.selectFrom('case_deadlines').select('breached_at').where('id', '=', c.deadlineId).executeTakeFirstOrThrow();
    expect(row.breached_at).toBeNull();
  });
});

describe('owed deadlines, read in pages', () => {
  it('lists every running deadline exactly once across page boundaries, and none that stopped', async () => {
    const cases = await Promise.all(Array.from({ length: 5 }, () => open()));
    const [met, superseded, closed, notified] = cases as [Opened, Opened, Opened, Opened, Opened];
    await database.db.transaction().execute((trx) => meetDeadlines(trx, met.caseId, ['first_response'], now));
    await database.db.transaction().execute((trx) => supersedeDeadline(trx, superseded.deadlineId, now));
    await database.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', closed.caseId).execute();
    await database.db.updateTable('case_deadlines').set({ breach_notified_at: now }).where('id', '=', notified.deadlineId).execute();
    const ours = new Set(cases.map((c) => c.caseId));
    const stopped = new Set([met.deadlineId, superseded.deadlineId, notified.deadlineId]);
    const expected = (
      await database.db.selectFrom('case_deadlines').select('id').where('case_id', 'in', [...ours]).where('case_id', '!=', closed.caseId).execute()
    )
      .map((row) => row.id)
      .filter((id) => !stopped.has(id))
      .sort();
    // Five cases, two deadlines each: the closed case's two and three stopped ones are left out.
    expect(expected).toHaveLength(5);

    for (const pageSize of [1, 2, 3, 2_000]) {
      const owed = (await listOwedDeadlines(database.db, { pageSize })).filter((d) => ours.has(d.caseId)).map((d) => d.id);
      expect(owed.sort(), `pages of ${pageSize}`).toEqual(expected);
    }
  });
});

/** Runs `work` on a connection of its own and resolves `pid` with that connection's backend pid first. */
function onOwnConnection<T>(work: (conn: Kysely<Database>) => Promise<T>): { pid: Promise<number>; result: Promise<T> } {
  let pidOf!: (pid: number) => void;
  const pid = new Promise<number>((resolve) => (pidOf = resolve));
  const result = database.db.connection().execute(async (conn) => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
    pidOf(rows[0]!.pid);
    return work(conn);
  });
  return { pid, result };
}

/** The barrier: resolves once that session waits for a lock. */
async function waitsForALock(pid: number): Promise<void> {
  for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 10))) {
    const { rows } = await sql<{ wait: string | null }>`select wait_event_type as wait from pg_stat_activity where pid = ${pid}`.execute(database.db);
    if (rows[0]?.wait === 'Lock') return;
  }
  throw new Error(`session ${pid} never waited for a lock`);
}

describe('recording a DM takes the case lock in its one statement', () => {
  const changes: Array<[string, (trx: Transaction<Database>, c: { caseId: string; deadlineId: string }) => Promise<unknown>, boolean]> = [
    ['meets the deadline', (trx, c) => meetDeadlines(trx, c.caseId, ['first_response'], now), false],
    ['replaces the deadline', (trx, c) => supersedeDeadline(trx, c.deadlineId, now), false],
    ['closes the case', (trx, c) => trx.updateTable('cases').set({ status: 'closed' }).where('id', '=', c.caseId).execute(), false],
    ['only edits the summary', (trx, c) => trx.updateTable('cases').set({ summary: 'Edited while the DM went out' }).where('id', '=', c.caseId).execute(), true],
  ];
  it.each(changes)('waits for a change holding the lock and sees it when the change %s', async (_, change, marks) => {
    const c = await open();
    let holding!: () => void;
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const committed = new Promise<void>((resolve) => (commit = resolve));
    // A person's change: it holds the case lock, has written its change, and has not committed yet.
    const person = inCaseLock(database.db, c.caseId, async (trx) => {
      await change(trx, c);
      holding();
      await committed;
    });
    await held;
    const recording = onOwnConnection((conn) =>
      recordNoticeSent(conn, { caseId: c.caseId, deadlineId: c.deadlineId, kind: 'breach', recipient: 'U0LEAD001', stuckStep: 'breach_dm:x:U0LEAD001', mark: 'breached_at', now }),
    );
    await waitsForALock(await recording.pid);
    commit();
    await person;

    expect(await recording.result).toBe(marks);
    const row = await database.db.selectFrom('case_deadlines').select('breached_at').where('id', '=', c.deadlineId).executeTakeFirstOrThrow();
    expect(row.breached_at !== null).toBe(marks);
  });
});
