import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/cases/open-case.js';
import { inCaseLock } from '../../src/db/case-lock.js';
import { stepKey } from '../../src/domain/stuck-step.js';
import { deadlineRuns, markDeadline, meetDeadlines, recordNoticeSent, supersedeDeadline } from '../../src/db/deadline-repository.js';
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

/** A new case and the id of its first-response deadline. */
async function open(): Promise<{ caseId: string; deadlineId: string }> {
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
