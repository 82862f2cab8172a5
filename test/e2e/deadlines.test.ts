import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { sendDeadlineWarning } from '../../src/jobs/deadline-warning.js';
import { REDIS_URL, startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import { intakeValues } from '../support/intake-values.js';

// Deadlines of seconds on a 24/7 calendar; the warning goes out halfway through.
const SECONDS_SLA = `sla:
  critical: { first_response: 2s, resolution: 4s }
  high:     { first_response: 3s, resolution: 6s }
  normal:   { first_response: 20s, resolution: 40s }
  low:      { first_response: 1h, resolution: 2h }
warn_at: 0.5`;

// This file flushes its Redis database, so it uses one of its own (database 7).
const REDIS_DB_URL = Object.assign(new URL(REDIS_URL), { pathname: `/${process.env.TEST_REDIS_FLUSHED_DB ?? '7'}` }).toString();
const REPORTER = 'U0REP0001';
const RESPONDERS = ['U0AAA0001', 'U0GRP0001', 'U0GRP0002'];
const LEAD = 'U0LEAD001';
let h: Harness;

beforeAll(async () => {
  const policy = await testPolicy((yaml) => yaml.replace(/sla:\n(?:\s+\w+:.*\n){4}warn_at: 0\.75/, SECONDS_SLA));
  expect(policy.warnAt).toBe(0.5);
  h = await startHarness({ policy, redisUrl: REDIS_DB_URL, reconcileEveryMs: 1000, users: [REPORTER, 'U0OWNER01'] });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002']);
});
afterAll(async () => {
  await h?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<T>(read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(20)) {
    const value = await read();
    if (value !== undefined) return value;
  }
  throw new Error('poll: condition not met in time');
}

interface Opened {
  id: string;
  number: number;
  channelId: string;
  openedAt: number;
}

async function openCase(summary: string, severity: string): Promise<Opened> {
  const openedAt = Date.now();
  await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary, severity }) });
  // Provisioned: the reporter is told last, once every step is recorded.
  const row = await poll(() =>
    h.database.db
      .selectFrom('cases')
      .innerJoin('case_channels', 'case_channels.case_id', 'cases.id')
      .select(['cases.id', 'cases.number', 'case_channels.channel_id'])
      .where('summary', '=', summary)
      .where('case_channels.reporter_told_at', 'is not', null)
      .executeTakeFirst(),
  );
  return { id: row.id, number: row.number, channelId: row.channel_id ?? '', openedAt };
}

/** Warning DMs about one case, by recipient. */
function warnings(c: Opened, kind: 'First response' | 'Resolution'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of h.slack.calls('chat.postMessage')) {
    const text = String(call.params.text ?? '');
    if (!text.includes(`${kind} for complaint #${c.number} `) || !text.startsWith(':warning:')) continue;
    const to = String(call.params.channel);
    counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
}
const warningTimes = (c: Opened, kind: string) =>
  h.slack.calls('chat.postMessage').filter((call) => String(call.params.text ?? '').startsWith(`:warning: ${kind} for complaint #${c.number} `)).map((call) => call.at);
const breachDms = (c: Opened, to: string) =>
  h.slack.dms(to).filter((m) => m.text.includes(`deadline for complaint #${c.number} passed`));
const channelLines = (c: Opened) => h.slack.messages(c.channelId).map((m) => m.text);

async function command(c: Opened, text: string, userId = 'U0AAA0001') {
  const response = await h.requests.slashCommand({ userId, channelId: c.channelId, text });
  return (await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0])).body as { text: string };
}

describe('reminders and breaches', () => {
  it('warns the responders at warn_at, once; at the deadline marks the breach and pulls the leads in', async () => {
    const c = await openCase('Nobody owns this one', 'high');
    await h.slack.waitFor(() => warnings(c, 'First response').size === RESPONDERS.length);
    // Not before its time: 50% of 3s after opening.
    expect(Math.min(...warningTimes(c, 'First response'))).toBeGreaterThanOrEqual(c.openedAt + 1500 - 50);
    const dm = h.slack.dms('U0AAA0001').find((m) => m.text.includes(`#${c.number}`));
    expect(JSON.stringify(dm?.blocks)).toContain(ACTION_IDS.responded);
    expect(dm?.text).toContain(`<#${c.channelId}>`);

    await h.slack.waitFor(() => breachDms(c, LEAD).length > 0);
    await h.slack.waitFor(() => channelLines(c).find((l) => l.includes('first-response deadline passed') && l.includes(`<@${LEAD}>`)));
    expect(h.slack.channel(c.channelId)?.members.has(LEAD)).toBe(true);
    await h.slack.waitFor(() => JSON.stringify(h.slack.messages(c.channelId)[0]?.blocks).includes(':rotating_light:'));

    const overdue = await command(c, 'list overdue');
    expect(JSON.stringify(overdue)).toContain(`#${c.number}`);

    await sleep(1500);
    expect([...warnings(c, 'First response').values()]).toEqual(RESPONDERS.map(() => 1));
    expect(breachDms(c, LEAD).filter((m) => m.text.includes('First response'))).toHaveLength(1);
    const events = await h.database.db.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('kind', '=', 'deadline_breached').execute();
    // One breach of the first-response deadline in the timeline (the resolution one may follow).
    expect(events.filter((e) => e.data.deadline === 'first_response')).toHaveLength(1);
  });

  it('sends no first-response reminder once the first response is recorded; the owner gets the resolution one', async () => {
    const c = await openCase('Answered quickly', 'high');
    await command(c, 'take', 'U0OWNER01');
    await command(c, 'responded Called back', 'U0OWNER01');
    await h.slack.waitFor(() => warnings(c, 'Resolution').size > 0, 10_000);
    expect([...warnings(c, 'Resolution').keys()]).toEqual(['U0OWNER01']);
    expect(warnings(c, 'First response').size).toBe(0);
    expect(breachDms(c, LEAD).filter((m) => m.text.includes('First response'))).toHaveLength(0);
  });

  it('a severity change moves the deadlines and their jobs', async () => {
    const c = await openCase('Starts low, turns critical', 'low');
    const before = await h.database.db.selectFrom('case_deadlines').selectAll().where('case_id', '=', c.id).execute();
    expect(before.every((d) => d.due_at.getTime() > Date.now() + 30 * 60_000)).toBe(true);
    expect((await command(c, 'severity critical')).text).toBe(`Case #${c.number} is Critical now; its deadlines moved.`);
    // Critical: first response 2s after the case opened, warning at 1s. Its jobs moved too: the
    // responders are warned, or, when the command itself took longer than the warning's second
    // (a busy machine), the warning is rightly skipped and the leads hear of the breach.
    await h.slack.waitFor(
      () => warnings(c, 'First response').size === RESPONDERS.length || breachDms(c, LEAD).some((m) => m.text.includes('First response')),
    );
    const current = await h.database.db.selectFrom('case_deadlines').selectAll().where('case_id', '=', c.id).where('superseded_at', 'is', null).execute();
    expect(current.map((d) => d.due_at.getTime() - d.starts_at.getTime()).sort((a, b) => a - b)).toEqual([2000, 4000]);
  });

  it('does nothing for a resolved case, and reopening starts a new resolution deadline', async () => {
    const c = await openCase('Resolved at once', 'critical');
    await command(c, 'resolve Replaced the drum');
    await sleep(4500);
    expect(warnings(c, 'First response').size + warnings(c, 'Resolution').size).toBe(0);
    expect(breachDms(c, LEAD)).toHaveLength(0);
    const reopenedAt = Date.now();
    await command(c, 'reopen customer called again');
    await h.slack.waitFor(() => warnings(c, 'Resolution').size > 0);
    expect(Math.min(...warningTimes(c, 'Resolution'))).toBeGreaterThanOrEqual(reopenedAt + 2000 - 50);
  });
});

describe('a case whose Slack set-up failed', () => {
  it('still tells the leads by DM when a deadline passes', async () => {
    const team = h.slack.channel('C0TEAM0001');
    if (!team) throw new Error('no team channel');
    team.is_archived = true;
    try {
      await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary: 'Set-up failed', severity: 'critical' }) });
      const row = await poll(() =>
        h.database.db
          .selectFrom('cases')
          .innerJoin('stuck_steps', 'stuck_steps.case_id', 'cases.id')
          .select(['cases.number', 'stuck_steps.slack_error'])
          .where('summary', '=', 'Set-up failed')
          .where('stuck_steps.step', '=', 'provision')
          .executeTakeFirst(),
      );
      expect(row.slack_error).toBe('is_archived');
      const dm = await h.slack.waitFor(() => h.slack.dms(LEAD).find((m) => m.text.includes(`complaint #${row.number} passed`)));
      expect(dm.text).toContain(`/complaint show #${row.number}`);
    } finally {
      team.is_archived = false;
    }
  });
});

describe('escalation', () => {
  it('flags the case, invites and pings the leads, and the card shows it', async () => {
    const c = await openCase('Needs a central decision', 'low');
    expect((await command(c, 'escalate refund above my limit <!channel>')).text).toContain('escalated');
    await h.slack.waitFor(() => channelLines(c).find((l) => l.includes('escalated the case') && l.includes(`<@${LEAD}>`)));
    expect(channelLines(c).join('\n')).not.toContain('<!channel>');
    // Invited before the ping, so the ping reaches them.
    expect(h.slack.channel(c.channelId)?.members.has(LEAD)).toBe(true);
    await h.slack.waitFor(() => JSON.stringify(h.slack.messages(c.channelId)[0]?.blocks).includes('scalated'));
    expect((await command(c, 'escalate')).text).toContain('already escalated');
  });
});

describe('durability', () => {
  it('two runs of the same reminder at once send each DM once', async () => {
    const c = await openCase('Raced reminder', 'normal');
    const deadline = await h.database.db
      .selectFrom('case_deadlines')
      .selectAll()
      .where('case_id', '=', c.id)
      .where('kind', '=', 'first_response')
      .executeTakeFirstOrThrow();
    // Pretend its time has come (the job itself is still 10s away).
    await h.database.db.updateTable('case_deadlines').set({ warn_at: new Date() }).where('id', '=', deadline.id).execute();
    h.slack.setLatency(30);
    try {
      await Promise.all([sendDeadlineWarning(h.anthill.ctx, deadline.id), sendDeadlineWarning(h.anthill.ctx, deadline.id)]);
    } finally {
      h.slack.setLatency(0);
    }
    expect([...warnings(c, 'First response').values()]).toEqual(RESPONDERS.map(() => 1));
  });

  it('a deadline that passed while everything was down is handled at once on restart, once', async () => {
    const c = await openCase('Down over the deadline', 'critical');
    await h.restart({ downForMs: 4500 });
    await h.slack.waitFor(() => breachDms(c, LEAD).length >= 2);
    await sleep(1500);
    expect(breachDms(c, LEAD)).toHaveLength(2); // first response and resolution, once each
    // The warnings were due while nobody was running; a warning after its deadline is pointless.
    expect(warnings(c, 'First response').size).toBe(0);
  });

  it('reminders survive a FLUSHDB of Redis: reconciliation rebuilds them from PostgreSQL', async () => {
    const c = await openCase('Redis forgot me', 'normal');
    const redis = new Redis(REDIS_DB_URL);
    try {
      await redis.flushdb();
    } finally {
      await redis.quit();
    }
    // Bring the deadline near so the test does not wait 10s.
    await h.database.db
      .updateTable('case_deadlines')
      .set({ warn_at: new Date(Date.now() + 500) })
      .where('case_id', '=', c.id)
      .where('kind', '=', 'first_response')
      .execute();
    await h.slack.waitFor(() => warnings(c, 'First response').size === RESPONDERS.length, 15_000);
    await sleep(1500);
    expect([...warnings(c, 'First response').values()]).toEqual(RESPONDERS.map(() => 1));
  });

  it('two workers never send the same DM twice', async () => {
    const second = await h.startAnother();
    try {
      const cases = await Promise.all([openCase('Two workers A', 'critical'), openCase('Two workers B', 'critical'), openCase('Two workers C', 'critical')]);
      for (const c of cases) await h.slack.waitFor(() => breachDms(c, LEAD).length >= 2);
      await sleep(1500);
      for (const c of cases) {
        expect([...warnings(c, 'First response').values()]).toEqual(RESPONDERS.map(() => 1));
        expect(breachDms(c, LEAD)).toHaveLength(2);
      }
    } finally {
      await second.stop({ graceMs: 2000 });
    }
  });
});
