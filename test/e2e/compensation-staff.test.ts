import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { startHarness, type Harness } from '../support/anthill-harness.js';
import type { FakeMessage } from '../../fake-slack/types.js';
import { intakeValues } from '../support/intake-values.js';

// The issue: "the employee personally involved in a dispute should not be the one who decides
// it". The lead approves the 500.00 tier of the test policy, and is named as staff involved on
// the intake form: the request asks the head only, and the lead's clicks are refused.

const REPORTER = 'U0REP0001';
const AGENT = 'U0AAA0001';
const LEAD = 'U0LEAD001';
const HEAD = 'U0HEAD001';
const STAFF_REFUSAL = 'You are involved in this complaint, so you may not decide its compensation.';
let h: Harness;
let caseChannel: string;

const json = (message: FakeMessage | undefined) => JSON.stringify(message?.blocks ?? []);
const hasButton = (message: FakeMessage | undefined, actionId: string) => json(message).includes(`"action_id":"${actionId}"`);
const rows = () => h.database.db.selectFrom('compensations').selectAll().orderBy('id').execute();
const events = (kind: string) => h.database.db.selectFrom('case_events').selectAll().where('kind', '=', kind).execute();

async function reply(response: { responseUrl?: string }): Promise<string> {
  const post = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
  return (post.body as { text: string }).text;
}

/** Polls a database read until it gives a value other than undefined or false (fake Slack's waitFor does not await). */
async function until<T>(read: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
  }
  throw new Error('until: condition not met in time');
}

async function request(): Promise<FakeMessage> {
  return h.slack.waitFor(() => h.slack.messages(caseChannel).find((m) => hasButton(m, ACTION_IDS.compApprove)));
}

beforeAll(async () => {
  h = await startHarness({ users: [REPORTER] });
  const submitted = await h.requests.viewSubmission({
    userId: REPORTER,
    callbackId: INTAKE_CALLBACK_ID,
    values: intakeValues({ summary: 'Lead promised a refund', staffInvolved: [LEAD] }),
  });
  expect(submitted.status).toBe(200);
  const channel = await h.slack.waitFor(() => h.slack.channels().find((c) => c.name.startsWith('cmp-1-')));
  caseChannel = channel.id;
  await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.includes(`<#${caseChannel}>`)));
  const proposed = await h.requests.slashCommand({ userId: AGENT, channelId: caseChannel, text: 'compensate 500 refund as the lead promised' });
  expect(await reply(proposed)).toContain('Proposed');
});
afterAll(async () => {
  await h.close();
});

describe('staff involved who approve the deciding tier', () => {
  it('are not asked: neither mentioned in the request nor sent its DM', async () => {
    const [row] = await rows();
    expect(row).toMatchObject({ state: 'pending', approver_ids: [HEAD] });
    const message = await request();
    expect(json(message)).toContain(`Who may decide: <@${HEAD}>`);
    expect(json(message)).not.toContain(`<@${LEAD}>`);
    expect(message.text).not.toContain(`<@${LEAD}>`);
    await h.slack.waitFor(() => h.slack.dms(HEAD).find((m) => hasButton(m, ACTION_IDS.compApprove)));
    expect(h.slack.dms(LEAD).filter((m) => hasButton(m, ACTION_IDS.compApprove))).toEqual([]);
    const proposed = await events('compensation_proposed');
    expect(proposed.map((e) => (e.data as { approvers: string[] }).approvers)).toEqual([[HEAD]]);
  });

  it('clicking Approve is refused privately, saying why and who may decide, and changes nothing', async () => {
    const message = await request();
    const clicked = await h.requests.blockAction({ userId: LEAD, channelId: caseChannel, actionId: ACTION_IDS.compApprove, message });
    expect(clicked.status).toBe(200);
    const refusal = await reply(clicked);
    expect(refusal).toBe(`${STAFF_REFUSAL} Who may decide: <@${HEAD}>. Nothing changed.`);
    const post = h.catcher.posts(clicked.responseUrl)[0]?.body as { response_type?: string; replace_original?: boolean };
    expect(post).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const [row] = await rows();
    expect(row).toMatchObject({ state: 'pending', decided_by: null, version: 1 });
    expect(await events('compensation_approved')).toEqual([]);
    expect(hasButton(h.slack.messages(caseChannel).find((m) => m.ts === message.ts), ACTION_IDS.compApprove)).toBe(true);
  });

  it('clicking Reject is refused the same way, before any form opens', async () => {
    const message = await request();
    const clicked = await h.requests.blockAction({ userId: LEAD, channelId: caseChannel, actionId: ACTION_IDS.compReject, message });
    expect(await reply(clicked)).toContain(STAFF_REFUSAL);
    expect(h.slack.views().filter((v) => v.trigger_id === clicked.triggerId)).toEqual([]);
    expect((await rows())[0]?.state).toBe('pending');
  });

  it('another approver still decides', async () => {
    const message = await request();
    const clicked = await h.requests.blockAction({ userId: HEAD, channelId: caseChannel, actionId: ACTION_IDS.compApprove, message });
    expect(clicked.status).toBe(200);
    await until(async () => (await rows())[0]?.state === 'approved');
    expect((await rows())[0]).toMatchObject({ state: 'approved', decided_by: HEAD });
    expect(await events('compensation_approved')).toHaveLength(1);
    await h.slack.waitFor(() => h.slack.messages(caseChannel).find((m) => m.ts === message.ts && json(m).includes(`Approved by <@${HEAD}>`)));
  });
});
