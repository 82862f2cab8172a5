import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { RETRO_FIELDS } from '../../src/blocks/retro-modal.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { reconcile } from '../../src/jobs/reconcile.js';
import { askForRetroNotes } from '../../src/jobs/retro-requests.js';
import { remindAboutRetro } from '../../src/jobs/retro-reminder.js';
import { postRetroSummary } from '../../src/jobs/retro-summary.js';
import { postCaseRecord } from '../../src/jobs/case-record.js';
import { retryStuckSteps } from '../../src/jobs/retry-stuck.js';
import { makeStuckStepsDue } from '../../src/db/stuck-step-repository.js';
import type { AppContext } from '../../src/context.js';
import { REDIS_URL, startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import { captureLog } from '../support/log-capture.js';
import type { FakeMessage } from '../../fake-slack/types.js';
import {
  clickWrite,
  closeCase,
  closureOf,
  command,
  GOOD_NOTES,
  openCase,
  poll,
  retroCommand,
  retroDms,
  savedText,
  submitRetro,
  type OpenedCase,
} from '../support/retro-flow.js';

// retro_due is an hour here: summaries in this file come from everyone answering (or a job run with a later clock).
const REPORTER = 'U0REP0001';
const OWNER = 'U0OWNER01';
const AGENT = 'U0AAA0001';
const LEAD = 'U0LEAD001';
const HEAD = 'U0HEAD001';
const GUEST = 'U0GUEST01';
const TEAM_CHANNEL = 'C0TEAM0001';
let h: Harness;
let redis: Redis;
let queue: Queue;
const log = captureLog('info');

beforeAll(async () => {
  const policy = await testPolicy((yaml) => yaml.replace('retro_due: 1d', 'retro_due: 1h'));
  h = await startHarness({ policy, reconcileEveryMs: 6 * 3600_000, users: [REPORTER, OWNER], logger: log.logger });
  h.slack.addUser(GUEST, { is_restricted: true });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002']);
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
});
afterAll(async () => {
  await queue?.close();
  await redis?.quit();
  await h?.close();
});

/** The app's context with the clock moved on, for running a job as if its time had come. */
const later = (ms: number): AppContext => ({ ...h.anthill.ctx, now: () => new Date(Date.now() + ms) });
const HOUR = 3_600_000;

const summaries = (channelId: string, c: OpenedCase): FakeMessage[] =>
  h.slack.messages(channelId).filter((m) => m.text.startsWith(`Retro of complaint #${c.number}:`));
const blocksText = (message: FakeMessage | undefined) => JSON.stringify(message?.blocks ?? []);
const eventsOf = (c: OpenedCase, kind: string) =>
  h.database.db.selectFrom('case_events').select(['data', 'actor_id']).where('case_id', '=', c.id).where('kind', '=', kind).orderBy('id').execute();
const requestsOf = (closureId: string) => h.database.db.selectFrom('retro_requests').selectAll().where('closure_id', '=', closureId).orderBy('recipient').execute();

/** A case opened by the reporter, taken by the owner and closed by them: both are asked. */
async function closedCase(summary: string): Promise<{ c: OpenedCase; closureId: string }> {
  const c = await openCase(h, REPORTER, summary);
  await command(h, c, 'take', OWNER);
  await closeCase(h, c, OWNER);
  const closure = await closureOf(h, c);
  for (const person of [OWNER, REPORTER]) await h.slack.waitFor(() => retroDms(h, c, person).length === 1);
  return { c, closureId: closure.id };
}

/** Writes notes through the DM's button and the form. */
async function writeNotes(c: OpenedCase, person: string, answers = GOOD_NOTES) {
  const dm = retroDms(h, c, person)[0];
  if (!dm) throw new Error(`no retro DM for ${person}`);
  const { view } = await clickWrite(h, person, dm);
  if (!view) throw new Error('the retro form did not open');
  return submitRetro(h, person, view, answers);
}

describe('retro after closing', () => {
  it('asks the owner and the reporter by DM with a button that opens the retro form', async () => {
    const { c, closureId } = await closedCase('Retro asks the participants');
    const dm = retroDms(h, c, OWNER)[0]!;
    expect(dm.text).toContain(`:memo: Complaint #${c.number} is closed. What can we learn from it?`);
    expect(dm.text).toContain(`The case is in <#${c.channelId}>.`);
    expect(blocksText(dm)).toContain(`"value":"${closureId}"`);
    expect(blocksText(dm)).toContain('Write retro notes');
    const { view } = await clickWrite(h, OWNER, dm);
    expect(view?.callback_id).toBe('retro_notes');
    expect(view?.private_metadata).toBe(closureId);
    expect(JSON.stringify(view?.definition)).toContain('Gap in our process');
    await poll(async () => ((await closureOf(h, c)).retro_asked_at ? true : undefined));
    expect((await requestsOf(closureId)).map((r) => [r.recipient, r.asked_at !== null])).toEqual([
      [OWNER, true],
      [REPORTER, true],
    ]);
  });

  it('everyone answers: the summary goes out at once in the case and team channels, and the channel is archived', async () => {
    const { c, closureId } = await closedCase('Retro everyone answers');
    const first = await writeNotes(c, OWNER, {
      cause: 'other',
      detail: 'The courier <!here> lost the label',
      wentWell: 'Fast *reply*',
      lesson: 'Photograph every parcel',
      change: 'Add a photo step to packing',
      owner: AGENT,
      due: '2099-01-15',
    });
    expect(first.response_action).toBe('update');
    expect(savedText(first)).toContain('The summary goes out when everyone has written theirs');
    expect(savedText(first)).toContain(`The procedure change is an action item for <@${AGENT}>, due Thu, 15 Jan 2099.`);
    const last = await writeNotes(c, REPORTER, { cause: 'delivery_partner', wentWell: 'Kind words', lesson: 'Ask for photos' });
    expect(savedText(last)).toContain('Yours were the last notes we were waiting for');

    const inCase = await h.slack.waitFor(() => summaries(c.channelId, c)[0]);
    const inTeam = await h.slack.waitFor(() => summaries(TEAM_CHANNEL, c)[0]);
    await h.slack.waitFor(() => h.slack.channel(c.channelId)?.is_archived);
    await poll(async () => ((await closureOf(h, c)).archived_at ? true : undefined));
    const closure = await closureOf(h, c);
    expect(closure.summary_posted_at!.getTime()).toBeLessThan(closure.retro_due_at.getTime());
    expect(closure.archived_at).not.toBeNull();
    expect(closure.summary_case_ts).toBe(inCase.ts);
    expect(closure.summary_team_ts).toBe(inTeam.ts);
    expect(inCase.text).toBe(`Retro of complaint #${c.number}: 2 of 2 people asked wrote notes.`);
    const body = blocksText(inTeam);
    expect(body).toBe(blocksText(inCase));
    for (const line of [
      '*Root causes*',
      '• Delivery partner: 1 note',
      '• Other: 1 note',
      `• The courier &lt;!here&gt; lost the label — <@${OWNER}>`,
      `• Fast *reply* — <@${OWNER}>`,
      `• Ask for photos — <@${REPORTER}>`,
      `• Add a photo step to packing — <@${AGENT}>, by Thu, 15 Jan 2099`,
    ]) {
      expect(body).toContain(line);
    }
    expect(body).not.toContain('<!here>');
    expect(body).not.toContain('No notes from');
    expect((await eventsOf(c, 'retro_submitted')).map((e) => [e.actor_id, e.data.cause])).toEqual([
      [OWNER, 'other'],
      [REPORTER, 'delivery_partner'],
    ]);
    expect(await eventsOf(c, 'retro_summary_posted')).toEqual([{ actor_id: null, data: { closureId, answered: 2, asked: 2 } }]);
    expect(await eventsOf(c, 'channel_archived')).toEqual([{ actor_id: null, data: { closureId, already: false } }]);
  });

  it('shows the form’s problems on its fields and stores nothing', async () => {
    const { c, closureId } = await closedCase('Retro form problems');
    const { view } = await retroCommand(h, OWNER, c.channelId);
    expect(view?.private_metadata).toBe(closureId);
    const errorsFor = async (answers: Parameters<typeof submitRetro>[3]) => {
      const answer = await submitRetro(h, OWNER, view!, answers);
      expect(answer.response_action).toBe('errors');
      return answer.errors ?? {};
    };
    expect(await errorsFor({})).toEqual({
      [RETRO_FIELDS.rootCause.blockId]: 'Choose the root cause closest to what happened.',
      [RETRO_FIELDS.wentWell.blockId]: 'Write what went well, even something small.',
      [RETRO_FIELDS.lesson.blockId]: 'Write the lesson for next time.',
    });
    expect(await errorsFor({ ...GOOD_NOTES, cause: 'other' })).toEqual({ [RETRO_FIELDS.rootCauseDetail.blockId]: 'You chose Other: say in a few words what the cause was.' });
    expect(await errorsFor({ ...GOOD_NOTES, change: 'Photograph parcels' })).toEqual({
      [RETRO_FIELDS.changeOwner.blockId]: 'A procedure change needs what, who and by when. Fill in all three, or leave all three empty.',
      [RETRO_FIELDS.changeDue.blockId]: 'A procedure change needs what, who and by when. Fill in all three, or leave all three empty.',
    });
    expect(await errorsFor({ ...GOOD_NOTES, change: 'Photograph parcels', owner: AGENT, due: '2020-01-01' })).toEqual({
      [RETRO_FIELDS.changeDue.blockId]: 'That day has passed. Pick today or a later day.',
    });
    expect(await errorsFor({ ...GOOD_NOTES, change: 'Photograph parcels', owner: GUEST, due: '2099-01-01' })).toEqual({
      [RETRO_FIELDS.changeOwner.blockId]: 'Guests cannot see cases, so they cannot own this change. Choose a full member of the workspace.',
    });
    expect(await errorsFor({ ...GOOD_NOTES, change: 'Photograph parcels', owner: h.slack.botUserId, due: '2099-01-01' })).toEqual({
      [RETRO_FIELDS.changeOwner.blockId]: 'A bot cannot carry out a procedure change. Choose a person.',
    });
    expect(await errorsFor({ ...GOOD_NOTES, change: 'Photograph parcels', owner: 'U0NOBODY1', due: '2099-01-01' })).toEqual({
      [RETRO_FIELDS.changeOwner.blockId]: 'Slack does not know this person. Choose someone from your workspace.',
    });
    expect(await h.database.db.selectFrom('retro_notes').selectAll().where('closure_id', '=', closureId).execute()).toEqual([]);
    expect(await eventsOf(c, 'retro_submitted')).toEqual([]);
  });

  it('a procedure change becomes an action item; writing again rewrites the note and the item', async () => {
    const { c, closureId } = await closedCase('Retro procedure change');
    await writeNotes(c, OWNER, { ...GOOD_NOTES, change: 'Photograph parcels', owner: AGENT, due: '2099-03-02' });
    const [item] = await h.database.db.selectFrom('action_items').selectAll().where('case_id', '=', c.id).execute();
    expect(item).toMatchObject({ owner_id: AGENT, due_on: '2099-03-02', description: 'Photograph parcels', created_by: OWNER, done_at: null });
    // 24/7 in Europe/Warsaw: business hours start at local midnight (CET in March).
    expect(item!.remind_at.toISOString()).toBe('2099-03-01T23:00:00.000Z');
    expect((await eventsOf(c, 'action_item_added')).map((e) => e.data)).toEqual([
      { closureId, actionItemId: item!.id, owner: AGENT, dueOn: '2099-03-02', rewritten: false },
    ]);
    // Its owner's due-date DM is asked for (the action items' job, at remind_at).
    expect(await queue.getJob(`action-due-${item!.id}-${item!.remind_at.getTime()}`)).toBeDefined();

    // The form opens again prefilled with what was written.
    const { view } = await retroCommand(h, OWNER, c.channelId);
    const definition = JSON.stringify(view?.definition);
    expect(definition).toContain('"initial_value":"Photograph parcels"');
    expect(definition).toContain(`"initial_user":"${AGENT}"`);
    expect(definition).toContain('"initial_date":"2099-03-02"');
    const again = await submitRetro(h, OWNER, view!, { ...GOOD_NOTES, lesson: 'Photos first, always', change: 'Photograph parcels twice', owner: OWNER, due: '2099-03-05' });
    expect(savedText(again)).toContain(`Updated: your retro notes on complaint #${c.number} now say what you just wrote.`);
    const notes = await h.database.db.selectFrom('retro_notes').selectAll().where('closure_id', '=', closureId).execute();
    expect(notes.map((n) => [n.author_id, n.lesson])).toEqual([[OWNER, 'Photos first, always']]);
    const items = await h.database.db.selectFrom('action_items').selectAll().where('case_id', '=', c.id).execute();
    expect(items.map((i) => [i.id, i.owner_id, i.due_on, i.description])).toEqual([[item!.id, OWNER, '2099-03-05', 'Photograph parcels twice']]);
    expect((await eventsOf(c, 'retro_submitted')).map((e) => e.data.rewritten)).toEqual([false, true]);
  });

  it('notes written after the summary are kept, and the writer is told the summary will not be posted again', async () => {
    const c = await openCase(h, REPORTER, 'Retro after the summary');
    await closeCase(h, c, REPORTER);
    const closure = await closureOf(h, c);
    await h.slack.waitFor(() => retroDms(h, c, REPORTER).length === 1);
    // Only the reporter acted on this case, so only they are asked.
    expect((await requestsOf(closure.id)).map((r) => r.recipient)).toEqual([REPORTER]);
    await writeNotes(c, REPORTER);
    await h.slack.waitFor(() => summaries(TEAM_CHANNEL, c).length === 1 && h.slack.channel(c.channelId)?.is_archived);
    await poll(async () => ((await closureOf(h, c)).archived_at ? true : undefined));

    // The owner was not asked; they write from the command (their own channel is archived, so from the team channel).
    const { view } = await retroCommand(h, OWNER, TEAM_CHANNEL, `retro #${c.number}`);
    const late = await submitRetro(h, OWNER, view!, { cause: 'process_gap', wentWell: 'Teamwork', lesson: 'Write notes sooner' });
    expect(late.response_action).toBe('update');
    expect(savedText(late)).toMatch(/The summary was already posted on .+, so it will not be posted again\. Your notes are kept with the case\./);
    const notes = await h.database.db.selectFrom('retro_notes').select('author_id').where('closure_id', '=', closure.id).orderBy('id').execute();
    expect(notes.map((n) => n.author_id)).toEqual([REPORTER, OWNER]);
    expect((await requestsOf(closure.id)).map((r) => [r.recipient, r.asked_at === null, r.answered_at !== null])).toEqual([
      [OWNER, true, true],
      [REPORTER, false, true],
    ]);
    await postRetroSummary(h.anthill.ctx, closure.id);
    await postRetroSummary(later(2 * HOUR), closure.id);
    expect(summaries(TEAM_CHANNEL, c)).toHaveLength(1);
    expect(await eventsOf(c, 'retro_summary_posted')).toHaveLength(1);
    expect(log.entries().some((e) => e.caseNumber === c.number && String(e.msg).includes('after the summary'))).toBe(true);
  });

  it('refuses a retro on a case that is not closed, or was reopened, and its jobs do nothing', async () => {
    const c = await openCase(h, REPORTER, 'Retro not closed');
    expect((await retroCommand(h, REPORTER, c.channelId)).refusal).toBe(`Complaint #${c.number} is not closed yet. Retro notes are asked for once it is closed.`);
    await closeCase(h, c, REPORTER);
    const closure = await closureOf(h, c);
    const dm = await h.slack.waitFor(() => retroDms(h, c, REPORTER)[0]);
    const { view } = await clickWrite(h, REPORTER, dm);
    expect(await command(h, c, 'reopen The customer wrote again', REPORTER)).toBeDefined();
    await poll(async () => ((await h.database.db.selectFrom('cases').select('status').where('id', '=', c.id).executeTakeFirst())?.status === 'open' ? true : undefined));

    const reopened = `Complaint #${c.number} was reopened, so its retro is off for now. When it is closed again, you will be asked for notes.`;
    expect((await clickWrite(h, REPORTER, dm)).refusal).toBe(reopened);
    const submitted = await submitRetro(h, REPORTER, view!, GOOD_NOTES);
    expect(submitted).toEqual({ response_action: 'errors', errors: { [RETRO_FIELDS.rootCause.blockId]: reopened } });
    await postRetroSummary(later(2 * HOUR), closure.id);
    await remindAboutRetro(later(2 * HOUR), closure.id);
    expect(summaries(TEAM_CHANNEL, c)).toHaveLength(0);
    expect(retroDms(h, c, REPORTER)).toHaveLength(1);
    expect(h.slack.channel(c.channelId)?.is_archived).toBe(false);

    // Closed again: a new retro, and the old DM's button opens the current one.
    await closeCase(h, c, REPORTER);
    const again = await closureOf(h, c);
    expect(again.id).not.toBe(closure.id);
    await h.slack.waitFor(() => retroDms(h, c, REPORTER).length === 2);
    expect((await clickWrite(h, REPORTER, dm)).view?.private_metadata).toBe(again.id);
  });

  it('does not wait for a participant who left the workspace, nor for one whose DM Slack refuses', async () => {
    const c = await openCase(h, REPORTER, 'Retro unreachable people');
    await command(h, c, 'take', OWNER);
    // 500 PLN: the lead's tier; the head may approve it too, so both are asked.
    expect(await command(h, c, 'compensate 500 refund broken drum', OWNER)).toContain('Proposed');
    const request = await h.slack.waitFor(() => h.slack.messages(c.channelId).find((m) => blocksText(m).includes(ACTION_IDS.compApprove)));
    await h.requests.blockAction({ userId: LEAD, channelId: c.channelId, actionId: ACTION_IDS.compApprove, message: request });
    await poll(async () => ((await h.database.db.selectFrom('compensations').select('decided_by').where('case_id', '=', c.id).executeTakeFirst())?.decided_by ? true : undefined));
    h.slack.updateUser(HEAD, { deleted: true });
    h.slack.refuseDirectMessages(LEAD);
    try {
      await closeCase(h, c, OWNER);
      const closure = await closureOf(h, c);
      for (const person of [OWNER, REPORTER]) await h.slack.waitFor(() => retroDms(h, c, person).length === 1);
      await poll(async () => ((await closureOf(h, c)).retro_asked_at ? true : undefined));
      expect((await requestsOf(closure.id)).map((r) => [r.recipient, r.asked_at !== null, r.unreachable_at !== null])).toEqual([
        [HEAD, false, true],
        [LEAD, false, true],
        [OWNER, true, false],
        [REPORTER, true, false],
      ]);
      const problems = await eventsOf(c, 'slack_problem');
      expect(problems.map((e) => e.data).filter((d) => d.purpose === 'retro')).toEqual([
        { error: 'channel_not_found', step: 'dm', purpose: 'retro', user: LEAD },
        { error: 'user_disabled', step: 'dm', purpose: 'retro', user: HEAD },
      ]);
      const logged = log.entries().filter((e) => e.caseNumber === c.number && e.purpose === 'retro');
      expect(logged.map((e) => [e.recipient, e.slackError])).toEqual([
        [LEAD, 'channel_not_found'],
        [HEAD, 'user_disabled'],
      ]);
      expect(await h.database.db.selectFrom('stuck_steps').selectAll().where('case_id', '=', c.id).execute()).toEqual([]);

      await writeNotes(c, OWNER);
      await writeNotes(c, REPORTER);
      const summary = await h.slack.waitFor(() => summaries(TEAM_CHANNEL, c)[0]);
      expect(blocksText(summary)).toContain(`No notes from <@${HEAD}> and <@${LEAD}>.`);
      expect(blocksText(summary)).toContain(`Slack could not reach <@${HEAD}> and <@${LEAD}>.`);
      expect(summary.text).toContain('2 of 4 people asked wrote notes.');
    } finally {
      h.slack.updateUser(HEAD, { deleted: false });
      h.slack.allowDirectMessages(LEAD);
    }
  });
});

describe('archiving the case channel', () => {
  it('a channel someone archived already counts as archived', async () => {
    const { c, closureId } = await closedCase('Retro already archived');
    h.slack.failNext('conversations.archive', { error: 'already_archived' });
    await writeNotes(c, OWNER);
    await writeNotes(c, REPORTER);
    await poll(async () => ((await closureOf(h, c)).archived_at ? true : undefined));
    expect(await eventsOf(c, 'channel_archived')).toEqual([{ actor_id: null, data: { closureId, already: true } }]);
    expect(await h.database.db.selectFrom('stuck_steps').selectAll().where('case_id', '=', c.id).execute()).toEqual([]);
  });

  it('another refusal is a stuck step and a timeline problem, tried again on its schedule, never in a loop', async () => {
    const { c, closureId } = await closedCase('Retro archive refused');
    h.slack.failNext('conversations.archive', { error: 'restricted_action' });
    const before = h.slack.calls('conversations.archive').length;
    await writeNotes(c, OWNER);
    await writeNotes(c, REPORTER);
    const stuck = await poll(() => h.database.db.selectFrom('stuck_steps').selectAll().where('case_id', '=', c.id).executeTakeFirst());
    expect(stuck).toMatchObject({ step: `channel_archive:${closureId}`, slack_error: 'restricted_action', tries: 1 });
    expect((await eventsOf(c, 'slack_problem')).map((e) => e.data)).toContainEqual({ step: `channel_archive:${closureId}`, error: 'restricted_action' });
    expect((await closureOf(h, c)).archived_at).toBeNull();
    expect(h.slack.calls('conversations.archive').length - before).toBe(1);
    // Reconciliation does not ask for the summary job again while its step waits for its next try.
    const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(report.requestedIds.filter((id) => id.startsWith(`retro-summary-${closureId}-`))).toEqual([]);
    expect(h.slack.calls('conversations.archive').length - before).toBe(1);

    // An operator fixed it: the retry archives the channel, once.
    await makeStuckStepsDue(h.database.db, { caseId: c.id, now: new Date() });
    await retryStuckSteps(h.anthill.ctx, c.id);
    expect(h.slack.channel(c.channelId)?.is_archived).toBe(true);
    expect(await eventsOf(c, 'channel_archived')).toEqual([{ actor_id: null, data: { closureId, already: false } }]);
    expect(await h.database.db.selectFrom('stuck_steps').selectAll().where('case_id', '=', c.id).execute()).toEqual([]);
    expect(summaries(c.channelId, c)).toHaveLength(1);
  });
});

describe('retro jobs', () => {
  it('each job run twice at once does its work once, and an early wake-up does nothing', async () => {
    const c = await openCase(h, REPORTER, 'Retro jobs twice');
    await command(h, c, 'take', OWNER);
    let closureId: string;
    // Held back, so only the runs below do the work.
    await queue.pause();
    try {
      await closeCase(h, c, OWNER);
      closureId = (await closureOf(h, c)).id;
      await Promise.all([askForRetroNotes(h.anthill.ctx, closureId), askForRetroNotes(h.anthill.ctx, closureId)]);
      expect(retroDms(h, c, OWNER)).toHaveLength(1);
      expect(retroDms(h, c, REPORTER)).toHaveLength(1);

      // Too early: the reminder is due at half an hour, the summary at an hour.
      await remindAboutRetro(h.anthill.ctx, closureId);
      await postRetroSummary(h.anthill.ctx, closureId);
      expect(retroDms(h, c, OWNER)).toHaveLength(1);
      expect(summaries(TEAM_CHANNEL, c)).toHaveLength(0);

      await Promise.all([remindAboutRetro(later(HOUR / 2), closureId), remindAboutRetro(later(HOUR / 2), closureId)]);
      for (const person of [OWNER, REPORTER]) {
        expect(retroDms(h, c, person)).toHaveLength(2);
        expect(retroDms(h, c, person)[1]!.text).toContain(`A quick reminder: your retro notes on complaint #${c.number} are still missing.`);
      }
      expect((await eventsOf(c, 'retro_reminded')).map((e) => e.data)).toEqual([{ closureId, people: [OWNER, REPORTER] }]);

      // Due, but the case record is not in the channel yet: the summary and the archive wait for it.
      await postRetroSummary(later(HOUR + 1000), closureId);
      expect(summaries(TEAM_CHANNEL, c)).toHaveLength(0);
      await postCaseRecord(h.anthill.ctx, closureId);
      const archivesBefore = h.slack.calls('conversations.archive').length;
      await Promise.all([postRetroSummary(later(HOUR + 1000), closureId), postRetroSummary(later(HOUR + 1000), closureId)]);
      expect(summaries(TEAM_CHANNEL, c)).toHaveLength(1);
      expect(summaries(c.channelId, c)).toHaveLength(1);
      expect(h.slack.calls('conversations.archive').length - archivesBefore).toBe(1);
      expect(blocksText(summaries(TEAM_CHANNEL, c)[0])).toContain(`No notes from <@${OWNER}> and <@${REPORTER}>.`);
      expect(blocksText(summaries(TEAM_CHANNEL, c)[0])).toContain('Nobody wrote retro notes before the deadline.');
    } finally {
      await queue.resume();
    }
    // The queued jobs, when they run, find everything done.
    await askForRetroNotes(h.anthill.ctx, closureId);
    await remindAboutRetro(later(HOUR / 2), closureId);
    expect(retroDms(h, c, OWNER)).toHaveLength(2);
    expect(await eventsOf(c, 'retro_summary_posted')).toHaveLength(1);
    expect(await eventsOf(c, 'channel_archived')).toHaveLength(1);
  });

  it('reconciliation asks again for a retro job Redis lost, once', async () => {
    const c = await openCase(h, REPORTER, 'Retro lost job');
    await command(h, c, 'take', OWNER);
    let closureId: string;
    await queue.pause();
    try {
      await closeCase(h, c, OWNER);
      closureId = (await closureOf(h, c)).id;
      await poll(async () => ((await queue.getJob(`retro-requests-${closureId}`)) ? true : undefined));
      expect(await queue.remove(`retro-requests-${closureId}`)).toBe(1);
    } finally {
      await queue.resume();
    }
    const jobId = `retro-requests-${closureId}`;
    const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(report.requestedIds).toContain(jobId);
    // The reminder and the summary are still queued: not asked for twice.
    expect(report.requestedIds.filter((id) => id.startsWith('retro-') && id !== jobId && id.includes(`-${closureId}`))).toEqual([]);
    for (const person of [OWNER, REPORTER]) await h.slack.waitFor(() => retroDms(h, c, person).length === 1);
    await poll(async () => ((await closureOf(h, c)).retro_asked_at ? true : undefined));
    const again = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(again.requestedIds).not.toContain(jobId);
    expect(retroDms(h, c, OWNER)).toHaveLength(1);
  });
});
