import type { Checkboxes } from '@slack/types';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { closeCase } from '../../src/cases/close-case.js';
import type { CloseInput, Closure } from '../../src/domain/closure.js';
import { postCaseRecord } from '../../src/jobs/case-record.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { reconcile } from '../../src/jobs/reconcile.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';
import type { FakeMessage } from '../../fake-slack/types.js';
import { closeValues } from '../support/close-values.js';
import { poll, submitComplaint, type OpenedCase } from '../support/case-flow.js';

// The whole case through signed requests and the fake Slack. Tests that stop the job at a chosen
// point close with the close use case itself, so its job can be held back first.
const REPORTER = 'U0REP0001';
const OWNER = 'U0AAA0001';
const LEAD = 'U0LEAD001';
const STAFF = 'U0STAFF01';
const NAMES: Record<string, string> = { [REPORTER]: 'Rita Reporter', [OWNER]: 'Olek Owner', [LEAD]: 'Lena Lead', [STAFF]: 'Stefan Staff' };
const AGREEMENT = 'Refund of 500.00 PLN to the card ending 1234 by 4 December.\nA new washer is delivered on 5 December.\n\nNo further claims about order #42.';
let h: Harness;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  h = await startHarness({ reconcileEveryMs: 6 * 3600_000, users: [REPORTER, STAFF] });
  for (const [id, name] of Object.entries(NAMES)) h.slack.updateUser(id, { display_name: name });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
});
afterAll(async () => {
  await queue?.close();
  await redis?.quit();
  await h?.close();
});


type Opened = OpenedCase;

function openCase(summary: string, staffInvolved: string[] = []): Promise<Opened> {
  return submitComplaint(h, REPORTER, { summary, staffInvolved });
}

async function command(c: Opened, text: string, userId = OWNER): Promise<{ text: string; blocks?: unknown[] }> {
  const response = await h.requests.slashCommand({ userId, channelId: c.channelId, text });
  expect(response.status).toBe(200);
  return (await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0])).body as { text: string; blocks?: unknown[] };
}

const json = (message: FakeMessage | undefined) => JSON.stringify(message?.blocks ?? []);

/** Closes the case as the close form does, and hands its jobs to the running Anthill. */
async function close(c: Opened, input: Partial<CloseInput> = {}): Promise<Closure> {
  const change = await closeCase(h.database.db, h.policy, {
    caseId: c.id,
    teamId: h.slack.teamId,
    actorId: OWNER,
    now: h.anthill.ctx.now(),
    outcome: 'in_favour',
    explanation: 'We refunded the washer and sent a new one.',
    satisfaction: 4,
    agreement: AGREEMENT,
    customerThanked: true,
    ...input,
  });
  if (!change.ok) throw new Error(`close refused: ${change.code}`);
  await h.anthill.ctx.jobs.schedule(change.jobs);
  return change.closure;
}

const closureRow = (id: string) => h.database.db.selectFrom('case_closures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const posted = (id: string) => poll(async () => ((await closureRow(id)).record_posted_at ? closureRow(id) : undefined));
const filesIn = (c: Opened) => h.slack.files().filter((file) => file.channel === c.channelId);
const completions = (c: Opened) => h.slack.calls('files.completeUploadExternal').filter((call) => call.params.channel_id === c.channelId);
const eventsOf = (c: Opened, kind: string) =>
  h.database.db.selectFrom('case_events').selectAll().where('case_id', '=', c.id).where('kind', '=', kind).orderBy('id').execute();
const exact = (at: Date) => h.anthill.ctx.words.exactDateTime(at);
const person = (id: string) => `${NAMES[id]} (${id})`;

/** The file's bytes as a reader gets them: files.info's url_private_download, with the bot token. */
async function download(fileId: string): Promise<string> {
  const { file } = await h.anthill.ctx.slack.files.info({ file: fileId });
  const response = await fetch(file?.url_private_download ?? '', { headers: { authorization: `Bearer ${h.slack.token}` } });
  expect(response.status).toBe(200);
  return response.text();
}

/** Holds the worker back while `work` runs, so the queued job cannot go first. */
async function paused<T>(work: () => Promise<T>): Promise<T> {
  await queue.pause();
  try {
    return await work();
  } finally {
    await queue.resume();
  }
}

/** An open case taken by the owner and resolved: ready to close. */
async function resolvedCase(summary: string): Promise<Opened> {
  const c = await openCase(summary);
  await command(c, 'take');
  await command(c, 'resolve Sent a new washer');
  return c;
}

describe('the case record', () => {
  it('is posted at close as a Markdown file with the whole case: every event to the second, the decisions and the agreement word for word', async () => {
    const c = await openCase('Washer arrived with a cracked drum', [STAFF]);
    expect((await command(c, 'take')).text).toContain(`You own case #${c.number}`);

    // Tick the first playbook step on the card.
    const card = await h.slack.waitFor(() => h.slack.messages(c.channelId)[0]);
    const group = ((card.blocks ?? []) as { type: string; elements?: { type: string }[] }[])
      .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
      .find((e) => e.type === 'checkboxes') as Checkboxes | undefined;
    if (!group) throw new Error('no checklist on the card');
    await h.requests.blockAction({
      userId: OWNER,
      channelId: c.channelId,
      actionId: group.action_id ?? '',
      actionType: 'checkboxes',
      message: card,
      actionFields: { selected_options: [group.options[0]] },
    });
    await poll(async () => ((await eventsOf(c, 'playbook_step_ticked')).length === 1 ? true : undefined));

    // Propose 500 PLN; the lead's tier approves it from the request in the channel.
    expect((await command(c, 'compensate 500 refund The drum is cracked')).text).toContain('Proposed');
    const request = await h.slack.waitFor(() => h.slack.messages(c.channelId).find((m) => json(m).includes(`"action_id":"${ACTION_IDS.compApprove}"`)));
    await h.requests.blockAction({ userId: LEAD, channelId: c.channelId, actionId: ACTION_IDS.compApprove, message: request });
    await poll(async () => ((await eventsOf(c, 'compensation_approved')).length === 1 ? true : undefined));

    await command(c, 'resolve Refunded 500 PLN and sent a new washer');

    // Close from the card's Close button and its form.
    const resolvedCard = await h.slack.waitFor(() => {
      const message = h.slack.messages(c.channelId)[0];
      return json(message).includes(`"action_id":"${ACTION_IDS.close}"`) && message;
    });
    const clicked = await h.requests.blockAction({ userId: OWNER, channelId: c.channelId, actionId: ACTION_IDS.close, message: resolvedCard });
    const form = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === clicked.triggerId));
    const submitted = await h.requests.viewSubmission({
      userId: OWNER,
      view: form,
      values: closeValues({ outcome: 'in_favour', explanation: 'We refunded the washer and sent a new one.', satisfaction: '4', agreement: AGREEMENT, thanked: 'yes' }),
    });
    expect(submitted.json).toBeUndefined();
    const closure = await poll(() => h.database.db.selectFrom('case_closures').select('id').where('case_id', '=', c.id).executeTakeFirst());
    const row = await posted(closure.id);

    // One file in the case channel, with its message, named and titled in the team's language.
    const [file] = filesIn(c);
    expect(filesIn(c)).toHaveLength(1);
    expect(file?.name).toMatch(new RegExp(`^complaint-${c.number}-record-\\d{4}-\\d{2}-\\d{2}\\.md$`));
    expect(file?.title).toBe(`Case record of complaint #${c.number}`);
    expect(file?.initial_comment).toContain(`Here is the case record of complaint #${c.number}`);
    const share = h.slack.messages(c.channelId).find((m) => m.files?.includes(file?.id ?? ''));
    expect(share?.text).toBe(file?.initial_comment);
    expect(row.record_file_id).toBe(file?.id);
    expect(row.record_permalink).toMatch(new RegExp(`^https://.+/files/.+/${file?.id}/`));

    const content = await download(file?.id ?? '');
    expect(content).toBe(file?.content);
    expect(content.startsWith(`# Case record of complaint #${c.number}: Washer arrived with a cracked drum\n`)).toBe(true);

    // Every event up to the close, in order, each with its exact time in the workspace zone.
    const events = await h.database.db.selectFrom('case_events').selectAll().where('case_id', '=', c.id).orderBy('id').execute();
    const closedIndex = events.findIndex((e) => e.kind === 'closed');
    const recorded = events.slice(0, closedIndex + 1);
    expect(recorded.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['opened', 'owner_changed', 'playbook_step_ticked', 'compensation_proposed', 'compensation_approved', 'resolved', 'closed']),
    );
    const timeline = content.slice(content.indexOf('\n## Timeline\n'), content.indexOf('\n## Playbook steps done\n'));
    const lines = timeline.split('\n').filter((line) => line.startsWith('- '));
    expect(lines).toHaveLength(recorded.length);
    recorded.forEach((e, index) => expect(lines[index]?.startsWith(`- **${exact(e.created_at)}**: `)).toBe(true));
    expect(lines[0]).toBe(`- **${exact(events[0]!.created_at)}**: ${person(REPORTER)} opened the case (High).`);
    expect(exact(events[0]!.created_at)).toMatch(/^\w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} CET$/);

    // The parties by name and Slack id; the decisions with who decided and when.
    expect(content).toContain(`- **Reported by:** ${person(REPORTER)}`);
    expect(content).toContain(`- **Owner:** ${person(OWNER)}`);
    expect(content).toContain(`- **Staff involved:** ${person(STAFF)}`);
    expect(content).toContain('- **Customer:** Anna Nowak\n- **Customer contact:** anna@example.com');
    const [comp] = await h.database.db.selectFrom('compensations').selectAll().where('case_id', '=', c.id).execute();
    expect(content).toContain(`- **Proposed by:** ${person(OWNER)}, ${exact(comp!.proposed_at)}`);
    expect(content).toContain(`- **Decision:** Approved by ${person(LEAD)}, ${exact(comp!.decided_at!)}`);
    expect(content).toContain(`**Note for the approvers:**\n\n> The drum is cracked`);
    const [tick] = await h.database.db.selectFrom('playbook_steps_done').selectAll().where('case_id', '=', c.id).execute();
    expect(content).toContain(`- **1. Thank the customer**: ticked by ${person(OWNER)}, ${exact(tick!.done_at)}`);

    // The close, and the agreement word for word.
    expect(content).toContain(`- **Closed by:** ${person(OWNER)}, ${exact(row.closed_at)}`);
    expect(content).toContain('- **Customer satisfaction:** 4/5');
    expect(content).toContain(
      '**The agreement reached with the customer, word for word:**\n\n' +
        '> Refund of 500.00 PLN to the card ending 1234 by 4 December.  \n> A new washer is delivered on 5 December.\n>\n> No further claims about order #42.',
    );

    // Recorded in the timeline once, with no channel line of its own: the file is the message.
    expect(await eventsOf(c, 'case_record_posted')).toMatchObject([{ data: { closureId: closure.id, fileId: file?.id, permalink: row.record_permalink } }]);
    expect(h.slack.messages(c.channelId).some((m) => m.text.includes('record was posted'))).toBe(false);

    // /complaint show links it, and still does after reopening.
    const link = `<${row.record_permalink}|open the file>`;
    expect(JSON.stringify((await command(c, 'show')).blocks)).toContain(link);
    expect((await command(c, 'reopen The washer leaks again')).text).toContain('open again');
    expect(JSON.stringify((await command(c, 'show')).blocks)).toContain(link);
    expect(filesIn(c)).toHaveLength(1);
  });

  it('run twice at once, and once more by its queued job, posts one file', async () => {
    const c = await resolvedCase('Record job run twice');
    const closure = await paused(async () => {
      const closed = await close(c);
      await Promise.all([postCaseRecord(h.anthill.ctx, closed.id), postCaseRecord(h.anthill.ctx, closed.id)]);
      return closed;
    });
    // The queued job runs after the resume and finds the record posted.
    await poll(async () => ((await queue.getJob(`case-record-${closure.id}`)) ? undefined : true));
    await postCaseRecord(h.anthill.ctx, closure.id);
    expect(filesIn(c)).toHaveLength(1);
    expect(completions(c)).toHaveLength(1);
    expect(await eventsOf(c, 'case_record_posted')).toHaveLength(1);
  });

  it('a crash between the upload and recording it does not post a second file', async () => {
    const c = await resolvedCase('Record crash after upload');
    const closure = await paused(async () => {
      const closed = await close(c);
      expect(await queue.remove(`case-record-${closed.id}`)).toBe(1);
      return closed;
    });
    const crash = postCaseRecord(h.anthill.ctx, closure.id, {
      afterUpload: async () => {
        throw new Error('worker killed');
      },
    });
    await expect(crash).rejects.toThrow('worker killed');
    const [file] = filesIn(c);
    const before = await closureRow(closure.id);
    expect(before).toMatchObject({ record_file_id: file?.id, record_posted_at: null });

    // Reconciliation asks for it again; the run asks Slack about the stored file and only records it.
    const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(report.requestedIds).toContain(`case-record-${closure.id}`);
    const after = await posted(closure.id);
    expect(filesIn(c)).toHaveLength(1);
    expect(completions(c)).toHaveLength(1);
    expect(h.slack.calls('files.info').some((call) => call.params.file === file?.id)).toBe(true);
    expect(after.record_file_id).toBe(file?.id);
    expect(after.record_permalink).toContain(`/${file?.id}/`);
    expect(await eventsOf(c, 'case_record_posted')).toHaveLength(1);
    expect((await reconcile(h.anthill.ctx, queue, { atStartup: false })).requestedIds).not.toContain(`case-record-${closure.id}`);
  });

  it('a crash after Slack gave the file id but before the upload completed uploads it again, once', async () => {
    const c = await resolvedCase('Record crash before completing');
    const closure = await paused(async () => {
      const closed = await close(c);
      expect(await queue.remove(`case-record-${closed.id}`)).toBe(1);
      return closed;
    });
    await expect(
      postCaseRecord(h.anthill.ctx, closure.id, {
        afterReserve: async () => {
          throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    const abandoned = (await closureRow(closure.id)).record_file_id;
    expect(abandoned).toMatch(/^F/);
    expect(filesIn(c)).toHaveLength(0);

    await postCaseRecord(h.anthill.ctx, closure.id);
    const row = await closureRow(closure.id);
    expect(row.record_posted_at).not.toBeNull();
    expect(row.record_file_id).not.toBe(abandoned);
    expect(filesIn(c).map((file) => file.id)).toEqual([row.record_file_id]);
  });

  it('an archived case channel is a stuck step, not a loop: shown, left alone by reconciliation, posted by /complaint retry', async () => {
    const c = await resolvedCase('Record into an archived channel');
    const channel = h.slack.channel(c.channelId);
    if (!channel) throw new Error('no case channel');
    const closure = await paused(async () => {
      const closed = await close(c);
      expect(await queue.remove(`case-record-${closed.id}`)).toBe(1);
      channel.is_archived = true;
      await postCaseRecord(h.anthill.ctx, closed.id);
      return closed;
    });
    const stuck = () => h.database.db.selectFrom('stuck_steps').selectAll().where('case_id', '=', c.id).where('step', '=', `case_record:${closure.id}`).execute();
    expect(await stuck()).toMatchObject([{ slack_error: 'is_archived', tries: 1 }]);
    expect(filesIn(c)).toHaveLength(0);
    expect((await closureRow(closure.id)).record_posted_at).toBeNull();
    const problems = await eventsOf(c, 'slack_problem');
    expect(problems.filter((e) => e.data.step === `case_record:${closure.id}`)).toMatchObject([{ data: { error: 'is_archived' } }]);

    // Held until its next try is due: reconciliation does not ask for it.
    const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(report.requestedIds).not.toContain(`case-record-${closure.id}`);
    const shown = JSON.stringify((await command(c, 'show')).blocks);
    expect(shown).toContain('Posting the case record in the case channel');
    expect(shown).toContain('is_archived');

    // Once the channel is back, /complaint retry posts it, once.
    channel.is_archived = false;
    expect((await command(c, 'retry')).text).toContain('Posting the case record in the case channel');
    await posted(closure.id);
    expect(filesIn(c)).toHaveLength(1);
    await poll(async () => ((await stuck()).length === 0 ? true : undefined));
  });
});
