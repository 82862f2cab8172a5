import { WebClient, type ModalView, type WebAPIPlatformError } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack, type RecordedCall } from '../../fake-slack/index.js';
import { RESPONSE_URL_LIMITS, useResponseUrl } from '../../fake-slack/response-urls.js';
import { SlackState, MessageClock } from '../../fake-slack/state.js';
import { FAKE_WORKSPACE } from '../../fake-slack/defaults.js';
import { newTriggerId } from '../../fake-slack/trigger-ids.js';

/** What Slack does on its side of interactions: response URLs, trigger expiry, response_action views. */

const PERSON = 'U0AAA0001';
let slack: FakeSlack;
let client: WebClient;
let channelId: string;

beforeAll(async () => {
  slack = await FakeSlack.start();
  client = new WebClient(slack.token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
});
beforeEach(() => {
  slack.addUser(PERSON);
  channelId = slack.createChannel({ name: 'cmp-1-late-parcel', members: [PERSON] }).id;
});
afterEach(() => slack.reset());
afterAll(() => slack.stop());

/** Posts to a response URL as Bolt's respond() does (JSON). */
async function respond(url: string, body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function botMessage(text: string): Promise<string> {
  const posted = await client.chat.postMessage({ channel: channelId, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
  return posted.ts ?? '';
}

describe('response URLs', () => {
  it('post an ephemeral to the person by default, and a channel message with in_channel', async () => {
    const url = slack.responseUrl({ user: PERSON, channel: channelId });
    expect(await respond(url, { text: 'Only you see this' })).toEqual({ status: 200, json: { ok: true } });
    expect(await respond(url, { text: 'Everyone sees this', response_type: 'in_channel' })).toMatchObject({ status: 200 });

    expect(slack.ephemerals(PERSON).map((ephemeral) => ephemeral.text)).toEqual(['Only you see this']);
    expect(slack.messages(channelId).map((message) => [message.text, message.user])).toEqual([['Everyone sees this', slack.botUserId]]);
  });

  it('replace and delete the message that was clicked', async () => {
    const ts = await botMessage('Approve?');
    const url = slack.responseUrl({ user: PERSON, channel: channelId, messageTs: ts });

    await respond(url, { replace_original: true, text: 'Approved' });
    expect(slack.messages(channelId)).toMatchObject([{ ts, text: 'Approved', blocks: undefined, edits: 1 }]);

    await respond(url, { delete_original: true });
    expect(slack.messages(channelId)).toEqual([]);
    expect(await respond(url, { delete_original: true })).toEqual({ status: 404, json: { ok: false, error: 'message_not_found' } });
  });

  it('replace and delete an ephemeral original, for its person only', async () => {
    const { message_ts: ts } = await client.chat.postEphemeral({ channel: channelId, user: PERSON, text: 'Pick one' });
    const url = slack.responseUrl({ user: PERSON, channel: channelId, messageTs: ts ?? '', isEphemeral: true });

    await respond(url, { replace_original: true, text: 'Picked' });
    expect(slack.ephemerals(PERSON).map((ephemeral) => ephemeral.text)).toEqual(['Picked']);
    await respond(url, { delete_original: true });
    expect(slack.ephemerals(PERSON)).toEqual([]);
  });

  it(`work ${RESPONSE_URL_LIMITS.uses} times, then answer used_url`, async () => {
    const url = slack.responseUrl({ user: PERSON, channel: channelId });
    for (let use = 1; use <= RESPONSE_URL_LIMITS.uses; use++) expect((await respond(url, { text: `use ${use}` })).status).toBe(200);

    expect(await respond(url, { text: 'one too many' })).toEqual({ status: 404, json: { ok: false, error: 'used_url' } });
    expect(slack.ephemerals(PERSON)).toHaveLength(RESPONSE_URL_LIMITS.uses);
  });

  it('expire 30 minutes after the interaction', () => {
    const state = new SlackState({ ...FAKE_WORKSPACE }, new MessageClock());
    const issuedAt = 1_800_000_000_000;
    state.responseUrls.set('T/abc', { user: PERSON, channel: 'C1', issuedAt, uses: 0 });

    expect(useResponseUrl(state, 'T/abc', { text: 'in time' }, issuedAt + RESPONSE_URL_LIMITS.lifetimeMs).status).toBe(200);
    expect(useResponseUrl(state, 'T/abc', { text: 'late' }, issuedAt + RESPONSE_URL_LIMITS.lifetimeMs + 1).result).toEqual({ ok: false, error: 'expired_url' });
  });

  it('refuse what breaks Block Kit limits, with Slack’s messages, and count nothing', async () => {
    const url = slack.responseUrl({ user: PERSON, channel: channelId });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];

    const answer = await respond(url, { text: 'fallback', blocks });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ ok: false, error: 'invalid_blocks', response_metadata: { messages: [expect.stringContaining('/blocks/0/text')] } });
    expect(await respond(url, {})).toEqual({ status: 400, json: { ok: false, error: 'no_text' } });
    expect(slack.ephemerals()).toEqual([]);
  });

  it('are logged and announced once answered, as method response_url', async () => {
    const answered: RecordedCall[] = [];
    const stop = slack.onAnswered((call) => answered.push(call));
    await respond(slack.responseUrl({ user: PERSON, channel: channelId }), { text: 'hi' });
    stop();

    expect(answered).toMatchObject([{ method: 'response_url', params: { text: 'hi' }, status: 200, result: { ok: true } }]);
    expect(slack.calls('response_url')).toHaveLength(1);
  });

  it('answer no_active_hooks for a URL the fake never handed out', async () => {
    const url = slack.responseUrl({ user: PERSON, channel: channelId }).replace(/[0-9a-f]{24}$/, '0'.repeat(24));
    expect(await respond(url, { text: 'hi' })).toEqual({ status: 404, json: { ok: false, error: 'no_active_hooks' } });
  });
});

describe("a slash command's acknowledgement", () => {
  it('is shown like a response, without using up the response URL', async () => {
    expect(slack.respondToCommand({ user: PERSON, channel: channelId }, { text: 'Working on it' })).toEqual({ ok: true });
    expect(slack.ephemerals(PERSON).map((ephemeral) => ephemeral.text)).toEqual(['Working on it']);
  });
});

describe('trigger ids', () => {
  const view: ModalView = { type: 'modal', title: { type: 'plain_text', text: 'Form' }, blocks: [] };

  it('expire after 3 seconds when expiry is on, as in Slack', async () => {
    slack.setTriggerExpiry(3000);
    const stale = newTriggerId(Date.now() - 3001);
    const error = (await client.views.open({ trigger_id: stale, view }).catch((caught: unknown) => caught)) as WebAPIPlatformError;
    expect(error.data).toMatchObject({ ok: false, error: 'expired_trigger_id' });

    await expect(client.views.open({ trigger_id: newTriggerId(), view })).resolves.toMatchObject({ ok: true });
  });
});

describe('response_action views', () => {
  const modal = (text: string): ModalView => ({ type: 'modal', title: { type: 'plain_text', text: 'Form' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });

  it('update replaces the submitted view, push stacks a new one', async () => {
    const opened = await client.views.open({ trigger_id: newTriggerId(), view: modal('first') });
    const viewId = opened.view?.id ?? '';

    const updated = slack.applyViewResponse('update', viewId, modal('thanks'));
    expect(updated).toMatchObject({ id: viewId, updates: 1, definition: modal('thanks') });
    const pushed = slack.applyViewResponse('push', viewId, modal('next step'));
    expect(pushed.id).not.toBe(viewId);
    expect(slack.views().map((view) => view.via)).toEqual(['open', 'push']);
  });

  it('is refused with Slack’s messages when it breaks a limit', () => {
    const tooLong = { ...modal('x'), title: { type: 'plain_text', text: 'A title far longer than Slack allows' } };
    expect(() => slack.applyViewResponse('push', 'V0', tooLong)).toThrow(expect.objectContaining({ code: 'invalid_arguments' }));
    expect(slack.views()).toEqual([]);
  });
});
