import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/cases/open-case.js';
import { startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import { sampleIntake } from '../support/sample-intake.js';

// Critical deadlines of seconds on a 24/7 calendar; the warning goes out halfway through.
const SECONDS_SLA = `sla:
  critical: { first_response: 2s, resolution: 4s }
  high:     { first_response: 1h, resolution: 2h }
  normal:   { first_response: 1h, resolution: 2h }
  low:      { first_response: 1h, resolution: 2h }
warn_at: 0.5`;
const RESPONDER = 'U0AAA0001';
const DEPARTED_RESPONDER = 'U0LEFT001';
const LEAD = 'U0LEAD001';
const DEPARTED_LEAD = 'U0LEFT002';
let h: Harness;

beforeAll(async () => {
  const policy = await testPolicy((yaml) =>
    yaml
      .replace(/sla:\n(?:\s+\w+:.*\n){4}warn_at: 0\.75/, SECONDS_SLA)
      .replace('responders: [U0AAA0001, S0GRP0001]', `responders: [${RESPONDER}, ${DEPARTED_RESPONDER}]`)
      .replace('leads: [U0LEAD001]', `leads: [${DEPARTED_LEAD}, ${LEAD}]`),
  );
  h = await startHarness({ policy, users: ['U0REP0001'] });
  // They left after the policy was written: Slack no longer knows them.
  h.slack.removeUser(DEPARTED_RESPONDER);
  h.slack.removeUser(DEPARTED_LEAD);
});
afterAll(async () => {
  await h.close();
});

/** A case stored as the intake form stores it, then provisioned by the worker. */
async function open(summary: string, reporterId = 'U0REP0001') {
  const { ctx } = h.anthill;
  const opened = await openCase(ctx.db, ctx.policy, { teamId: h.slack.teamId, reporterId, intake: sampleIntake({ summary, severity: 'critical' }), now: new Date() });
  await ctx.jobs.schedule(opened.jobs);
  return opened.case;
}

/** Polls a database read until it gives a value other than undefined or false. */
async function until<T>(read: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
  }
  throw new Error('until: condition not met in time');
}

const undelivered = async (caseId: string) =>
  (await h.database.db.selectFrom('case_events').select('data').where('case_id', '=', caseId).where('kind', '=', 'slack_problem').execute()).map((e) => e.data);

describe('a responder Slack no longer knows', () => {
  it('does not keep everyone else out of the case channel, and the timeline says who was refused', async () => {
    const c = await open('Invite with a departed responder');
    const record = await until(async () => {
      const row = await h.database.db.selectFrom('case_channels').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
      return row.reporter_told_at !== null && row;
    });
    const members = h.slack.channel(record.channel_id ?? '')?.members ?? new Set();
    expect([...members].sort()).toEqual(['U0REP0001', RESPONDER, h.slack.botUserId].sort());
    // The departed responder's invitation is a stuck step of its own, shown on the card, retried on its schedule.
    expect(await undelivered(c.id)).toContainEqual(expect.objectContaining({ error: 'user_not_found', step: `invite:${DEPARTED_RESPONDER}` }));
  });
});

describe('a DM Slack cannot deliver to one person', () => {
  it('does not stop the reminder to the others, is written to the timeline, and is not retried', async () => {
    const c = await open('Reminder with a departed responder');
    const notices = () => h.database.db.selectFrom('deadline_notices').innerJoin('case_deadlines', 'case_deadlines.id', 'deadline_notices.deadline_id').select(['recipient', 'deadline_notices.kind', 'case_deadlines.kind as deadline']).where('case_deadlines.case_id', '=', c.id).execute();
    await h.slack.waitFor(() => h.slack.dms(RESPONDER).find((m) => m.text.includes(`complaint #${c.number} `)));
    const warned = await until(async () => {
      const rows = await notices();
      return rows.filter((n) => n.kind === 'warning' && n.deadline === 'first_response').length === 2 && rows;
    });
    expect(warned.filter((n) => n.kind === 'warning' && n.deadline === 'first_response').map((n) => n.recipient).sort()).toEqual([RESPONDER, DEPARTED_RESPONDER].sort());
    expect(await undelivered(c.id)).toContainEqual({ error: 'channel_not_found', step: 'dm', purpose: 'reminder', user: DEPARTED_RESPONDER });
  });

  it('does not stop the breach DMs to the other leads', async () => {
    const c = await open('Breach with a departed lead');
    await h.slack.waitFor(() => h.slack.dms(LEAD).find((m) => m.text.includes(`deadline for complaint #${c.number} passed`)));
    await until(async () => (await undelivered(c.id)).some((d) => d.purpose === 'breach' && d.user === DEPARTED_LEAD));
    const deadline = await until(async () => {
      const row = await h.database.db.selectFrom('case_deadlines').select('breach_notified_at').where('case_id', '=', c.id).where('kind', '=', 'first_response').executeTakeFirstOrThrow();
      return row.breach_notified_at !== null && row;
    });
    expect(deadline.breach_notified_at).not.toBeNull();
  });

  it('to the reporter, it leaves the case fully set up and says so in the timeline', async () => {
    h.slack.addUser('U0REP0002');
    h.slack.removeUser('U0REP0002');
    const c = await open('Reporter left before the DM', 'U0REP0002');
    const record = await until(async () => {
      const row = await h.database.db.selectFrom('case_channels').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
      return row.reporter_told_at !== null && row;
    });
    // The set-up itself is not stuck (inviting the departed reporter is, on its own).
    const stuckSteps = await h.database.db.selectFrom('stuck_steps').select('step').where('case_id', '=', c.id).execute();
    expect(stuckSteps.map((row) => row.step)).not.toContain('provision');
    expect(record.card_ts).not.toBeNull();
    expect(await undelivered(c.id)).toContainEqual({ error: 'channel_not_found', step: 'dm', purpose: 'reporter', user: 'U0REP0002' });
    const shown = await h.requests.slashCommand({ userId: RESPONDER, channelId: 'C0ELSEWHERE', text: `show #${c.number}` });
    const reply = await h.catcher.waitFor(() => h.catcher.posts(shown.responseUrl)[0]);
    expect(JSON.stringify(reply.body)).toContain('Slack could not deliver a direct message to <@U0REP0002> (channel_not_found)');
  });
});
