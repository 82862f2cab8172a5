import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectionBlock } from '@slack/types';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { actionItemJobs } from '../../src/cases/action-item-jobs.js';
import { closeCase } from '../../src/cases/close-case.js';
import { openCase as openCaseDirectly } from '../../src/cases/open-case.js';
import { upsertActionItem } from '../../src/db/action-item-repository.js';
import type { ActionItem } from '../../src/domain/action-item.js';
import { localDate } from '../../src/domain/action-item-rules.js';
import { jobIdFor, QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { reconcile } from '../../src/jobs/reconcile.js';
import { sendActionItemReminder } from '../../src/jobs/action-item-due.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';
import type { FakeMessage } from '../../fake-slack/types.js';
import { intakeValues } from '../support/intake-values.js';
import { captureLog } from '../support/log-capture.js';
import { sampleIntake } from '../support/sample-intake.js';
import { poll } from '../support/case-flow.js';

// Action items are written by the retro form; here they are stored the way its submission
// stores them (upsertActionItem on a retro note of a closed case) and their jobs asked for
// with actionItemJobs, as the submission does. Everything after that goes through signed
// requests, the real worker and the fake Slack. Reconciliation runs only when a test runs it.

const REPORTER = 'U0REP0001';
const CASE_OWNER = 'U0OWNER01';
const DOER = 'U0DOER001';
const WRITER = 'U0WRITE01';
const STRANGER = 'U0OTHER01';
const LEAD = 'U0LEAD001';
const GONE = 'U0GONE001';
const OTHER_TEAM = 'T0OTHER01';
const ELSEWHERE = 'C0ELSEWHERE';
const DAY = 86_400_000;

let h: Harness;
let redis: Redis;
let queue: Queue;
const log = captureLog('info');

beforeAll(async () => {
  h = await startHarness({ reconcileEveryMs: 6 * 3600_000, users: [REPORTER, CASE_OWNER, DOER, WRITER, STRANGER, GONE], logger: log.logger });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
});
afterAll(async () => {
  await queue?.close();
  await redis?.quit();
  await h?.close();
});


/** Waits until the worker has nothing waiting or running. */
const idle = () =>
  poll(async () => Object.values(await queue.getJobCounts('active', 'wait', 'prioritized', 'paused')).every((n) => n === 0));

interface Closed {
  id: string;
  number: number;
  channelId: string;
  closureId: string;
  teamId: string;
}

/** Opens a case through the intake form, lets its owner take it, and closes it as the close form would. */
async function closedCase(summary: string): Promise<Closed> {
  await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary }) });
  const row = await poll(() =>
    h.database.db
      .selectFrom('cases')
      .innerJoin('case_channels', 'case_channels.case_id', 'cases.id')
      .select(['cases.id', 'cases.number', 'case_channels.channel_id'])
      .where('summary', '=', summary)
      .where('case_channels.reporter_told_at', 'is not', null)
      .executeTakeFirst(),
  );
  const channelId = row.channel_id ?? '';
  await command(`take #${row.number}`, CASE_OWNER);
  return close({ id: row.id, number: row.number, channelId, teamId: h.slack.teamId });
}

async function close(c: Omit<Closed, 'closureId'>): Promise<Closed> {
  const closed = await closeCase(h.database.db, h.policy, {
    caseId: c.id,
    teamId: c.teamId,
    actorId: CASE_OWNER,
    now: new Date(),
    outcome: 'in_favour',
    explanation: 'Refunded the delivery fee',
    satisfaction: 5,
    agreement: 'Refund of 25 PLN by Friday',
    customerThanked: true,
  });
  if (!closed.ok) throw new Error(`not closed: ${closed.code}`);
  await h.anthill.ctx.jobs.schedule(closed.jobs);
  return { ...c, closureId: closed.closure.id };
}

/** A day relative to today in the workspace zone, `YYYY-MM-DD`. */
const day = (offsetDays: number) => localDate(h.policy.calendar.timeZone, new Date(Date.now() + offsetDays * DAY));

/** Stores a retro note's procedure change as the retro submission does, and asks for its job unless told not to. */
async function addItem(
  c: Closed,
  input: { description: string; writer?: string; owner?: string; dueOn?: string; remindAt?: Date; schedule?: boolean },
): Promise<ActionItem> {
  const writer = input.writer ?? WRITER;
  const now = new Date();
  const note = await h.database.db
    .insertInto('retro_notes')
    .values({ closure_id: c.closureId, case_id: c.id, team_id: c.teamId, author_id: writer, root_cause: 'process_gap', root_cause_detail: '', went_well: 'Quick refund', lesson: 'Weigh parcels', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = await h.database.db.transaction().execute((trx) =>
    upsertActionItem(trx, {
      caseId: c.id,
      teamId: c.teamId,
      retroNoteId: note.id,
      description: input.description,
      ownerId: input.owner ?? DOER,
      dueOn: input.dueOn ?? day(3),
      remindAt: input.remindAt ?? new Date(Date.now() + DAY),
      createdBy: writer,
      now,
    }),
  );
  if (input.schedule !== false) await h.anthill.ctx.jobs.schedule(actionItemJobs(item));
  return item;
}

interface Reply {
  text: string;
  blocks?: SectionBlock[];
  replace_original?: boolean;
  response_type?: string;
}

async function command(text: string, userId = CASE_OWNER, channelId = ELSEWHERE): Promise<Reply> {
  const response = await h.requests.slashCommand({ userId, channelId, text });
  return (await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0])).body as Reply;
}

/** Done on one item of the ephemeral list; returns what replaced the list, or the private refusal. */
async function doneInList(list: Reply, itemId: string, userId: string): Promise<Reply> {
  const response = await h.requests.blockAction({
    userId,
    channelId: ELSEWHERE,
    actionId: ACTION_IDS.actionItemDone,
    blockId: `action_items_list:${itemId}`,
    value: itemId,
    message: { ts: '1700000000.000100', text: list.text, blocks: list.blocks },
    isEphemeral: true,
  });
  return (await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl ?? '')[0])).body as Reply;
}

/** Done in the due-date DM. */
async function doneInDm(dm: FakeMessage, userId: string): Promise<Reply> {
  const response = await h.requests.blockAction({ userId, channelId: dm.channel, actionId: ACTION_IDS.actionItemDone, message: dm });
  return (await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl ?? '')[0])).body as Reply;
}

const listedIds = (reply: Reply) => (reply.blocks ?? []).flatMap((b) => (b.accessory && 'value' in b.accessory ? [b.accessory.value] : []));
const itemRow = (id: string) => h.database.db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const doneEvents = (c: Closed) =>
  h.database.db.selectFrom('case_events').select(['id', 'actor_id', 'data']).where('case_id', '=', c.id).where('kind', '=', 'action_item_done').orderBy('id').execute();
const dueDms = (to: string, c: Closed) => h.slack.dms(to).filter((m) => m.text.includes(`retro of complaint #${c.number} `));

describe('/complaint list actions', () => {
  it('says kindly when nothing is open, then lists the open items across cases, earliest due first, overdue marked', async () => {
    const empty = await command('list actions');
    expect(empty.text).toBe(':sparkles: No open action items: every procedure change from the retros is done. Nice work!');
    expect(empty.response_type).toBe('ephemeral');

    const a = await closedCase('Parcel left in the rain');
    const b = await closedCase('Invoice charged twice');
    const later = await addItem(a, { description: 'Ask couriers to <!here> ring twice', dueOn: day(5) });
    const overdue = await addItem(b, { description: 'Check double charges every Monday', dueOn: day(-2), owner: CASE_OWNER });
    const today = await addItem(a, { description: 'Add a rain cover to the packing list', dueOn: day(0), writer: CASE_OWNER });

    const list = await command('list actions', STRANGER);
    expect(list.text).toBe('3 open action items');
    expect(listedIds(list)).toEqual([overdue.id, today.id, later.id]);
    const lines = (list.blocks ?? []).filter((block) => block.accessory).map((block) => block.text?.text ?? '');
    expect(lines[0]).toMatch(new RegExp(`^\\*#${b.number}\\* · <#${b.channelId}> · :warning: \\*Overdue\\*: due .+ · owner <@${CASE_OWNER}>\\n>Check double charges every Monday$`));
    expect(lines[1]).toContain(`*#${a.number}* · <#${a.channelId}> · :alarm_clock: *Due today*`);
    expect(lines[2]).toContain(`owner <@${DOER}>`);
    expect(lines[2]).toContain('>Ask couriers to &lt;!here&gt; ring twice');
    for (const block of (list.blocks ?? []).filter((b) => b.accessory)) {
      expect(block.accessory).toMatchObject({ type: 'button', action_id: ACTION_IDS.actionItemDone, text: { text: 'Done' } });
    }

    // Done for the tests below, by the writer, the case owner and a lead: each may.
    for (const [item, who] of [
      [later, WRITER],
      [overdue, CASE_OWNER],
      [today, LEAD],
    ] as const) {
      expect((await doneInList(list, item.id, who)).replace_original).toBe(true);
    }
    expect((await command('list actions')).text).toContain('No open action items');
  });
});

describe('Done', () => {
  it('by the person doing it: recorded once, the list shown again without it, a line in the channel and the timeline', async () => {
    const c = await closedCase('Wrong size delivered');
    const item = await addItem(c, { description: 'Double-check sizes when packing' });
    const other = await addItem(c, { description: 'Print size labels in bold', writer: CASE_OWNER });
    const list = await command('list actions', DOER);
    expect(listedIds(list)).toEqual(expect.arrayContaining([item.id, other.id]));

    const after = await doneInList(list, item.id, DOER);
    expect(after.replace_original).toBe(true);
    expect(after.blocks?.[1]?.text?.text).toBe(`:white_check_mark: Marked done: Double-check sizes when packing (complaint #${c.number}).`);
    expect(listedIds(after)).toContain(other.id);
    expect(listedIds(after)).not.toContain(item.id);

    const row = await itemRow(item.id);
    expect(row.done_by).toBe(DOER);
    expect(row.done_at).not.toBeNull();
    expect((await doneEvents(c)).map((e) => [e.actor_id, e.data])).toEqual([[DOER, { actionItemId: item.id, description: 'Double-check sizes when packing' }]]);
    await h.slack.waitFor(() => h.slack.messages(c.channelId).find((m) => m.text === `:white_check_mark: <@${DOER}> marked an action item done: Double-check sizes when packing`));
    const shown = JSON.stringify(await command(`show #${c.number}`));
    expect(shown).toContain('marked an action item done: Double-check sizes when packing');
    await doneInList(after, other.id, CASE_OWNER);
  });

  it('by someone else is refused privately and changes nothing; a lead may', async () => {
    const c = await closedCase('Missing screws');
    const item = await addItem(c, { description: 'Count the screws in every kit' });
    const list = await command('list actions', STRANGER);

    const refusal = await doneInList(list, item.id, STRANGER);
    expect(refusal.replace_original).toBe(false);
    expect(refusal.response_type).toBe('ephemeral');
    expect(refusal.text).toBe(
      `Only the person doing this action item (<@${DOER}>), the person who wrote it (<@${WRITER}>), the owner of case #${c.number} or a lead can mark it done.`,
    );
    expect((await itemRow(item.id)).done_at).toBeNull();
    expect(await doneEvents(c)).toEqual([]);

    expect((await doneInList(list, item.id, LEAD)).replace_original).toBe(true);
    expect((await itemRow(item.id)).done_by).toBe(LEAD);
  });

  it('clicked twice at once records one; the other click hears who was first', async () => {
    const c = await closedCase('Scratched table top');
    const item = await addItem(c, { description: 'Wrap corners in foam' });
    const list = await command('list actions', DOER);
    const answers = await Promise.all([doneInList(list, item.id, DOER), doneInList(list, item.id, DOER)]);
    expect(answers.every((answer) => answer.replace_original === true)).toBe(true);
    const notices = answers.map((answer) => answer.blocks?.[1]?.text?.text ?? '').sort();
    expect(notices[0]).toBe(`:white_check_mark: Marked done: Wrap corners in foam (complaint #${c.number}).`);
    expect(notices[1]).toMatch(new RegExp(`^This action item of complaint #${c.number} was already marked done by <@${DOER}> on .+\\. Nothing was changed\\.$`));
    expect(await doneEvents(c)).toHaveLength(1);
    // A stale list clicked later says the same.
    expect((await doneInList(list, item.id, LEAD)).blocks?.[1]?.text?.text).toContain('was already marked done');
    expect((await itemRow(item.id)).done_by).toBe(DOER);
  });

  it('from another workspace is refused', async () => {
    const { ctx } = h.anthill;
    const theirs = (await openCaseDirectly(ctx.db, ctx.policy, { teamId: OTHER_TEAM, reporterId: 'U0THEIRS1', intake: sampleIntake({ summary: 'Their case' }), now: new Date() })).case;
    const c = await close({ id: theirs.id, number: theirs.number, channelId: '', teamId: OTHER_TEAM });
    const item = await addItem(c, { description: 'Their procedure', schedule: false });
    const list = await command('list actions', LEAD);
    expect(listedIds(list)).not.toContain(item.id);
    const refusal = await doneInList(list, item.id, LEAD);
    expect(refusal.text).toContain('belongs to another Slack workspace');
    expect((await itemRow(item.id)).done_at).toBeNull();
  });

  it('on a case whose channel is archived: recorded, nothing to post, nothing stuck, no job asked again', async () => {
    const c = await closedCase('Archived before the item was done');
    const item = await addItem(c, { description: 'Test the new packing tape' });
    await idle();
    const channel = h.slack.channel(c.channelId);
    if (!channel) throw new Error('no case channel');
    channel.is_archived = true;
    const posts = () => h.slack.calls('chat.postMessage').filter((call) => call.params.channel === c.channelId).length;
    const before = posts();

    const list = await command('list actions', DOER);
    expect((await doneInList(list, item.id, DOER)).replace_original).toBe(true);
    const [event] = await doneEvents(c);
    const post = await poll(() => h.database.db.selectFrom('event_posts').selectAll().where('event_id', '=', event!.id).executeTakeFirst());
    expect(post.ts).toBe('');
    await idle();
    expect(await h.database.db.selectFrom('stuck_steps').selectAll().where('case_id', '=', c.id).execute()).toEqual([]);
    const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(report.requestedIds.filter((id) => id.startsWith(`sync-${c.id}`) || id === `retry-${c.id}`)).toEqual([]);
    await idle();
    // One try to post the line, refused by the archive, and no more.
    expect(posts() - before).toBe(1);
    expect(JSON.stringify(await command(`show #${c.number}`))).toContain('marked an action item done: Test the new packing tape');
  });
});

describe('the due-date DM', () => {
  it('goes to the owner once at remind_at, with Done, even when the job runs twice; an early wake-up sends nothing', async () => {
    const c = await closedCase('Late courier again');
    const early = await addItem(c, { description: 'Not due yet', writer: CASE_OWNER, remindAt: new Date(Date.now() + DAY), schedule: false });
    await sendActionItemReminder(h.anthill.ctx, early.id);
    expect((await itemRow(early.id)).reminded_at).toBeNull();

    const item = await addItem(c, { description: 'Call the courier depot', dueOn: day(0), remindAt: new Date(Date.now() + 1000) });
    const dm = await h.slack.waitFor(() => dueDms(DOER, c)[0]);
    expect(dm.text).toBe(`:pushpin: Your action item from the retro of complaint #${c.number} is due today. The case is in <#${c.channelId}>.`);
    expect(JSON.stringify(dm.blocks)).toContain(`"action_id":"${ACTION_IDS.actionItemDone}"`);
    expect(JSON.stringify(dm.blocks)).toContain('Call the courier depot');
    await Promise.all([sendActionItemReminder(h.anthill.ctx, item.id), sendActionItemReminder(h.anthill.ctx, item.id)]);
    await idle();
    expect(dueDms(DOER, c)).toHaveLength(1);
    expect((await itemRow(item.id)).reminded_at).not.toBeNull();
    expect(dueDms(DOER, c).some((m) => m.text.includes('Not due yet'))).toBe(false);

    // Done in the DM replaces it; a second click on the old DM hears it is done.
    const thanks = await doneInDm(dm, DOER);
    expect(thanks).toMatchObject({ replace_original: true });
    expect(thanks.text).toBe(`:white_check_mark: Done, thank you! The action item from complaint #${c.number} is marked done:\n>Call the courier depot`);
    expect(thanks.blocks).toBeUndefined();
    const again = await doneInDm(dm, DOER);
    expect(again.text).toContain('was already marked done by');
    expect(await doneEvents(c)).toHaveLength(1);
  });

  it('is not sent for an item done before its morning', async () => {
    const c = await closedCase('Done before it was due');
    await idle();
    let item: ActionItem;
    // Held back so the DM cannot go out before the click.
    await queue.pause();
    try {
      item = await addItem(c, { description: 'Label fragile boxes', remindAt: new Date() });
      const list = await command('list actions', DOER);
      expect((await doneInList(list, item.id, DOER)).replace_original).toBe(true);
    } finally {
      await queue.resume();
    }
    const jobId = jobIdFor(actionItemJobs({ ...item, doneAt: null })[0]!);
    await poll(async () => (await queue.getJob(jobId)) === undefined);
    await idle();
    await sendActionItemReminder(h.anthill.ctx, item.id);
    expect(h.slack.dms(DOER).filter((m) => m.text.includes(`complaint #${c.number} `))).toEqual([]);
    expect((await itemRow(item.id)).reminded_at).toBeNull();
    const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(report.requestedIds).not.toContain(jobId);
  });

  it('whose job Redis lost is asked for again by reconciliation, and sent once', async () => {
    const c = await closedCase('Lost reminder');
    let item: ActionItem;
    await queue.pause();
    try {
      item = await addItem(c, { description: 'Review the returns form', remindAt: new Date() });
      const jobId = jobIdFor(actionItemJobs(item)[0]!);
      await poll(async () => ((await queue.getJob(jobId)) ? true : undefined));
      expect(await queue.remove(jobId)).toBe(1);
    } finally {
      await queue.resume();
    }
    const jobId = jobIdFor(actionItemJobs(item)[0]!);
    expect(await queue.getJob(jobId)).toBeUndefined();

    const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(report.requestedIds).toContain(jobId);
    await h.slack.waitFor(() => dueDms(DOER, c).length === 1);
    await idle();
    const again = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(again.requestedIds).not.toContain(jobId);
    expect(dueDms(DOER, c)).toHaveLength(1);
  });

  it('refused by Slack for another reason is a stuck step: held from reconciliation, sent once by /complaint retry', async () => {
    const c = await closedCase('Reminder refused by Slack');
    const stop = h.slack.onCall((call) => {
      if (call.method === 'chat.postMessage' && call.params.channel === DOER && String(call.params.text).includes(`complaint #${c.number} `)) {
        h.slack.failNext('chat.postMessage', { error: 'missing_scope' });
      }
    });
    let item: ActionItem;
    try {
      item = await addItem(c, { description: 'Retrain the night shift', remindAt: new Date() });
      const stuck = await poll(() => h.database.db.selectFrom('stuck_steps').selectAll().where('case_id', '=', c.id).executeTakeFirst());
      expect(stuck).toMatchObject({ step: `action_item:${item.id}`, slack_error: 'missing_scope', tries: 1 });
      await idle();
      expect((await itemRow(item.id)).reminded_at).toBeNull();
      const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
      expect(report.requestedIds.filter((id) => id.startsWith(`action-due-${item.id}-`))).toEqual([]);
      expect(JSON.stringify(await command(`show #${c.number}`))).toContain('Sending an action item’s due-date DM to its owner');
    } finally {
      stop();
    }
    const retry = await command(`retry #${c.number}`);
    expect(retry.text).toContain('Sending an action item’s due-date DM to its owner');
    await h.slack.waitFor(() => dueDms(DOER, c).length === 1);
    await poll(async () => (await itemRow(item.id)).reminded_at !== null);
    await idle();
    expect(await h.database.db.selectFrom('stuck_steps').selectAll().where('case_id', '=', c.id).execute()).toEqual([]);
    expect(dueDms(DOER, c)).toHaveLength(1);
  });

  it('to someone who left the workspace is logged with the case number and noted, and does no harm', async () => {
    const c = await closedCase('Owner left the company');
    h.slack.removeUser(GONE);
    const item = await addItem(c, { description: 'Hand over the courier contract', owner: GONE, remindAt: new Date() });
    await poll(async () => (await itemRow(item.id)).reminded_at !== null);
    await idle();
    const problems = await h.database.db.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('kind', '=', 'slack_problem').execute();
    expect(problems.map((p) => p.data)).toEqual([{ error: 'channel_not_found', step: 'dm', purpose: 'action_item', user: GONE }]);
    expect(await h.database.db.selectFrom('stuck_steps').selectAll().where('case_id', '=', c.id).execute()).toEqual([]);
    const logged = log.entries().filter((entry) => entry.msg === 'Slack could not deliver a DM' && entry.purpose === 'action_item');
    expect(logged).toEqual([expect.objectContaining({ caseNumber: c.number, recipient: GONE, slackError: 'channel_not_found' })]);
    expect(log.text()).not.toContain('Hand over the courier contract');
    // Reconciliation does not ask again, and the item is still open for someone to mark done.
    const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(report.requestedIds).not.toContain(jobIdFor(actionItemJobs({ ...item, remindedAt: null })[0]!));
    expect(listedIds(await command('list actions'))).toContain(item.id);
    await doneInList(await command('list actions'), item.id, WRITER);
  });
});
