import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/cases/open-case.js';
import { askForRetry } from '../../src/cases/retry-stuck-steps.js';
import { reopen, resolve } from '../../src/cases/case-actions.js';
import { closeCase } from '../../src/cases/close-case.js';
import { markClosure } from '../../src/db/retro-repository.js';
import type { Policy } from '../../src/config/policy.js';
import { meetDeadlines } from '../../src/db/deadline-repository.js';
import {
  claimReport,
  clearStuckStep,
  deleteSettledStuckSteps,
  listStuckSteps,
  recordStuckFailure,
} from '../../src/db/stuck-step-repository.js';
import type { StuckStep } from '../../src/domain/stuck-step.js';
import { testPolicy } from '../support/anthill-harness.js';
import { sampleIntake } from '../support/sample-intake.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let policy: Policy;
const t0 = new Date('2026-11-23T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
  policy = await testPolicy();
});
afterAll(async () => {
  await database.drop();
});

async function open() {
  const opened = await openCase(database.db, policy, { teamId: 'T1', reporterId: 'U0REP0001', intake: sampleIntake(), now: t0 });
  return opened.case;
}

function fail(c: { id: string; teamId: string }, step: StuckStep, slackError: string, now: Date) {
  return database.db.transaction().execute((trx) => recordStuckFailure(trx, { caseId: c.id, teamId: c.teamId, step, slackError, now }));
}

describe('stuck step records', () => {
  it('the same step failing with the same error is one failure: tries count up, its start stays, the schedule grows', async () => {
    const c = await open();
    const first = await fail(c, { kind: 'card' }, 'message_not_found', t0);
    expect(first).toMatchObject({ tries: 1, since: t0, lastTriedAt: t0, nextTryAt: at(5), reportedAt: null });
    expect(await claimReport(database.db, c.id, { kind: 'card' }, t0)).toBe(true);
    expect(await claimReport(database.db, c.id, { kind: 'card' }, t0)).toBe(false);

    const second = await fail(c, { kind: 'card' }, 'message_not_found', at(5));
    expect(second).toMatchObject({ tries: 2, since: t0, lastTriedAt: at(5), nextTryAt: at(35), reportedAt: t0 });
    const third = await fail(c, { kind: 'card' }, 'message_not_found', at(35));
    expect(third).toMatchObject({ tries: 3, nextTryAt: at(155) });
    expect(await listStuckSteps(database.db, c.id)).toEqual([third]);
  });

  it('another error is a new failure: counted from one, owed a report again', async () => {
    const c = await open();
    await fail(c, { kind: 'channel_lines' }, 'not_in_channel', t0);
    await claimReport(database.db, c.id, { kind: 'channel_lines' }, t0);
    await fail(c, { kind: 'channel_lines' }, 'not_in_channel', at(5));
    const other = await fail(c, { kind: 'channel_lines' }, 'is_archived', at(35));
    expect(other).toMatchObject({ slackError: 'is_archived', tries: 1, since: at(35), nextTryAt: at(40), reportedAt: null });
  });

  it('two workers recording the same try at once lose neither', async () => {
    const c = await open();
    const step: StuckStep = { kind: 'invite', userId: 'U0LEAD001' };
    await Promise.all([fail(c, step, 'cant_invite', t0), fail(c, step, 'cant_invite', t0)]);
    expect((await listStuckSteps(database.db, c.id)).map((r) => r.tries)).toEqual([2]);
  });

  it('a step that went through is gone', async () => {
    const c = await open();
    await fail(c, { kind: 'card' }, 'is_archived', t0);
    expect(await clearStuckStep(database.db, c.id, { kind: 'card' })).toBe(true);
    expect(await clearStuckStep(database.db, c.id, { kind: 'card' })).toBe(false);
    expect(await listStuckSteps(database.db, c.id)).toEqual([]);
  });

  it('a DM step of a deadline that was met stops counting and is dropped', async () => {
    const c = await open();
    const deadline = await database.db.selectFrom('case_deadlines').select('id').where('case_id', '=', c.id).where('kind', '=', 'first_response').executeTakeFirstOrThrow();
    await fail(c, { kind: 'breach_dm', deadlineId: deadline.id, userId: 'U0LEAD001' }, 'user_disabled', t0);
    await fail(c, { kind: 'card' }, 'is_archived', t0);
    await database.db.transaction().execute((trx) => meetDeadlines(trx, c.id, ['first_response'], at(1)));
    expect((await listStuckSteps(database.db, c.id)).map((r) => r.step.kind)).toEqual(['card']);
    expect(await deleteSettledStuckSteps(database.db)).toBe(1);
    expect(await database.db.selectFrom('stuck_steps').select('step').where('case_id', '=', c.id).execute()).toEqual([{ step: 'card' }]);
  });

  it('a follow-up step of a round cancelled by reopening stops counting and is dropped', async () => {
    const c = await open();
    const resolved = await resolve(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U0AAA0001', how: 'Replaced', now: at(1) });
    if (!resolved.ok) throw new Error(`resolve refused: ${resolved.code}`);
    const round = await database.db.selectFrom('follow_ups').select('id').where('case_id', '=', c.id).executeTakeFirstOrThrow();
    await fail(c, { kind: 'follow_up', followUpId: round.id }, 'not_allowed_token_type', at(2));
    await fail(c, { kind: 'card' }, 'is_archived', at(2));
    expect((await listStuckSteps(database.db, c.id)).map((r) => r.step.kind).sort()).toEqual(['card', 'follow_up']);
    expect(await deleteSettledStuckSteps(database.db)).toBe(0);
    await reopen(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U0AAA0001', reason: '', now: at(3) });
    expect((await listStuckSteps(database.db, c.id)).map((r) => r.step.kind)).toEqual(['card']);
    expect(await deleteSettledStuckSteps(database.db)).toBe(1);
    expect(await database.db.selectFrom('stuck_steps').select('step').where('case_id', '=', c.id).execute()).toEqual([{ step: 'card' }]);
  });

  it('a retro step stops counting once its close no longer owes it', async () => {
    const c = await open();
    const closed = await closeCase(database.db, policy, {
      caseId: c.id,
      teamId: c.teamId,
      actorId: 'U0AAA0001',
      now: at(1),
      outcome: 'partly',
      explanation: 'Half refunded',
      satisfaction: 3,
      agreement: 'Refund of half',
      customerThanked: false,
    });
    if (!closed.ok) throw new Error(`close refused: ${closed.code}`);
    const closureId = closed.closure.id;
    await fail(c, { kind: 'retro_summary', closureId }, 'not_in_channel', at(2));
    await fail(c, { kind: 'channel_archive', closureId }, 'restricted_action', at(2));
    expect((await listStuckSteps(database.db, c.id)).map((r) => r.step.kind).sort()).toEqual(['channel_archive', 'retro_summary']);
    expect(await deleteSettledStuckSteps(database.db)).toBe(0);
    await database.db.transaction().execute((trx) => markClosure(trx, { closureId, mark: 'summary_posted_at', now: at(3) }));
    expect((await listStuckSteps(database.db, c.id)).map((r) => r.step.kind)).toEqual(['channel_archive']);
    await database.db.transaction().execute((trx) => markClosure(trx, { closureId, mark: 'archived_at', now: at(4) }));
    expect(await listStuckSteps(database.db, c.id)).toEqual([]);
    expect(await deleteSettledStuckSteps(database.db)).toBe(2);
  });

  it('/complaint retry makes every stuck step of the case due now, and says when nothing is stuck', async () => {
    const c = await open();
    const nothing = await askForRetry(database.db, { case: c, now: at(1) });
    expect(nothing).toMatchObject({ ok: false, code: 'nothing_stuck' });
    await fail(c, { kind: 'card' }, 'is_archived', t0);
    await fail(c, { kind: 'invite', userId: 'U0AAA0001' }, 'cant_invite', t0);
    const retry = await askForRetry(database.db, { case: c, now: at(1) });
    if (!retry.ok) throw new Error(`retry refused: ${retry.code}`);
    expect(retry.jobs).toEqual([{ kind: 'retry-stuck', caseId: c.id }]);
    expect(retry.steps.map((r) => r.nextTryAt)).toEqual([at(1), at(1)]);
  });
});
