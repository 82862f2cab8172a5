import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeSeverity, recordFirstResponse } from '../../src/cases/case-actions.js';
import type { CaseChange } from '../../src/cases/change-case.js';
import { changeCase } from '../../src/cases/change-case.js';
import { replanDeadline } from '../../src/cases/deadline-jobs.js';
import { openCase } from '../../src/cases/open-case.js';
import type { AppContext } from '../../src/context.js';
import { findCaseById } from '../../src/db/case-repository.js';
import { findDeadline } from '../../src/db/deadline-repository.js';
import type { DeadlineKind } from '../../src/domain/deadlines.js';
import type { Severity } from '../../src/domain/severity.js';
import { handleDeadlineBreach } from '../../src/jobs/deadline-breach.js';
import { sendDeadlineWarning } from '../../src/jobs/deadline-warning.js';
import { provisionCase } from '../../src/jobs/provision-case.js';
import type { DeadlineStep } from '../../src/jobs/running-deadline.js';
import { cardRefreshJob, refreshCaseCard, syncCase } from '../../src/jobs/sync-case.js';
import { jobIdFor, QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';
import { sample } from '../support/metrics-scrape.js';
import { sampleIntake } from '../support/sample-intake.js';

// The test policy is 24/7: critical is due 1h after opening (reminder at 45m), low 1d (reminder at 18h).
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LEAD = 'U0LEAD001';
const RESPONDERS = ['U0AAA0001', 'U0GRP0001', 'U0GRP0002'];
const ACTOR = 'U0AAA0001';

let h: Harness;

beforeAll(async () => {
  // Web only: no worker runs a job behind the test's back. The test runs each handler
  // itself, with the clock where it wants it, and commits changes at the handler's hooks.
  h = await startHarness({ role: 'web' });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002']);
});
afterAll(async () => {
  await h?.close();
});

/** The jobs' context with the clock at `time`. */
const at = (time: number): AppContext => ({ ...h.anthill.ctx, now: () => new Date(time) });
const db = () => h.anthill.ctx.db;

interface Opened {
  id: string;
  number: number;
  channelId: string;
  openedAt: number;
}

/** A case opened now and provisioned (channel, card) as the worker would. */
async function open(summary: string, severity: Severity): Promise<Opened> {
  const openedAt = Date.now();
  const { ctx } = h.anthill;
  const opened = await openCase(ctx.db, ctx.policy, { teamId: h.slack.teamId, reporterId: 'U0REP0001', intake: sampleIntake({ summary, severity }), now: new Date(openedAt) });
  await provisionCase(at(openedAt), opened.case.id);
  const channelId = (await findCaseById(ctx.db, opened.case.id))?.channelId;
  if (!channelId) throw new Error('the case was not provisioned');
  return { id: opened.case.id, number: opened.case.number, channelId, openedAt };
}

const running = (c: Opened, kind: DeadlineKind) =>
  db().selectFrom('case_deadlines').selectAll().where('case_id', '=', c.id).where('kind', '=', kind).where('superseded_at', 'is', null).executeTakeFirstOrThrow();
const deadlineRow = (id: string) => db().selectFrom('case_deadlines').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const notices = (id: string) => db().selectFrom('deadline_notices').selectAll().where('deadline_id', '=', id).execute();
const breachEvents = async (c: Opened) =>
  (await db().selectFrom('case_events').select('data').where('case_id', '=', c.id).where('kind', '=', 'deadline_breached').execute()).map((e) => e.data);

/** Who got a reminder DM about this case (one entry per DM). */
const warnedPeople = (c: Opened) =>
  RESPONDERS.flatMap((person) => h.slack.dms(person).filter((m) => m.text.startsWith(':warning:') && m.text.includes(`complaint #${c.number} `)).map(() => person));
const breachDms = (c: Opened) => h.slack.dms(LEAD).filter((m) => m.text.includes(`deadline for complaint #${c.number} passed`));
const breachLines = (c: Opened) => h.slack.messages(c.channelId).filter((m) => m.text.includes('deadline passed'));

function expectOk(change: CaseChange): void {
  if (!change.ok) throw new Error(`the change was refused: ${change.code}`);
}

/** A hook that commits `change` when the job reaches `step`, and records the steps it passed. */
function commitAt(step: DeadlineStep, change: () => Promise<CaseChange>) {
  const passed: DeadlineStep[] = [];
  return {
    passed,
    hooks: {
      afterCheck: async (reached: DeadlineStep) => {
        passed.push(reached);
        if (reached === step) expectOk(await change());
      },
    },
  };
}

/** Waits until some session of this database waits for a lock (a job's mark queued behind a use case). */
async function someoneWaitsForALock(): Promise<void> {
  for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 10))) {
    const { rows } = await sql<{ waiting: number }>`
      select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(h.database.db);
    if ((rows[0]?.waiting ?? 0) > 0) return;
  }
  throw new Error('no session waited for the case lock');
}

describe('a change committed between a deadline job’s check and its mark', () => {
  it('reminder: a severity change stops the DMs for the replaced deadline; the new deadline’s reminder goes out', async () => {
    const c = await open('Downgraded before the reminder', 'critical');
    const old = await running(c, 'first_response');
    const now = c.openedAt + 50 * MINUTE;
    const race = commitAt('warn', () => changeSeverity(db(), h.policy, { caseId: c.id, teamId: h.slack.teamId, actorId: ACTOR, now: new Date(now), severity: 'low' }));

    await sendDeadlineWarning(at(now), old.id, race.hooks);

    expect(race.passed).toEqual(['warn']);
    expect(warnedPeople(c)).toEqual([]);
    expect(await notices(old.id)).toEqual([]);
    expect((await deadlineRow(old.id)).warned_at).toBeNull();

    // The new deadline (low: due 1d after opening, reminder at 18h) still gets its reminder, once each.
    const fresh = await running(c, 'first_response');
    expect(fresh.id).not.toBe(old.id);
    await sendDeadlineWarning(at(c.openedAt + 18 * HOUR + MINUTE), fresh.id);
    expect(warnedPeople(c)).toEqual(RESPONDERS);
    expect((await deadlineRow(fresh.id)).warned_at).not.toBeNull();
  });

  it('breach: a first response recorded in between means no breach, no ping, no DM; the resolution deadline still breaches', async () => {
    const c = await open('Answered just in time', 'critical');
    const old = await running(c, 'first_response');
    const now = c.openedAt + HOUR + MINUTE;
    const race = commitAt('breach', () => recordFirstResponse(db(), h.policy, { caseId: c.id, teamId: h.slack.teamId, actorId: ACTOR, note: '', now: new Date(now) }));

    await handleDeadlineBreach(at(now), old.id, race.hooks);

    expect(race.passed).toEqual(['breach']);
    expect(await deadlineRow(old.id)).toMatchObject({ breached_at: null, breach_notified_at: null });
    expect(await breachEvents(c)).toEqual([]);
    expect(breachDms(c)).toEqual([]);
    expect(h.slack.channel(c.channelId)?.members.has(LEAD)).toBe(false);
    await syncCase(at(now), c.id);
    expect(breachLines(c)).toEqual([]);

    // The resolution deadline (critical: 8h) is untouched by the first response and breaches in its turn.
    const resolution = await running(c, 'resolution');
    await handleDeadlineBreach(at(c.openedAt + 8 * HOUR + MINUTE), resolution.id);
    expect((await breachEvents(c)).map((e) => e.deadline)).toEqual(['resolution']);
    expect(breachDms(c).map((m) => m.text.split(' deadline')[0])).toEqual([':rotating_light: Resolution']);
    expect(breachLines(c)).toHaveLength(1);
    expect(breachLines(c)[0]?.text).toContain(`<@${LEAD}>`);
  });

  it('breach: a severity change in between means no breach of the replaced deadline; the new one breaches at its own time', async () => {
    const c = await open('Downgraded before the breach', 'critical');
    const old = await running(c, 'first_response');
    const now = c.openedAt + HOUR + MINUTE;
    const race = commitAt('breach', () => changeSeverity(db(), h.policy, { caseId: c.id, teamId: h.slack.teamId, actorId: ACTOR, now: new Date(now), severity: 'low' }));

    await handleDeadlineBreach(at(now), old.id, race.hooks);

    expect(race.passed).toEqual(['breach']);
    expect(await deadlineRow(old.id)).toMatchObject({ breached_at: null, breach_notified_at: null });
    expect(await breachEvents(c)).toEqual([]);
    expect(breachDms(c)).toEqual([]);

    const fresh = await running(c, 'first_response');
    await handleDeadlineBreach(at(c.openedAt + 24 * HOUR + MINUTE), fresh.id);
    const events = await breachEvents(c);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ deadline: 'first_response', dueAt: fresh.due_at.toISOString() });
    expect(breachDms(c)).toHaveLength(1);
    expect(breachLines(c)).toHaveLength(1);
  });

  it('notices: a severity change after the breach was recorded keeps the breach but sends no DM for the replaced deadline', async () => {
    const c = await open('Downgraded after the breach', 'critical');
    const old = await running(c, 'first_response');
    const now = c.openedAt + HOUR + MINUTE;
    const race = commitAt('notify', () => changeSeverity(db(), h.policy, { caseId: c.id, teamId: h.slack.teamId, actorId: ACTOR, now: new Date(now), severity: 'low' }));

    await handleDeadlineBreach(at(now), old.id, race.hooks);

    expect(race.passed).toEqual(['breach', 'notify']);
    // The breach came first: it stays in the timeline, once, and its line pinged the leads.
    expect((await breachEvents(c)).map((e) => e.deadline)).toEqual(['first_response']);
    expect(breachLines(c)).toHaveLength(1);
    const after = await deadlineRow(old.id);
    expect(after.breached_at).not.toBeNull();
    expect(after.superseded_at).not.toBeNull();
    // The change came before the DMs: none for the deadline it replaced.
    expect(after.breach_notified_at).toBeNull();
    expect(await notices(old.id)).toEqual([]);
    expect(breachDms(c)).toEqual([]);

    // The new deadline breaches at its own time, and this time the lead hears by DM.
    const fresh = await running(c, 'first_response');
    await handleDeadlineBreach(at(c.openedAt + 24 * HOUR + MINUTE), fresh.id);
    expect((await breachEvents(c)).map((e) => e.dueAt)).toEqual([old.due_at.toISOString(), fresh.due_at.toISOString()]);
    expect(breachDms(c)).toHaveLength(1);
    expect((await deadlineRow(fresh.id)).breach_notified_at).not.toBeNull();
  });
});

describe('use cases and jobs share the case lock', () => {
  it('a breach mark waits for a change in progress on the same case, then sees it', async () => {
    const c = await open('Changed while breaching', 'critical');
    const old = await findDeadline(db(), (await running(c, 'first_response')).id);
    if (!old) throw new Error('no first-response deadline');
    const now = c.openedAt + HOUR + MINUTE;
    let job: Promise<void> | undefined;

    const change = await changeCase(db(), { caseId: c.id, teamId: h.slack.teamId, actorId: ACTOR, now: new Date(now) }, async (trx, current) => {
      // This use case holds the case lock: the breach job runs up to its mark and must queue behind it.
      job = handleDeadlineBreach(at(now), old.id);
      await someoneWaitsForALock();
      await replanDeadline(trx, h.policy, { current: old, case: current, severity: 'low', now: new Date(now) });
      return { ok: true, kind: 'severity_changed', data: { from: 'critical', to: 'low' }, patch: { severity: 'low' } };
    });
    expectOk(change);
    await job;

    expect(await deadlineRow(old.id)).toMatchObject({ breached_at: null, breach_notified_at: null });
    expect(await breachEvents(c)).toEqual([]);
    expect(breachDms(c)).toEqual([]);
  });
});

describe('the card after a reminder', () => {
  it('is rewritten by a refresh-card job of its own, one for every ask of a case within a second', async () => {
    const c = await open('Card after its reminder', 'critical');
    const deadline = await db().selectFrom('case_deadlines').selectAll().where('case_id', '=', c.id).where('kind', '=', 'first_response').executeTakeFirstOrThrow();
    const second = Math.ceil((c.openedAt + 45 * MINUTE) / 1000) * 1000;
    const now = second + 100;
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
    try {
      const updatesBefore = h.slack.calls('chat.update').length;
      await sendDeadlineWarning(at(now), { deadlineId: deadline.id, caseId: c.id });
      // The reminder went out without waiting for the card.
      expect(h.slack.dms('U0AAA0001').some((m) => m.text.includes(`complaint #${c.number}`))).toBe(true);
      expect(h.slack.calls('chat.update')).toHaveLength(updatesBefore);
      const asked = cardRefreshJob(c.id, new Date(now));
      expect(asked).toEqual({ kind: 'refresh-card', caseId: c.id, runAtMs: second + 1000 });
      expect((await queue.getJob(jobIdFor(asked)))?.data).toEqual(asked);
      // Asks later in the same second are the same job; the next second's is another.
      expect(jobIdFor(cardRefreshJob(c.id, new Date(second + 999)))).toBe(jobIdFor(asked));
      expect(jobIdFor(cardRefreshJob(c.id, new Date(second + 1000)))).not.toBe(jobIdFor(asked));

      await refreshCaseCard(at(now), c.id);
      const update = h.slack.calls('chat.update').slice(updatesBefore);
      expect(update.map((call) => call.params.channel)).toEqual([c.channelId]);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });
});

describe('a reminder a DM of which Slack refuses', () => {
  const lateness = async () => sample(await h.anthill.ctx.metrics.registry.metrics(), 'anthill_reminder_lateness_seconds_count', { kind: 'warning' }) ?? 0;

  it('asks for the card anyway, counts no lateness until everyone has it, and counts it once then', async () => {
    const c = await open('Reminder with a refused DM', 'critical');
    const deadline = await running(c, 'first_response');
    const now = c.openedAt + 45 * MINUTE + 100;
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
    try {
      const before = await lateness();
      h.slack.failNext('chat.postMessage', { error: 'restricted_action' });
      await sendDeadlineWarning(at(now), { deadlineId: deadline.id, caseId: c.id });
      expect(warnedPeople(c)).toHaveLength(RESPONDERS.length - 1);
      expect((await deadlineRow(deadline.id)).warned_at).toBeNull();
      expect(await lateness()).toBe(before);
      expect(await queue.getJob(jobIdFor(cardRefreshJob(c.id, new Date(now))))).toBeDefined();

      // The retry reaches the one left out; the notice is complete and counted once.
      await sendDeadlineWarning(at(now + 1000), { deadlineId: deadline.id, caseId: c.id });
      expect([...warnedPeople(c)].sort()).toEqual([...RESPONDERS].sort());
      expect((await deadlineRow(deadline.id)).warned_at).not.toBeNull();
      expect(await lateness()).toBe(before + 1);
      await sendDeadlineWarning(at(now + 2000), { deadlineId: deadline.id, caseId: c.id });
      expect(await lateness()).toBe(before + 1);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });
});
