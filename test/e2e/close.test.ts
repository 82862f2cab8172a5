import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { CLOSE_CALLBACK_ID, CLOSE_FIELDS } from '../../src/blocks/close-modal.js';
import type { FakeMessage, FakeView } from '../../fake-slack/types.js';
import { startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import { closeValues } from '../support/close-values.js';
import { poll, submitComplaint, type OpenedCase } from '../support/case-flow.js';
import { sampleIntake } from '../support/sample-intake.js';
import { openCase as openCaseOf } from '../../src/cases/open-case.js';

const REPORTER = 'U0REP0001';
const OWNER = 'U0AAA0001';
let h: Harness;

beforeAll(async () => {
  const policy = await testPolicy((yaml) => yaml.replace('follow_up_after: 2d', 'follow_up_after: 1s'));
  h = await startHarness({ policy, reconcileEveryMs: 6 * 3600_000, users: [REPORTER, 'U0BBB0002'] });
});
afterAll(async () => {
  await h?.close();
});

type Opened = OpenedCase;

function openCase(summary: string): Promise<Opened> {
  return submitComplaint(h, REPORTER, { summary, severity: 'normal' });
}

async function command(c: Opened, text: string, userId = OWNER): Promise<{ text: string; triggerId: string }> {
  const response = await h.requests.slashCommand({ userId, channelId: c.channelId, text });
  const posted = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]).catch(() => undefined);
  return { text: (posted?.body as { text?: string } | undefined)?.text ?? '', triggerId: response.triggerId ?? '' };
}

/** `/complaint close`: the form opens from the trigger; nothing is posted on the response URL. */
async function openForm(c: Opened, userId = OWNER): Promise<{ triggerId: string }> {
  const response = await h.requests.slashCommand({ userId, channelId: c.channelId, text: 'close' });
  return { triggerId: response.triggerId ?? '' };
}

const card = (c: Opened): FakeMessage | undefined => h.slack.messages(c.channelId)[0];
const json = (value: unknown) => JSON.stringify(value ?? null);
const viewFor = (triggerId: string | undefined) => h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === triggerId));
const closures = (c: Opened) => h.database.db.selectFrom('case_closures').selectAll().where('case_id', '=', c.id).execute();
const caseRow = (c: Opened) => h.database.db.selectFrom('cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();

async function submit(view: FakeView, values = closeValues(), userId = OWNER) {
  return h.requests.viewSubmission({ userId, view, values });
}

async function resolvedCase(summary: string): Promise<Opened> {
  const c = await openCase(summary);
  await command(c, 'take');
  await command(c, 'resolve Sent a new drum');
  await h.slack.waitFor(() => json(card(c)?.blocks).includes(ACTION_IDS.close));
  return c;
}

describe('closing a case', () => {
  it('the card offers Close only once the case is resolved', async () => {
    const c = await openCase('Close button appears on resolve');
    expect(json(card(c)?.blocks)).not.toContain(`"action_id":"${ACTION_IDS.close}"`);
    await command(c, 'resolve Fixed on the phone');
    await h.slack.waitFor(() => json(card(c)?.blocks).includes(`"action_id":"${ACTION_IDS.close}"`));
  });

  it('the Close button opens the form; missing answers are shown on their fields and nothing is closed', async () => {
    const c = await resolvedCase('Close form validation');
    const clicked = await h.requests.blockAction({ userId: OWNER, channelId: c.channelId, actionId: ACTION_IDS.close, message: card(c) });
    const view = await viewFor(clicked.triggerId);
    expect(view.callback_id).toBe(CLOSE_CALLBACK_ID);
    expect(view.private_metadata).toBe(c.id);
    const shown = json(view.definition);
    for (const part of ['Resolved in the customer’s favour', 'Partly in the customer’s favour', 'Not upheld', '5 – very happy', 'Agreement reached']) expect(shown).toContain(part);

    const empty = await submit(view, closeValues({ outcome: '', explanation: ' ', satisfaction: '', agreement: '', thanked: '' }));
    expect(empty.json).toMatchObject({
      response_action: 'errors',
      errors: {
        [CLOSE_FIELDS.outcome.blockId]: expect.stringContaining('Choose how the complaint ended'),
        [CLOSE_FIELDS.explanation.blockId]: expect.stringContaining('what the customer was told'),
        [CLOSE_FIELDS.satisfaction.blockId]: expect.stringContaining('from 1 to 5'),
        [CLOSE_FIELDS.agreement.blockId]: expect.stringContaining('agreement'),
        [CLOSE_FIELDS.thanked.blockId]: expect.stringContaining('thanked'),
      },
    });
    const forged = await submit(view, closeValues({ satisfaction: '9', outcome: 'everything' }));
    expect(forged.json).toMatchObject({ response_action: 'errors', errors: { [CLOSE_FIELDS.satisfaction.blockId]: expect.any(String), [CLOSE_FIELDS.outcome.blockId]: expect.any(String) } });
    expect(await closures(c)).toHaveLength(0);
    expect((await caseRow(c)).status).toBe('resolved');
  });

  it('records the close, stops the clocks and the follow-up, and updates the card in place without buttons', async () => {
    const c = await resolvedCase('Close records everything');
    const opened = await openForm(c);
    const view = await viewFor(opened.triggerId);
    const before = card(c);
    const done = await submit(view, closeValues({ outcome: 'partly', satisfaction: '4', thanked: 'no', agreement: 'Voucher of PLN 30.00 <!here>' }));
    expect(done.status).toBe(200);
    expect(done.json).toBeUndefined();

    const [closure] = await closures(c);
    expect(closure).toMatchObject({ outcome: 'partly', satisfaction: 4, customer_thanked: false, agreement: 'Voucher of PLN 30.00 <!here>', closed_by: OWNER, cancelled_at: null });
    expect(closure!.retro_remind_at.getTime()).toBeLessThan(closure!.retro_due_at.getTime());
    expect((await caseRow(c)).status).toBe('closed');
    const running = await h.database.db.selectFrom('case_deadlines').select('kind').where('case_id', '=', c.id).where('met_at', 'is', null).where('superseded_at', 'is', null).execute();
    expect(running).toEqual([]);
    const pending = await h.database.db.selectFrom('follow_ups').selectAll().where('case_id', '=', c.id).where('cancelled_at', 'is', null).where('answer', 'is', null).execute();
    expect(pending).toEqual([]);
    const [event] = await h.database.db.selectFrom('case_events').select(['data', 'actor_id']).where('case_id', '=', c.id).where('kind', '=', 'closed').execute();
    expect(event).toMatchObject({ actor_id: OWNER, data: { closureId: closure!.id, outcome: 'partly', satisfaction: 4, thanked: false, from: 'resolved' } });

    await h.slack.waitFor(() => h.slack.messages(c.channelId).some((m) => m.text.includes('closed the case. Outcome: Partly in the customer’s favour. Customer satisfaction: 4/5.')));
    await h.slack.waitFor(() => json(card(c)?.blocks).includes('Partly in the customer’s favour, satisfaction 4/5'));
    const after = card(c);
    expect(after?.ts).toBe(before?.ts);
    expect(json(after?.blocks)).toContain('Closed');
    expect(json(after?.blocks)).not.toContain('"type":"button"');
  });

  it('closing twice records one close: the second form is refused on its field, the command answers privately', async () => {
    const c = await resolvedCase('Close twice');
    const first = await viewFor((await openForm(c)).triggerId);
    const second = await viewFor((await openForm(c, 'U0BBB0002')).triggerId);
    const [a, b] = await Promise.all([submit(first), submit(second, closeValues(), 'U0BBB0002')]);
    const refusals = [a, b].filter((r) => r.json !== undefined);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.json).toMatchObject({ response_action: 'errors', errors: { [CLOSE_FIELDS.outcome.blockId]: `Case #${c.number} is already closed.` } });
    expect(await closures(c)).toHaveLength(1);
    expect(await h.database.db.selectFrom('case_events').select('id').where('case_id', '=', c.id).where('kind', '=', 'closed').execute()).toHaveLength(1);
    expect((await command(c, 'close')).text).toBe(`Case #${c.number} is already closed.`);
  });

  it('is refused while a compensation proposal waits for its decision, and works once it is decided', async () => {
    const c = await resolvedCase('Close over a pending proposal');
    expect((await command(c, 'compensate 100 refund delivery fee')).text).toContain('Proposed');
    expect((await command(c, 'close')).text).toBe(
      `Case #${c.number} still has a compensation proposal waiting for a decision. Once it is approved or rejected, the case can be closed.`,
    );
    const request = await h.slack.waitFor(() => h.slack.messages(c.channelId).find((m) => json(m.blocks).includes(ACTION_IDS.compApprove)));
    const approver = (await h.database.db.selectFrom('compensations').select('approver_ids').where('case_id', '=', c.id).executeTakeFirstOrThrow()).approver_ids[0];
    await h.requests.blockAction({ userId: approver ?? '', channelId: c.channelId, actionId: ACTION_IDS.compApprove, message: request });
    await poll(async () => ((await h.database.db.selectFrom('compensations').select('state').where('case_id', '=', c.id).executeTakeFirst())?.state === 'approved' ? true : undefined));
    const view = await viewFor((await openForm(c)).triggerId);
    expect((await submit(view)).status).toBe(200);
    expect((await caseRow(c)).status).toBe('closed');
  });

  it('Customer satisfied on the follow-up opens the close form straight away', async () => {
    const c = await resolvedCase('Close from the follow-up');
    const dm = await h.slack.waitFor(() => h.slack.dms(OWNER).find((m) => m.text.includes(`complaint #${c.number} `) && json(m.blocks).includes(ACTION_IDS.followUpSatisfied)));
    const clicked = await h.requests.blockAction({ userId: OWNER, channelId: dm.channel, actionId: ACTION_IDS.followUpSatisfied, message: dm });
    const view = await viewFor(clicked.triggerId);
    expect(view.callback_id).toBe(CLOSE_CALLBACK_ID);
    expect(view.private_metadata).toBe(c.id);
    expect((await submit(view)).status).toBe(200);
    expect((await caseRow(c)).status).toBe('closed');
  });

  it('an open case can be closed on purpose with the command; a form naming another workspace’s case is refused', async () => {
    const c = await openCase('Close without resolving');
    const view = await viewFor((await openForm(c)).triggerId);
    const { ctx } = h.anthill;
    const theirs = (await openCaseOf(ctx.db, ctx.policy, { teamId: 'T0OTHER01', reporterId: 'U0THEIRS1', intake: sampleIntake({ summary: 'Their case' }), now: new Date() })).case;
    const elsewhere = await h.requests.viewSubmission({ userId: OWNER, view, privateMetadata: theirs.id, values: closeValues({ outcome: 'not_upheld' }) });
    expect(elsewhere.json).toMatchObject({ response_action: 'errors', errors: { [CLOSE_FIELDS.outcome.blockId]: expect.stringContaining('another Slack workspace') } });
    expect(await h.database.db.selectFrom('case_closures').select('id').where('case_id', '=', theirs.id).execute()).toHaveLength(0);
    expect((await submit(view, closeValues({ outcome: 'not_upheld' }))).status).toBe(200);
    expect((await caseRow(c)).status).toBe('closed');
  });
});
