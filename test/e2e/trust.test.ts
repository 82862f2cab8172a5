import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { RESOLVE_CALLBACK_ID, RESOLVE_FIELD } from '../../src/blocks/resolve-modal.js';
import { openCase } from '../../src/cases/open-case.js';
import { startHarness, type Harness } from '../support/anthill-harness.js';
import { intakeValues } from '../support/intake-values.js';
import { sampleIntake } from '../support/sample-intake.js';
import type { SlackHttpResponse } from '../../fake-slack/slack-requests.js';

const REPORTER = 'U0REP0001';
const AGENT = 'U0AAA0001';
const GUEST = 'U0GUEST01';
const SINGLE_CHANNEL_GUEST = 'U0GUEST02';
const EXTERNAL = 'U0EXTERN1';
const DEACTIVATED = 'U0GONE001';
const UNKNOWN = 'U0NOBODY9';
const OTHER_TEAM = 'T0OTHER01';
let h: Harness;
let caseId: string;
let caseChannel: string;
let foreignCaseId: string;

beforeAll(async () => {
  h = await startHarness({ users: [REPORTER] });
  h.slack.addUser(GUEST, { is_restricted: true });
  h.slack.addUser(SINGLE_CHANNEL_GUEST, { is_restricted: true, is_ultra_restricted: true });
  h.slack.addUser(EXTERNAL, { team_id: OTHER_TEAM });
  h.slack.addUser(DEACTIVATED, { deleted: true });

  await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary: 'Trusted case' }) });
  const channel = await h.slack.waitFor(() => h.slack.channels().find((c) => c.name === 'cmp-1-trusted-case'));
  await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.includes(`<#${channel.id}>`)));
  caseChannel = channel.id;
  caseId = (await h.database.db.selectFrom('cases').select('id').where('number', '=', 1).executeTakeFirstOrThrow()).id;
  // A case of another workspace in the same database: ids from there must not reach it from here.
  const { ctx } = h.anthill;
  foreignCaseId = (await openCase(ctx.db, ctx.policy, { teamId: OTHER_TEAM, reporterId: 'U0THEIRS1', intake: sampleIntake({ summary: 'Their case' }), now: new Date() })).case.id;
});
afterAll(async () => {
  await h.close();
});

/** What the bot answered: in the acknowledgement itself, or on the response URL. */
async function answer(response: SlackHttpResponse): Promise<{ text: string; blocks?: unknown; response_type?: string }> {
  if (response.json && typeof response.json === 'object' && 'text' in response.json) return response.json as { text: string };
  const post = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
  return post.body as { text: string; blocks?: unknown; response_type?: string };
}

const card = async () => h.slack.waitFor(() => h.slack.messages(caseChannel)[0]);
const caseRow = (id: string) => h.database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventCount = async (id: string) =>
  Number((await h.database.db.selectFrom('case_events').select((eb) => eb.fn.countAll<string>().as('n')).where('case_id', '=', id).executeTakeFirstOrThrow()).n);
const caseCount = async () => Number((await h.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('guests, Slack Connect users and deactivated accounts are refused', () => {
  it.each([
    ['a guest', GUEST, 'guest'],
    ['a single-channel guest', SINGLE_CHANNEL_GUEST, 'guest'],
    ['a Slack Connect user from another organisation', EXTERNAL, 'other organisations'],
    ['a deactivated account', DEACTIVATED, 'deactivated'],
    ['an id Slack does not know', UNKNOWN, 'could not find your Slack account'],
  ])('%s gets a plain ephemeral refusal to /complaint and no form opens', async (_who, userId, reason) => {
    const response = await h.requests.slashCommand({ userId, channelId: 'C0ELSEWHERE', text: '' });
    expect(response.status).toBe(200);
    const reply = await answer(response);
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(reply.text).toContain(reason);
    expect(h.slack.calls('views.open').some((call) => call.params.trigger_id === response.triggerId)).toBe(false);
  });

  it('a guest asking to see a case sees none of the customer data', async () => {
    const reply = await answer(await h.requests.slashCommand({ userId: GUEST, channelId: caseChannel, text: 'show #1' }));
    const everything = JSON.stringify(reply);
    expect(everything).toContain('guest');
    for (const secret of ['Anna Nowak', 'anna@example.com', 'Trusted case']) expect(everything).not.toContain(secret);
    const list = JSON.stringify(await answer(await h.requests.slashCommand({ userId: EXTERNAL, channelId: 'C0ELSEWHERE', text: 'list' })));
    expect(list).not.toContain('Trusted case');
  });

  it('a guest clicking Take ownership on the card is refused and nothing changes', async () => {
    const before = await eventCount(caseId);
    const response = await h.requests.blockAction({ userId: GUEST, channelId: caseChannel, actionId: ACTION_IDS.take, message: await card() });
    const reply = await answer(response);
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('guest') });
    expect((await caseRow(caseId)).owner_id).toBeNull();
    expect(await eventCount(caseId)).toBe(before);
  });

  it('a Slack Connect user clicking First response sent is refused and nothing changes', async () => {
    const response = await h.requests.blockAction({ userId: EXTERNAL, userTeamId: OTHER_TEAM, channelId: caseChannel, actionId: ACTION_IDS.responded, message: await card() });
    expect((await answer(response)).text).toContain('other organisations');
    expect((await caseRow(caseId)).status).toBe('open');
  });

  it('a guest submitting the intake form stores nothing and is told why', async () => {
    const before = await caseCount();
    const response = await h.requests.viewSubmission({ userId: GUEST, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary: 'Guest complaint' }) });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.json)).toContain('guest');
    expect(await caseCount()).toBe(before);
  });

  it('asks Slack about a person once for several requests (users.info is cached)', async () => {
    const lookups = () => h.slack.calls('users.info').filter((call) => call.params.user === AGENT).length;
    for (const text of ['help', 'list', 'show #1']) await answer(await h.requests.slashCommand({ userId: AGENT, channelId: caseChannel, text }));
    expect(lookups()).toBe(1);
  });
});

describe('a case reference from Slack is checked, with the workspace of the request', () => {
  it('a button whose value names a case of another workspace is refused and changes nothing', async () => {
    const before = await eventCount(foreignCaseId);
    const take = await h.requests.blockAction({ userId: AGENT, channelId: caseChannel, actionId: ACTION_IDS.take, value: foreignCaseId, blockId: 'x', messageTs: '1.2' });
    expect(await answer(take)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('another Slack workspace') });
    const severity = await h.requests.blockAction({
      userId: AGENT,
      channelId: caseChannel,
      actionId: ACTION_IDS.severity,
      actionType: 'static_select',
      blockId: 'x',
      messageTs: '1.2',
      actionFields: { selected_option: { value: `${foreignCaseId}:critical` } },
    });
    expect((await answer(severity)).text).toContain('another Slack workspace');
    const row = await caseRow(foreignCaseId);
    expect(row).toMatchObject({ owner_id: null, severity: 'high' });
    expect(await eventCount(foreignCaseId)).toBe(before);
  });

  it('a click on this workspace’s case arriving from another workspace is refused', async () => {
    const response = await h.requests.blockAction({ userId: AGENT, teamId: OTHER_TEAM, userTeamId: h.slack.teamId, channelId: caseChannel, actionId: ACTION_IDS.take, message: await card() });
    expect((await answer(response)).text).toContain('another Slack workspace');
    expect((await caseRow(caseId)).owner_id).toBeNull();
  });

  it('the Resolve button for a case of another workspace opens no form', async () => {
    const response = await h.requests.blockAction({ userId: AGENT, channelId: caseChannel, actionId: ACTION_IDS.resolve, value: foreignCaseId, blockId: 'x', messageTs: '1.2' });
    expect((await answer(response)).text).toContain('another Slack workspace');
    expect(h.slack.calls('views.open').some((call) => call.params.trigger_id === response.triggerId)).toBe(false);
  });

  it('a resolve form whose metadata names a case of another workspace resolves nothing', async () => {
    const response = await h.requests.viewSubmission({
      userId: AGENT,
      callbackId: RESOLVE_CALLBACK_ID,
      privateMetadata: foreignCaseId,
      values: { [RESOLVE_FIELD.blockId]: { [RESOLVE_FIELD.actionId]: { type: 'plain_text_input', value: 'Refunded' } } },
    });
    expect(response.json).toMatchObject({ response_action: 'errors', errors: { [RESOLVE_FIELD.blockId]: expect.stringContaining('another Slack workspace') } });
    expect((await caseRow(foreignCaseId)).status).toBe('open');
  });

  it.each([['not-a-case'], [''], ['{"caseId":"x"}'], [`${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}' OR 1=1`]])(
    'a resolve form with metadata %j says it is out of date and changes nothing',
    async (metadata) => {
      const response = await h.requests.viewSubmission({
        userId: AGENT,
        callbackId: RESOLVE_CALLBACK_ID,
        privateMetadata: metadata,
        values: { [RESOLVE_FIELD.blockId]: { [RESOLVE_FIELD.actionId]: { type: 'plain_text_input', value: 'Refunded' } } },
      });
      expect(response.json).toMatchObject({ response_action: 'errors', errors: { [RESOLVE_FIELD.blockId]: expect.stringContaining('out of date') } });
      expect((await caseRow(caseId)).status).toBe('open');
    },
  );

  it('a severity option that is not `<case id>:<severity>` is out of date', async () => {
    const response = await h.requests.blockAction({
      userId: AGENT,
      channelId: caseChannel,
      actionId: ACTION_IDS.severity,
      actionType: 'static_select',
      blockId: 'x',
      messageTs: '1.2',
      actionFields: { selected_option: { value: `${caseId}:critical:extra` } },
    });
    expect((await answer(response)).text).toContain('out of date');
    expect((await caseRow(caseId)).severity).toBe('high');
  });
});

describe('assigning a case', () => {
  it('refuses to make a guest, a Slack Connect user or an unknown id the owner', async () => {
    for (const [userId, reason] of [
      [GUEST, 'guest'],
      [EXTERNAL, 'other organisation'],
      [UNKNOWN, 'Slack does not know'],
    ] as const) {
      const reply = await answer(await h.requests.slashCommand({ userId: AGENT, channelId: caseChannel, text: `assign <@${userId}|someone>` }));
      expect(reply.text).toContain(reason);
    }
    expect((await caseRow(caseId)).owner_id).toBeNull();
  });
});
