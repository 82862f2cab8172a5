import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { DECLINE_CALLBACK_ID, PROPOSE_CALLBACK_ID, REJECT_CALLBACK_ID } from '../../src/blocks/compensation-modal.js';
import { sendApprovalNudge } from '../../src/jobs/approval-nudge.js';
import { startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import type { FakeMessage } from '../../fake-slack/types.js';
import { intakeValues } from '../support/intake-values.js';

const REPORTER = 'U0REP0001';
const AGENT = 'U0AAA0001';
const OTHER = 'U0BBB0002';
const LEAD = 'U0LEAD001';
const HEAD = 'U0HEAD001';
const GUIDE = 'Refund the delivery fee; add a voucher when the goods were damaged';
let h: Harness;
let caseChannel: string;

async function reply(response: { responseUrl?: string; json?: unknown }): Promise<string> {
  const post = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
  return (post.body as { text: string }).text;
}

async function command(text: string, userId = AGENT, channelId = caseChannel): Promise<string> {
  const response = await h.requests.slashCommand({ userId, channelId, text });
  expect(response.status).toBe(200);
  return reply(response);
}

const rows = () => h.database.db.selectFrom('compensations').selectAll().orderBy('id').execute();
const events = (kind: string) => h.database.db.selectFrom('case_events').selectAll().where('kind', '=', kind).execute();
/** Intl writes a no-break space between the currency and the number. */
const pln = (text: string) => text.replace(/PLN /g, 'PLN\u00a0');
const json = (message: FakeMessage | undefined) => JSON.stringify(message?.blocks ?? []);
const requestIn = (messages: FakeMessage[], id: string) => messages.find((m) => json(m).includes(`"value":"${id}"`) && json(m).includes('comp_'));
const hasButton = (message: FakeMessage | undefined, actionId: string) => json(message).includes(`"action_id":"${actionId}"`);

/** Clicks a button of the request, as `userId`, on the message given (the channel's by default). */
async function click(userId: string, actionId: string, message: FakeMessage, channelId = caseChannel) {
  const response = await h.requests.blockAction({ userId, channelId, actionId, message });
  expect(response.status).toBe(200);
  return response;
}

async function latestRequest(): Promise<{ id: string; message: FakeMessage }> {
  const latest = (await rows()).at(-1);
  if (!latest) throw new Error('no proposal');
  const message = await h.slack.waitFor(() => requestIn(h.slack.messages(caseChannel), latest.id));
  return { id: latest.id, message };
}

beforeAll(async () => {
  const policy = await testPolicy((yaml) => yaml.replace('playbook: [Thank the customer, Listen', `compensation_guide: ${GUIDE}\n    playbook: [Thank the customer, Listen`));
  h = await startHarness({ policy, users: [REPORTER, OTHER] });
  await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary: 'Cracked drum' }) });
  const channel = await h.slack.waitFor(() => h.slack.channels().find((c) => c.name.startsWith('cmp-1-')));
  caseChannel = channel.id;
  await h.slack.waitFor(() => h.slack.messages(caseChannel)[0]);
});
afterAll(async () => {
  await h.close();
});

describe('proposing inline', () => {
  it.each([
    ['compensate -5 refund', 'cannot be negative'],
    ['compensate abc refund', 'as a number'],
    ['compensate 1.234 refund', 'PLN has 2 decimals'],
    ['compensate 99999999999999 refund', 'too large'],
    ['compensate 0 refund', 'gives the customer nothing'],
    ['compensate 50 bogus', 'Type the amount first, then the kind'],
    ['compensate 50', 'Type the amount first, then the kind'],
  ])('%s is refused with a clear reason and creates nothing', async (text, expected) => {
    expect(await command(text)).toContain(expected);
    expect(await rows()).toHaveLength(0);
  });

  it('is refused at proposal time when nobody but the proposer could decide', async () => {
    // 2500.00 is the head's tier and the head proposes it: nobody is left to approve.
    const text = await command('compensate 2500 refund', HEAD);
    expect(text).toContain('nobody approves their own proposal');
    expect(await rows()).toHaveLength(0);
  });

  it('asks the deciding tier in the channel and by DM, with the guide, the claimed loss and the total', async () => {
    expect(await command('compensate 500 refund damaged parcel <!here>')).toContain(pln('Proposed PLN 500.00 (Refund) for case #1'));
    const [row] = await rows();
    expect(row).toMatchObject({ kind: 'refund', amount_minor: '50000', note: 'damaged parcel <!here>', state: 'pending', approver_ids: [LEAD, HEAD] });
    const { message } = await latestRequest();
    const blocks = json(message);
    expect(message.text).toContain(pln('PLN 500.00'));
    for (const part of [`<@${LEAD}>`, `<@${HEAD}>`, GUIDE.slice(0, 20), pln('PLN 1,299.00'), pln('PLN 799.00 below the customer’s claimed loss'), 'Approved on this case']) expect(blocks).toContain(part);
    expect(blocks).toContain('&lt;!here&gt;');
    expect(blocks).not.toContain('<!here>');
    for (const approver of [LEAD, HEAD]) {
      const dm = await h.slack.waitFor(() => h.slack.dms(approver).find((m) => hasButton(m, ACTION_IDS.compApprove)));
      expect(json(dm)).toContain(`<#${caseChannel}>`);
    }
    expect(h.slack.dms(AGENT).some((m) => hasButton(m, ACTION_IDS.compApprove))).toBe(false);
    expect(await events('compensation_proposed')).toHaveLength(1);
  });
});

describe('deciding', () => {
  it('a click by someone without authority is refused privately, naming who may decide, and changes nothing', async () => {
    const { message } = await latestRequest();
    const refused = await reply(await click(OTHER, ACTION_IDS.compApprove, message));
    expect(refused).toContain('beyond your approval authority');
    expect(refused).toContain(`<@${LEAD}>`);
    expect(refused).toContain(`<@${HEAD}>`);
    expect(await reply(await click(AGENT, ACTION_IDS.compApprove, message))).toContain('Nobody decides their own proposal');
    expect(await reply(await click(OTHER, ACTION_IDS.compReject, message))).toContain('beyond your approval authority');
    expect((await rows())[0]?.state).toBe('pending');
  });

  it('two approvers clicking at once decide once; the other, and a stale DM copy, hear who decided', async () => {
    const { id, message } = await latestRequest();
    const [a, b] = await Promise.all([click(LEAD, ACTION_IDS.compApprove, message), click(HEAD, ACTION_IDS.compApprove, message)]);
    // The winner is answered by the request's update; the other hears who decided.
    const refusal = await h.catcher.waitFor(() => [a, b].flatMap((r) => h.catcher.posts(r.responseUrl))[0]);
    expect((refusal.body as { text: string }).text).toContain('Already approved by');
    expect([a, b].flatMap((r) => h.catcher.posts(r.responseUrl))).toHaveLength(1);
    expect(await events('compensation_approved')).toHaveLength(1);
    const [row] = await rows();
    expect(row?.state).toBe('approved');
    expect([LEAD, HEAD]).toContain(row?.decided_by);
    const staleDm = h.slack.dms(LEAD).find((m) => hasButton(m, ACTION_IDS.compApprove) || json(m).includes(`"value":"${id}"`));
    if (!staleDm) throw new Error('no DM copy');
    const retried = await reply(await click(LEAD, ACTION_IDS.compApprove, { ...staleDm, blocks: message.blocks }, staleDm.channel));
    expect(retried).toContain('Already approved by');
    expect(await events('compensation_approved')).toHaveLength(1);
  });

  it('the decision updates the request in place, the DM copies, the card and the channel', async () => {
    const { id } = await latestRequest();
    const updated = await h.slack.waitFor(() => {
      const m = requestIn(h.slack.messages(caseChannel), id);
      return m && m.edits > 0 && !hasButton(m, ACTION_IDS.compApprove) ? m : undefined;
    });
    expect(json(updated)).toContain('Approved by');
    expect(hasButton(updated, ACTION_IDS.compOffered)).toBe(true);
    for (const approver of [LEAD, HEAD]) {
      await h.slack.waitFor(() => h.slack.dms(approver).find((m) => json(m).includes('Approved by') && m.edits > 0));
    }
    await h.slack.waitFor(() => h.slack.messages(caseChannel).find((m) => m.text.includes(pln('approved PLN 500.00 (Refund)'))));
    await h.slack.waitFor(() => (json(h.slack.messages(caseChannel)[0]).includes(pln('Approved total: PLN 500.00')) ? true : undefined));
  });
});

describe("the customer's answer", () => {
  it('Offered, then Declined asks what the customer would value and opens a new proposal prefilled with it', async () => {
    const { id } = await latestRequest();
    const approved = await h.slack.waitFor(() => {
      const m = requestIn(h.slack.messages(caseChannel), id);
      return hasButton(m, ACTION_IDS.compOffered) ? m : undefined;
    });
    await click(AGENT, ACTION_IDS.compOffered, approved);
    // fake Slack's waitFor does not await a promise: poll the database by hand.
    for (const end = Date.now() + 10_000; (await rows())[0]?.customer_answer !== 'offered'; await new Promise((resolve) => setTimeout(resolve, 20))) {
      if (Date.now() > end) throw new Error('the Offered answer was not recorded');
    }
    const declined = await click(AGENT, ACTION_IDS.compDeclined, approved);
    const view = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === declined.triggerId));
    expect(view.callback_id).toBe(DECLINE_CALLBACK_ID);
    const empty = await h.requests.viewSubmission({ userId: AGENT, view, values: { comp_decline_wants: { wants: { type: 'plain_text_input', value: ' ' } } } });
    expect(empty.json).toMatchObject({ response_action: 'errors', errors: { comp_decline_wants: expect.stringContaining('value instead') } });
    const done = await h.requests.viewSubmission({ userId: AGENT, view, values: { comp_decline_wants: { wants: { type: 'plain_text_input', value: 'A new washer' } } } });
    expect(done.json).toMatchObject({ response_action: 'update', view: { callback_id: PROPOSE_CALLBACK_ID } });
    expect(JSON.stringify(done.json)).toContain('"initial_value":"A new washer"');
    const [row] = await rows();
    expect(row).toMatchObject({ customer_answer: 'declined', customer_wants: 'A new washer' });
    await h.slack.waitFor(() => h.slack.messages(caseChannel).find((m) => m.text.includes('They would value instead: A new washer')));
    // Accepted after declined is refused: the answer is final.
    const accepted = await h.requests.blockAction({ userId: AGENT, channelId: caseChannel, actionId: ACTION_IDS.compAccepted, value: id, blockId: 'comp_actions', messageTs: approved.ts });
    expect(await reply(accepted)).toContain('already recorded');

    // The prefilled form proposes a replacement worth nothing in money.
    const next = (done.json as { view: { private_metadata: string } }).view;
    const proposed = await h.requests.viewSubmission({
      userId: AGENT,
      callbackId: PROPOSE_CALLBACK_ID,
      privateMetadata: next.private_metadata,
      values: {
        comp_kind: { kind: { type: 'static_select', selected_option: { value: 'replacement' } } },
        comp_amount: { amount: { type: 'plain_text_input', value: '0' } },
        comp_asked: { asked: { type: 'plain_text_input', value: 'A new washer' } },
      },
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toBe('');
    const second = (await rows())[1];
    expect(second).toMatchObject({ kind: 'replacement', amount_minor: '0', customer_asked: 'A new washer', state: 'pending' });
  });
});

describe('rejecting, the form and cumulative totals', () => {
  it('Reject asks for a reason, then decides once', async () => {
    const { message } = await latestRequest();
    const clicked = await click(HEAD, ACTION_IDS.compReject, message);
    const view = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === clicked.triggerId));
    expect(view.callback_id).toBe(REJECT_CALLBACK_ID);
    const empty = await h.requests.viewSubmission({ userId: HEAD, view, values: { comp_reject_reason: { reason: { type: 'plain_text_input', value: '' } } } });
    expect(empty.json).toMatchObject({ response_action: 'errors', errors: { comp_reject_reason: expect.stringContaining('Say why') } });
    const done = await h.requests.viewSubmission({ userId: HEAD, view, values: { comp_reject_reason: { reason: { type: 'plain_text_input', value: 'Out of stock' } } } });
    expect(done.status).toBe(200);
    expect((await rows())[1]).toMatchObject({ state: 'rejected', reject_reason: 'Out of stock', decided_by: HEAD });
    const again = await h.requests.viewSubmission({ userId: HEAD, view, values: { comp_reject_reason: { reason: { type: 'plain_text_input', value: 'Again' } } } });
    expect(again.json).toMatchObject({ response_action: 'errors', errors: { comp_reject_reason: expect.stringContaining('Already rejected') } });
    await h.slack.waitFor(() => h.slack.messages(caseChannel).find((m) => m.text.includes(pln('rejected PLN 0.00 (Replacement): Out of stock'))));
  });

  it('the form shows the guide and the claimed loss and puts amount problems on the field', async () => {
    const opened = await h.requests.slashCommand({ userId: AGENT, channelId: caseChannel, text: 'compensate' });
    const view = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === opened.triggerId));
    expect(view.callback_id).toBe(PROPOSE_CALLBACK_ID);
    const shown = JSON.stringify(view.definition);
    for (const part of [GUIDE.slice(0, 20), pln('PLN 1,299.00'), pln('PLN 500.00')]) expect(shown).toContain(part);
    const submit = (amount: string, kind = 'refund') =>
      h.requests.viewSubmission({
        userId: AGENT,
        view,
        values: {
          comp_kind: { kind: { type: 'static_select', selected_option: { value: kind } } },
          comp_amount: { amount: { type: 'plain_text_input', value: amount } },
        },
      });
    expect((await submit('12 PLN')).json).toMatchObject({ response_action: 'errors', errors: { comp_amount: expect.stringContaining('as a number') } });
    expect((await submit('0', 'voucher')).json).toMatchObject({ response_action: 'errors', errors: { comp_amount: expect.stringContaining('nothing') } });
    expect(await rows()).toHaveLength(2);
  });

  it('a new proposal is judged by the approved total plus its amount', async () => {
    // 500 approved + 1600 = 2100: above the lead's 2000, so only the head decides.
    expect(await command('compensate 1600 voucher second try')).toContain('Proposed');
    const third = (await rows())[2];
    expect(third?.approver_ids).toEqual([HEAD]);
    const { message } = await latestRequest();
    const refused = await reply(await click(LEAD, ACTION_IDS.compApprove, message));
    expect(refused).toContain('beyond your approval authority');
    expect(refused).toContain(`<@${HEAD}>`);
    expect(refused).not.toContain(`<@${LEAD}>`);
  });

  it('a request still pending after its business hour reminds its approvers once, however often the job runs', async () => {
    const third = (await rows())[2];
    if (!third) throw new Error('no third proposal');
    await h.database.db.updateTable('compensations').set({ nudge_due_at: new Date(Date.now() - 1000) }).where('id', '=', third.id).execute();
    await Promise.all([sendApprovalNudge(h.anthill.ctx, third.id), sendApprovalNudge(h.anthill.ctx, third.id)]);
    await sendApprovalNudge(h.anthill.ctx, third.id);
    const nudges = h.slack.dms(HEAD).filter((m) => json(m).includes('Reminder: this compensation for case #1'));
    expect(nudges).toHaveLength(1);
    expect(hasButton(nudges[0], ACTION_IDS.compApprove)).toBe(true);
    expect(await events('compensation_nudged')).toHaveLength(1);
    expect(h.slack.dms(LEAD).some((m) => json(m).includes('Reminder: this compensation'))).toBe(false);
  });

  it('a proposal on a closed case is refused', async () => {
    await h.database.db.updateTable('cases').set({ status: 'closed' }).where('number', '=', 1).execute();
    expect(await command('compensate 10 goodwill')).toContain('is closed');
    expect(await rows()).toHaveLength(3);
    await h.database.db.updateTable('cases').set({ status: 'open' }).where('number', '=', 1).execute();
  });
});
