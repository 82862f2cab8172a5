import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { askForRetroNotes } from '../../src/jobs/retro-requests.js';
import { remindAboutRetro } from '../../src/jobs/retro-reminder.js';
import { REDIS_URL, startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import type { FakeMessage } from '../../fake-slack/types.js';
import { clickWrite, closeCase, closureOf, command, GOOD_NOTES, openCase, poll, retroDms, submitRetro } from '../support/retro-flow.js';

// retro_due of six seconds on the fixture's 24/7 calendar: the reminder at three, the summary at six.
const REPORTER = 'U0REP0001';
const OWNER = 'U0OWNER01';
const AGENT = 'U0AAA0001';
const LEAD = 'U0LEAD001';
const HEAD = 'U0HEAD001';
const GROUP = ['U0GRP0001', 'U0GRP0002'];
const TEAM_CHANNEL = 'C0TEAM0001';
let h: Harness;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  const policy = await testPolicy((yaml) => yaml.replace('retro_due: 1d', 'retro_due: 6s'));
  expect(policy.retroDue.milliseconds).toBe(6000);
  h = await startHarness({ policy, reconcileEveryMs: 6 * 3600_000, users: [REPORTER, OWNER] });
  h.slack.addUserGroup('S0GRP0001', GROUP);
  h.slack.setTriggerExpiry(3000);
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
});
afterAll(async () => {
  await queue?.close();
  await redis?.quit();
  await h?.close();
});

const blocksText = (message: FakeMessage | undefined) => JSON.stringify(message?.blocks ?? []);

describe('retro by some participants, then the deadline', () => {
  it('asks exactly the participants, reminds the others once at half, then posts the summary in both channels and archives the channel', async () => {
    const c = await openCase(h, REPORTER, 'Retro until the deadline');
    await command(h, c, 'take', OWNER);
    await command(h, c, 'note Called the courier', AGENT);
    // 500 PLN: the lead's tier, which the head may approve too; the lead approves.
    expect(await command(h, c, 'compensate 500 refund broken drum', OWNER)).toContain('Proposed');
    const request = await h.slack.waitFor(() => h.slack.messages(c.channelId).find((m) => blocksText(m).includes(ACTION_IDS.compApprove)));
    await h.requests.blockAction({ userId: LEAD, channelId: c.channelId, actionId: ACTION_IDS.compApprove, message: request });
    await poll(async () => ((await h.database.db.selectFrom('compensations').select('decided_by').where('case_id', '=', c.id).executeTakeFirst())?.decided_by ? true : undefined));

    // The queue is held while some write their notes, so the reminder finds them answered however slow this machine is.
    await queue.pause();
    let closureId: string;
    try {
      await closeCase(h, c, OWNER);
      closureId = (await closureOf(h, c)).id;
      await askForRetroNotes(h.anthill.ctx, closureId);
      const participants = [OWNER, REPORTER, LEAD, HEAD, AGENT];
      for (const person of participants) expect([person, retroDms(h, c, person).length]).toEqual([person, 1]);
      for (const person of [...GROUP, h.slack.botUserId]) expect([person, retroDms(h, c, person).length]).toEqual([person, 0]);
      const asked = await h.database.db.selectFrom('retro_requests').select('recipient').where('closure_id', '=', closureId).execute();
      expect(asked.map((r) => r.recipient).sort()).toEqual([...participants].sort());

      for (const person of [OWNER, AGENT]) {
        const { view } = await clickWrite(h, person, retroDms(h, c, person)[0]!);
        expect((await submitRetro(h, person, view!, GOOD_NOTES)).response_action).toBe('update');
      }
    } finally {
      await queue.resume();
    }

    for (const person of [REPORTER, LEAD, HEAD]) await h.slack.waitFor(() => retroDms(h, c, person).length === 2);
    const reminder = retroDms(h, c, REPORTER)[1]!;
    expect(reminder.text).toContain(`:hourglass_flowing_sand: A quick reminder: your retro notes on complaint #${c.number} are still missing.`);
    expect(blocksText(reminder)).toContain(`"value":"${closureId}"`);

    const summary = await h.slack.waitFor(() => h.slack.messages(TEAM_CHANNEL).find((m) => m.text.startsWith(`Retro of complaint #${c.number}:`)));
    expect(summary.text).toBe(`Retro of complaint #${c.number}: 2 of 5 people asked wrote notes.`);
    expect(blocksText(summary)).toContain(`No notes from <@${HEAD}>, <@${LEAD}> and <@${REPORTER}>.`);
    expect(blocksText(summary)).toContain('• Delivery partner: 2 notes');
    expect(h.slack.messages(c.channelId).filter((m) => m.text === summary.text)).toHaveLength(1);
    await poll(async () => ((await closureOf(h, c)).archived_at ? true : undefined));
    expect(h.slack.channel(c.channelId)?.is_archived).toBe(true);

    const closure = await closureOf(h, c);
    expect(closure.retro_reminded_at!.getTime()).toBeGreaterThanOrEqual(closure.retro_remind_at.getTime());
    expect(closure.summary_posted_at!.getTime()).toBeGreaterThanOrEqual(closure.retro_due_at.getTime());
    const requests = await h.database.db.selectFrom('retro_requests').selectAll().where('closure_id', '=', closureId).orderBy('recipient').execute();
    expect(requests.map((r) => [r.recipient, r.answered_at !== null, r.reminded_at !== null])).toEqual([
      [AGENT, true, false],
      [HEAD, false, true],
      [LEAD, false, true],
      [OWNER, true, false],
      [REPORTER, false, true],
    ]);
    const reminded = await h.database.db.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('kind', '=', 'retro_reminded').execute();
    expect(reminded.map((e) => e.data)).toEqual([{ closureId, people: [HEAD, LEAD, REPORTER] }]);

    // Once: the reminder job woken again sends nothing more.
    await remindAboutRetro(h.anthill.ctx, closureId);
    for (const person of [REPORTER, LEAD, HEAD]) expect(retroDms(h, c, person)).toHaveLength(2);
    for (const person of [OWNER, AGENT]) expect(retroDms(h, c, person)).toHaveLength(1);
  });
});
