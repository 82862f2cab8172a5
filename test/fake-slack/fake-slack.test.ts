import type { AddressInfo } from 'node:net';
import { App, LogLevel, verifySlackRequest } from '@slack/bolt';
import { WebClient, type WebAPICallError } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../fake-slack/index.js';
import { SlackRateLimits } from '../../fake-slack/rate-limits.js';
import { ResponseUrlCatcher, SlackRequests, signSlackRequest } from '../../fake-slack/slack-requests.js';

let slack: FakeSlack;
let client: WebClient;

/** WebClient logs every refused call; the tests assert on the errors instead. */
const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

beforeAll(async () => {
  slack = await FakeSlack.start();
  client = new WebClient(slack.token, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: silentLogger,
  });
});
// Like a real workspace, the fake knows only the people registered in it.
beforeEach(() => slack.addUsers(['U0AAA0001', 'U0AAA0002']));
afterEach(() => {
  slack.reset();
  slack.setRateLimits(undefined);
});
afterAll(() => slack.stop());

/** Runs a call expected to fail and returns the error WebClient threw. */
async function failure(call: Promise<unknown>): Promise<WebAPICallError & { data?: { error?: string; response_metadata?: { messages?: string[] } } }> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome === undefined) throw new Error('expected the call to fail');
  return outcome as WebAPICallError;
}

async function platformError(call: Promise<unknown>): Promise<string | undefined> {
  const error = await failure(call);
  expect(error.code).toBe('slack_webapi_platform_error');
  return error.data?.error;
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('auth', () => {
  it('answers auth.test with the workspace identity', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({ ok: true, team_id: 'T0TEAM001', user_id: 'U0BOT0001' });
    expect(slack.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('rejects a wrong token with invalid_auth and a missing one with not_authed', async () => {
    const wrong = new WebClient('xoxb-wrong', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger });
    expect(await platformError(wrong.auth.test())).toBe('invalid_auth');
    const response = await fetch(`${slack.apiUrl}auth.test`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('answers unknown_method for methods it does not know', async () => {
    expect(await platformError(client.apiCall('chat.frobnicate'))).toBe('unknown_method');
  });

  it('accepts JSON bodies as well as form-encoded ones', async () => {
    const response = await fetch(`${slack.apiUrl}conversations.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ name: 'json-made' }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: { name: 'json-made' } });
  });
});

describe('conversations', () => {
  it('creates a channel with the bot as creator and member, and refuses a taken name', async () => {
    const created = await client.conversations.create({ name: 'cmp-1-late-parcel' });
    expect(created.channel).toMatchObject({ name: 'cmp-1-late-parcel', is_private: false, is_member: true, creator: 'U0BOT0001' });
    expect(created.channel?.id).toMatch(/^C/);
    const channel = slack.channelByName('cmp-1-late-parcel');
    expect(channel?.members.has(slack.botUserId)).toBe(true);

    expect(await platformError(client.conversations.create({ name: 'cmp-1-late-parcel' }))).toBe('name_taken');
    await client.conversations.archive({ channel: channel?.id ?? '' });
    expect(await platformError(client.conversations.create({ name: 'cmp-1-late-parcel' }))).toBe('name_taken');
  });

  it('applies Slack channel-name rules', async () => {
    expect(await platformError(client.conversations.create({ name: 'Upper' }))).toBe('invalid_name_specials');
    expect(await platformError(client.conversations.create({ name: 'has space' }))).toBe('invalid_name_specials');
    expect(await platformError(client.conversations.create({ name: 'a'.repeat(81) }))).toBe('invalid_name_maxlength');
    expect(await platformError(client.conversations.create({ name: '' }))).toBe('invalid_name_required');
    await client.conversations.create({ name: `${'a'.repeat(78)}_9` });
    expect(slack.channels()).toHaveLength(1);
  });

  it('invites users and answers Slack errors', async () => {
    const id = (await client.conversations.create({ name: 'invites' })).channel?.id ?? '';
    await client.conversations.invite({ channel: id, users: 'U0AAA0001,U0AAA0002' });
    expect([...(slack.channel(id)?.members ?? [])].sort()).toEqual(['U0AAA0001', 'U0AAA0002', 'U0BOT0001']);

    expect(await platformError(client.conversations.invite({ channel: id, users: 'U0AAA0001' }))).toBe('already_in_channel');
    expect(await platformError(client.conversations.invite({ channel: id, users: slack.botUserId }))).toBe('cant_invite_self');
    expect(await platformError(client.conversations.invite({ channel: 'C0NOPE', users: 'U0AAA0001' }))).toBe('channel_not_found');

    const foreign = slack.createChannel({ name: 'without-bot', botIsMember: false });
    expect(await platformError(client.conversations.invite({ channel: foreign.id, users: 'U0AAA0001' }))).toBe('not_in_channel');

    slack.addUser('U0AAA0003');
    expect(await platformError(client.conversations.invite({ channel: id, users: 'U0AAA0003,U0NOBODY' }))).toBe('user_not_found');
    expect(slack.channel(id)?.members.has('U0AAA0003')).toBe(false);
    expect(await platformError(client.conversations.invite({ channel: id, users: 'U0NOBODY', force: true }))).toBe('user_not_found');
    const forced = await client.conversations.invite({ channel: id, users: 'U0AAA0003,U0NOBODY', force: true });
    expect(forced).toMatchObject({ ok: true, errors: [{ user: 'U0NOBODY', error: 'user_not_found' }] });
    expect(slack.channel(id)?.members.has('U0AAA0003')).toBe(true);

    slack.addUser('U0AAA0004');
    slack.addUser('U0GUEST01');
    slack.refuseInvites('U0GUEST01');
    expect(await platformError(client.conversations.invite({ channel: id, users: 'U0AAA0004,U0GUEST01' }))).toBe('cant_invite');
    expect(slack.channel(id)?.members.has('U0AAA0004')).toBe(false);
    slack.allowInvites('U0GUEST01');
    await client.conversations.invite({ channel: id, users: 'U0AAA0004,U0GUEST01' });
    expect(slack.channel(id)?.members.has('U0GUEST01')).toBe(true);

    await client.conversations.archive({ channel: id });
    expect(await platformError(client.conversations.invite({ channel: id, users: 'U0AAA0003' }))).toBe('is_archived');
    expect(await platformError(client.conversations.archive({ channel: id }))).toBe('already_archived');
    // Slack's documented limitation: a bot token cannot unarchive.
    expect(await platformError(client.conversations.unarchive({ channel: id }))).toBe('not_in_channel');
    slack.setBotMayUnarchive(true);
    await client.conversations.unarchive({ channel: id });
    expect(slack.channel(id)?.is_archived).toBe(false);
    expect(await platformError(client.conversations.unarchive({ channel: id }))).toBe('not_archived');
    slack.setBotMayUnarchive(false);
  });

  it('sets topic and purpose, joins, and reports info', async () => {
    const channel = slack.createChannel({ name: 'team', id: 'C0TEAM0001', botIsMember: false });
    expect(await platformError(client.conversations.setTopic({ channel: channel.id, topic: 'x' }))).toBe('not_in_channel');
    await client.conversations.join({ channel: channel.id });
    await client.conversations.setTopic({ channel: channel.id, topic: 'Complaints' });
    await client.conversations.setPurpose({ channel: channel.id, purpose: 'Customer team' });
    const info = await client.conversations.info({ channel: channel.id });
    expect(info.channel).toMatchObject({ id: 'C0TEAM0001', name: 'team', is_member: true, topic: { value: 'Complaints' }, purpose: { value: 'Customer team' } });
    expect(await platformError(client.conversations.info({ channel: 'C0MISSING' }))).toBe('channel_not_found');
  });

  it('refuses a topic or purpose over 250 characters as sent (an entity counts as its characters) with too_long', async () => {
    const channel = slack.createChannel({ name: 'long-topic' });
    await client.conversations.setTopic({ channel: channel.id, topic: 'x'.repeat(250) });
    expect(await platformError(client.conversations.setTopic({ channel: channel.id, topic: '&amp;'.repeat(50) + 'x' }))).toBe('too_long');
    expect(await platformError(client.conversations.setPurpose({ channel: channel.id, purpose: 'x'.repeat(251) }))).toBe('too_long');
    expect(slack.channel(channel.id)?.topic).toBe('x'.repeat(250));
  });

  it('lists channels page by page, honouring limit and exclude_archived', async () => {
    for (let n = 1; n <= 7; n += 1) slack.createChannel({ name: `list-${n}`, isArchived: n === 7 });
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.conversations.list({ limit: 3, exclude_archived: true, cursor });
      names.push(...(page.channels ?? []).map((channel) => channel.name ?? ''));
      cursor = page.response_metadata?.next_cursor || undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(names).toEqual(['list-1', 'list-2', 'list-3', 'list-4', 'list-5', 'list-6']);
    expect(pages).toBe(2);
    expect((await client.conversations.list({ limit: 100 })).channels).toHaveLength(7);
    expect((await client.conversations.list({ types: 'private_channel' })).channels).toHaveLength(0);
  });

  it('opens a DM as a D… conversation and records messages sent to a user id as DMs', async () => {
    const opened = await client.conversations.open({ users: 'U0AAA0001' });
    expect(opened.channel?.id).toMatch(/^D/);
    const posted = await client.chat.postMessage({ channel: 'U0AAA0001', text: 'Deadline in 30 minutes' });
    expect(posted.channel).toBe(opened.channel?.id);
    await client.chat.postMessage({ channel: opened.channel?.id ?? '', text: 'Second reminder' });
    expect(slack.dms('U0AAA0001').map((message) => message.text)).toEqual(['Deadline in 30 minutes', 'Second reminder']);
  });

  it('refuses a DM to a user id the workspace does not know, as Slack does', async () => {
    expect(await platformError(client.chat.postMessage({ channel: 'U0NOBODY1', text: 'Deadline in 30 minutes' }))).toBe('channel_not_found');
    expect(await platformError(client.conversations.open({ users: 'U0NOBODY1' }))).toBe('user_not_found');
  });
});

describe('chat', () => {
  it('posts with strictly increasing ts and updates in place', async () => {
    const channel = slack.createChannel({ name: 'case-card' });
    const first = await client.chat.postMessage({ channel: channel.id, text: 'card', blocks: [section('*Case 1*')] });
    const second = await client.chat.postMessage({ channel: channel.id, text: 'reply', thread_ts: first.ts });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(first.message).toMatchObject({ text: 'card', user: 'U0BOT0001', blocks: [section('*Case 1*')] });

    const updated = await client.chat.update({ channel: channel.id, ts: first.ts ?? '', text: 'card v2', blocks: [section('*Case 1* resolved')] });
    expect(updated.ts).toBe(first.ts);
    const messages = slack.messages(channel.id);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ text: 'card v2', blocks: [section('*Case 1* resolved')], edits: 1 });
    expect(messages[1]).toMatchObject({ thread_ts: first.ts });
    expect(slack.calls('chat.postMessage')[0]?.params.blocks).toEqual([section('*Case 1*')]);
  });

  it('answers the errors Slack answers for posting', async () => {
    const channel = slack.createChannel({ name: 'post-errors' });
    const outside = slack.createChannel({ name: 'outside', botIsMember: false });
    expect(await platformError(client.chat.postMessage({ channel: 'C0MISSING', text: 'x' }))).toBe('channel_not_found');
    expect(await platformError(client.chat.postMessage({ channel: outside.id, text: 'x' }))).toBe('not_in_channel');
    slack.setChatWritePublic(true);
    await client.chat.postMessage({ channel: outside.id, text: 'allowed with chat:write.public' });
    expect(await platformError(client.chat.postMessage({ channel: channel.id, text: '' }))).toBe('no_text');
    expect(await platformError(client.chat.postMessage({ channel: channel.id, text: 'x'.repeat(40_001) }))).toBe('msg_too_long');
    const foreign = slack.postAsUser(channel.id, 'U0AAA0001', 'a person wrote this');
    expect(await platformError(client.chat.update({ channel: channel.id, ts: foreign.ts, text: 'x' }))).toBe('cant_update_message');
    expect(await platformError(client.chat.update({ channel: channel.id, ts: '1.000001', text: 'x' }))).toBe('message_not_found');
    const deleted = await client.chat.postMessage({ channel: channel.id, text: 'soon deleted by a person' });
    slack.deleteMessage(channel.id, deleted.ts ?? '');
    expect(await platformError(client.chat.update({ channel: channel.id, ts: deleted.ts ?? '', text: 'x' }))).toBe('message_not_found');
    await client.conversations.archive({ channel: channel.id });
    expect(await platformError(client.chat.postMessage({ channel: channel.id, text: 'x' }))).toBe('is_archived');
  });

  it.each([
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' }))],
    ['a section over 3000 characters', [section('x'.repeat(3001))]],
    ['a context text over 3000 characters', [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'x'.repeat(3001) }] }]],
    ['a header over 150 characters', [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }]],
    ['button text over 75 characters', [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } }] }]],
    ['26 elements in actions', [{ type: 'actions', elements: Array.from({ length: 26 }, (_, n) => ({ type: 'button', action_id: `a${n}`, text: { type: 'plain_text', text: 'Go' } })) }]],
    ['an unknown block type', [{ type: 'sektion', text: { type: 'mrkdwn', text: 'x' } }]],
  ])('refuses %s with invalid_blocks, in postMessage and update', async (_label, blocks) => {
    const channel = slack.createChannel({ name: 'limits' });
    const error = await failure(client.chat.postMessage({ channel: channel.id, text: 'x', blocks }));
    expect(error.data?.error).toBe('invalid_blocks');
    expect(error.data?.response_metadata?.messages?.[0]).toMatch(/^\[ERROR\] .* \[json-pointer:\/blocks/);
    const posted = await client.chat.postMessage({ channel: channel.id, text: 'ok' });
    expect(await platformError(client.chat.update({ channel: channel.id, ts: posted.ts ?? '', text: 'x', blocks }))).toBe('invalid_blocks');
    expect(slack.messages(channel.id)).toHaveLength(1);
  });

  it('accepts blocks right at the limits', async () => {
    const channel = slack.createChannel({ name: 'at-limits' });
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } },
      section('s'.repeat(3000)),
      { type: 'actions', elements: Array.from({ length: 25 }, (_, n) => ({ type: 'button', action_id: `a${n}`, text: { type: 'plain_text', text: 'b'.repeat(75) } })) },
      ...Array.from({ length: 47 }, () => ({ type: 'divider' })),
    ];
    await client.chat.postMessage({ channel: channel.id, text: 'x', blocks });
  });

  it('records ephemerals only for channel members', async () => {
    const channel = slack.createChannel({ name: 'ephemeral', members: ['U0AAA0001'] });
    const result = await client.chat.postEphemeral({ channel: channel.id, user: 'U0AAA0001', text: 'only you' });
    expect(result.message_ts).toBeDefined();
    expect(slack.ephemerals('U0AAA0001')).toMatchObject([{ channel: channel.id, text: 'only you' }]);
    expect(await platformError(client.chat.postEphemeral({ channel: channel.id, user: 'U0AAA0002', text: 'x' }))).toBe('user_not_in_channel');
    expect(await platformError(client.chat.postEphemeral({ channel: 'C0MISSING', user: 'U0AAA0001', text: 'x' }))).toBe('channel_not_found');
  });

  it('gives permalinks to existing messages', async () => {
    const channel = slack.createChannel({ name: 'links' });
    const posted = await client.chat.postMessage({ channel: channel.id, text: 'x' });
    const { permalink } = await client.chat.getPermalink({ channel: channel.id, message_ts: posted.ts ?? '' });
    expect(permalink).toBe(`https://anthill-test.slack.com/archives/${channel.id}/p${posted.ts?.replace('.', '')}`);
  });
});

describe('users and groups', () => {
  it('lists the members of a user group', async () => {
    slack.addUserGroup('S0GRP0001', ['U0AAA0001', 'U0AAA0002']);
    expect((await client.usergroups.users.list({ usergroup: 'S0GRP0001' })).users).toEqual(['U0AAA0001', 'U0AAA0002']);
    expect(await platformError(client.usergroups.users.list({ usergroup: 'S0NOPE' }))).toBe('no_such_subteam');
  });

  it('answers users.info for registered users only', async () => {
    expect(await platformError(client.users.info({ user: 'U0ANYONE1' }))).toBe('user_not_found');
    slack.addUser('U0ALA0001', { real_name: 'Ala Nowak', tz: 'Europe/Warsaw' });
    expect((await client.users.info({ user: 'U0ALA0001' })).user).toMatchObject({
      real_name: 'Ala Nowak',
      tz: 'Europe/Warsaw',
      team_id: slack.teamId,
      deleted: false,
      is_bot: false,
      is_restricted: false,
      is_ultra_restricted: false,
    });
    expect((await client.users.info({ user: slack.botUserId })).user).toMatchObject({ is_bot: true });
  });

  it('describes guests, Slack Connect users, Enterprise Grid users and deactivated accounts as Slack does', async () => {
    slack.addUser('U0GUEST01', { is_restricted: true });
    slack.addUser('U0GUEST02', { is_restricted: true, is_ultra_restricted: true });
    slack.addUser('U0EXTERN1', { team_id: 'T0OTHER01' });
    slack.addUser('W0GRID001', { team_id: 'T0SISTER1', enterprise_id: 'E0ORG0001' });
    slack.addUser('U0GONE001');
    slack.updateUser('U0GONE001', { deleted: true });
    expect((await client.users.info({ user: 'U0GUEST01' })).user).toMatchObject({ is_restricted: true, is_ultra_restricted: false });
    expect((await client.users.info({ user: 'U0GUEST02' })).user).toMatchObject({ is_restricted: true, is_ultra_restricted: true });
    expect((await client.users.info({ user: 'U0EXTERN1' })).user).toMatchObject({ team_id: 'T0OTHER01' });
    expect((await client.users.info({ user: 'W0GRID001' })).user?.enterprise_user).toMatchObject({ enterprise_id: 'E0ORG0001' });
    expect((await client.users.info({ user: 'U0GONE001' })).user).toMatchObject({ deleted: true });
  });

  it('registers the members of a user group as people of the workspace', async () => {
    slack.addUserGroup('S0GRP0002', ['U0NEW0001']);
    expect((await client.users.info({ user: 'U0NEW0001' })).user?.id).toBe('U0NEW0001');
  });
});

describe('views', () => {
  const modal = (overrides: Record<string, unknown> = {}) => ({
    type: 'modal' as const,
    callback_id: 'complaint_intake',
    title: { type: 'plain_text' as const, text: 'New complaint' },
    submit: { type: 'plain_text' as const, text: 'Open case' },
    blocks: [{ type: 'input', block_id: 'summary', label: { type: 'plain_text', text: 'Summary' }, element: { type: 'plain_text_input', action_id: 'value' } }],
    ...overrides,
  });

  it('opens and updates a modal', async () => {
    const opened = await client.views.open({ trigger_id: '123.456.abc', view: modal() });
    expect(opened.view?.id).toMatch(/^V/);
    const [view] = slack.views();
    expect(view).toMatchObject({ callback_id: 'complaint_intake', via: 'open', trigger_id: '123.456.abc' });
    await client.views.update({ view_id: view?.id ?? '', hash: opened.view?.hash, view: modal({ private_metadata: '{"case":1}' }) });
    expect(slack.views()[0]).toMatchObject({ private_metadata: '{"case":1}', updates: 1 });
    expect(await platformError(client.views.update({ view_id: view?.id ?? '', hash: opened.view?.hash, view: modal() }))).toBe('hash_conflict');
    expect(await platformError(client.views.update({ view_id: 'V0MISSING', view: modal() }))).toBe('not_found');
  });

  it('requires a fresh trigger id and a valid modal', async () => {
    expect(await platformError(client.views.open({ trigger_id: '', view: modal() }))).toBe('invalid_arguments');
    await client.views.open({ trigger_id: 'once', view: modal() });
    expect(await platformError(client.views.open({ trigger_id: 'once', view: modal() }))).toBe('exchanged_trigger_id');
    const error = await failure(client.views.open({ trigger_id: 't2', view: modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } }) }));
    expect(error.data?.error).toBe('invalid_arguments');
    expect(error.data?.response_metadata?.messages).toEqual(['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]']);
    const tooMany = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    expect(await platformError(client.views.open({ trigger_id: 't3', view: modal({ blocks: tooMany }) }))).toBe('invalid_arguments');
    expect(slack.views()).toHaveLength(1);
  });

  it('publishes a home tab per user', async () => {
    const home = { type: 'home' as const, blocks: [section('Open cases: 0')] };
    await client.views.publish({ user_id: 'U0AAA0001', view: home });
    await client.views.publish({ user_id: 'U0AAA0001', view: { ...home, blocks: [section('Open cases: 1')] } });
    expect(slack.views()).toMatchObject([{ type: 'home', user_id: 'U0AAA0001', updates: 1 }]);
  });
});

describe('files', () => {
  it('round-trips files.uploadV2 through the upload URL', async () => {
    const channel = slack.createChannel({ name: 'exports' });
    await client.filesUploadV2({
      channel_id: channel.id,
      filename: 'cases.csv',
      content: 'number,summary\n1,Late parcel\n',
      initial_comment: 'Cases of the last 30 days',
    });
    expect(slack.files()).toMatchObject([
      { name: 'cases.csv', content: 'number,summary\n1,Late parcel\n', channel: channel.id, initial_comment: 'Cases of the last 30 days' },
    ]);
    expect(slack.calls().map((call) => call.method)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
  });

  it('refuses to complete an upload that was never sent', async () => {
    const { file_id } = await client.files.getUploadURLExternal({ filename: 'a.csv', length: 3 });
    expect(await platformError(client.files.completeUploadExternal({ files: [{ id: file_id ?? '' }] }))).toBe('file_not_found');
  });

  it('shares a completed upload with one message in the channel, and files.info says where it is shared', async () => {
    const channel = slack.createChannel({ name: 'cmp-1-record' });
    const { file_id: fileId, upload_url: uploadUrl } = await client.files.getUploadURLExternal({ filename: 'record.md', length: 7 });
    // Uploaded but not completed: not a file yet.
    await fetch(uploadUrl ?? '', { method: 'POST', body: '# Hello' });
    expect(await platformError(client.files.info({ file: fileId ?? '' }))).toBe('file_not_found');

    const completed = await client.files.completeUploadExternal({ files: [{ id: fileId ?? '', title: 'Record' }], channel_id: channel.id, initial_comment: 'The record' });
    const [message] = slack.messages(channel.id);
    expect(message).toMatchObject({ text: 'The record', user: slack.botUserId, files: [fileId] });
    const { file } = await client.files.info({ file: fileId ?? '' });
    expect(file).toMatchObject({
      id: fileId,
      name: 'record.md',
      title: 'Record',
      filetype: 'markdown',
      size: 7,
      channels: [channel.id],
      groups: [],
      permalink: completed.files?.[0]?.permalink,
      shares: { public: { [channel.id]: [{ ts: message?.ts, channel_name: 'cmp-1-record' }] } },
    });

    // The bytes come back from url_private_download with the bot token, never without it.
    const download = await fetch(file?.url_private_download ?? '', { headers: { authorization: `Bearer ${slack.token}` } });
    expect(await download.text()).toBe('# Hello');
    const anonymous = await fetch(file?.url_private ?? '', { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
  });

  it('files.info: a file shared in a private channel is in its groups and private shares; an unknown id is file_not_found', async () => {
    const channel = slack.createChannel({ name: 'cmp-2-private', isPrivate: true });
    await client.filesUploadV2({ channel_id: channel.id, filename: 'r.md', content: 'x', initial_comment: 'r' });
    const [stored] = slack.files();
    const { file } = await client.files.info({ file: stored?.id ?? '' });
    expect(file).toMatchObject({ channels: [], groups: [channel.id], shares: { private: { [channel.id]: [{ channel_name: 'cmp-2-private' }] } } });
    expect(await platformError(client.files.info({ file: 'F0NOSUCHFILE' }))).toBe('file_not_found');
  });
});

describe('failure injection', () => {
  it('answers ratelimited with HTTP 429 and Retry-After, then recovers', async () => {
    const channel = slack.createChannel({ name: 'limited' });
    slack.failNext('chat.postMessage', { error: 'ratelimited', retryAfter: 7 });
    const error = await failure(client.chat.postMessage({ channel: channel.id, text: 'x' }));
    expect(error.code).toBe('slack_webapi_rate_limited_error');
    expect((error as { retryAfter?: number }).retryAfter).toBe(7);
    expect(slack.messages(channel.id)).toHaveLength(0);
    expect(slack.calls('chat.postMessage')[0]).toMatchObject({ status: 429 });
    await client.chat.postMessage({ channel: channel.id, text: 'x' });
    expect(slack.messages(channel.id)).toHaveLength(1);
  });

  it('answers HTTP 500 as many times as asked', async () => {
    slack.failNext('conversations.create', { status: 500, times: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await failure(client.conversations.create({ name: 'flaky' }));
      expect(error.code).toBe('slack_webapi_http_error');
      expect((error as { statusCode?: number }).statusCode).toBe(500);
    }
    await client.conversations.create({ name: 'flaky' });
    expect(slack.channels()).toHaveLength(1);
  });

  it('drops the connection on networkError', async () => {
    slack.failNext('auth.test', { networkError: true });
    const error = await failure(client.auth.test());
    expect(error.code).toBe('slack_webapi_request_error');
    await client.auth.test();
  });

  it('answers a chosen Slack error with HTTP 200', async () => {
    slack.failNext('conversations.invite', { error: 'fatal_error' });
    expect(await platformError(client.conversations.invite({ channel: 'C1', users: 'U1' }))).toBe('fatal_error');
  });

  it('delays answers by the configured latency and reports calls as they arrive', async () => {
    const arrivals: string[] = [];
    const stop = slack.onCall((call) => arrivals.push(call.method));
    slack.setLatency(60, 'auth.test');
    const started = Date.now();
    await client.auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    stop();
    await client.auth.test();
    expect(arrivals).toEqual(['auth.test']);
  });

  it('waitFor resolves with the first truthy value and explains a timeout', async () => {
    const channel = slack.createChannel({ name: 'waiting' });
    setTimeout(() => void client.chat.postMessage({ channel: channel.id, text: 'late' }), 30);
    const message = await slack.waitFor(() => slack.messages(channel.id)[0]);
    expect(message.text).toBe('late');
    await expect(slack.waitFor(() => false, 50)).rejects.toThrow(/not met within 50 ms[\s\S]*chat\.postMessage channel=C\w+ → ok/);
  });
});

describe('Slack requests to the bot', () => {
  it('signs the way Bolt verifies', () => {
    expect(signSlackRequest('secret', 'body', 1_700_000_000)).toEqual({
      'x-slack-signature': 'v0=09007942f7001d2b8407c826d50c7c64878ea8fb0acfc43f2d20e94b0a5b8a91',
      'x-slack-request-timestamp': '1700000000',
    });
    const body = 'command=%2Fcomplaint&text=help';
    const verify = (headers: ReturnType<typeof signSlackRequest>) => () =>
      verifySlackRequest({ signingSecret: 's3cret', body, headers: { ...headers, 'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']) } });
    expect(verify(signSlackRequest('s3cret', body))).not.toThrow();
    expect(verify(signSlackRequest('s3cret', body, Math.floor(Date.now() / 1000) - 600))).toThrow(/stale/);
    expect(verify(signSlackRequest('other', body))).toThrow(/signature mismatch/);
  });

  describe('against a real Bolt app', () => {
    const signingSecret = 'bolt-test-secret';
    let app: App;
    let catcher: ResponseUrlCatcher;
    let requests: SlackRequests;

    beforeAll(async () => {
      catcher = await ResponseUrlCatcher.start();
      app = new App({
        token: slack.token,
        signingSecret,
        logLevel: LogLevel.ERROR,
        clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
      });
      app.command('/complaint', async ({ ack, command, client, respond }) => {
        await ack();
        if (command.text === 'help') {
          await respond({ response_type: 'ephemeral', text: 'Usage: /complaint new' });
          return;
        }
        await client.views.open({
          trigger_id: command.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'complaint_intake',
            title: { type: 'plain_text', text: 'New complaint' },
            submit: { type: 'plain_text', text: 'Open' },
            blocks: [{ type: 'input', block_id: 'summary', label: { type: 'plain_text', text: 'Summary' }, element: { type: 'plain_text_input', action_id: 'value' } }],
          },
        });
      });
      app.action('case_take', async ({ ack, body, client }) => {
        await ack();
        if (body.type !== 'block_actions' || body.channel === undefined || body.message === undefined) return;
        await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text: `Taken by <@${body.user.id}>` });
      });
      app.view('complaint_intake', async ({ ack, view }) => {
        const summary = view.state.values.summary?.value?.value;
        if (!summary) await ack({ response_action: 'errors', errors: { summary: 'Write a summary' } });
        else await ack();
      });
      const server = await app.start(0);
      const { port } = server.address() as AddressInfo;
      requests = new SlackRequests({ baseUrl: `http://127.0.0.1:${port}`, signingSecret, teamId: slack.teamId, responseUrl: () => catcher.nextUrl() });
    });
    afterAll(async () => {
      await app.stop();
      await catcher.stop();
    });

    it('delivers a slash command whose respond() reaches the catcher', async () => {
      const response = await requests.slashCommand({ userId: 'U0AAA0001', channelId: 'C0TEAM0001', text: 'help' });
      expect(response.status).toBe(200);
      const post = await catcher.waitFor(() => catcher.posts(response.responseUrl)[0]);
      expect(post.body).toMatchObject({ text: 'Usage: /complaint new' });
    });

    it('delivers a slash command whose trigger id opens a modal in the fake', async () => {
      const response = await requests.slashCommand({ userId: 'U0AAA0001', channelId: 'C0TEAM0001', text: 'new' });
      const view = await slack.waitFor(() => slack.views().find((candidate) => candidate.trigger_id === response.triggerId));
      expect(view.callback_id).toBe('complaint_intake');

      const refused = await requests.viewSubmission({ userId: 'U0AAA0001', view, values: { summary: { value: { type: 'plain_text_input', value: '' } } } });
      expect(refused.json).toEqual({ response_action: 'errors', errors: { summary: 'Write a summary' } });
      const accepted = await requests.viewSubmission({ userId: 'U0AAA0001', view, values: { summary: { value: { type: 'plain_text_input', value: 'Late parcel' } } } });
      expect(accepted.status).toBe(200);
      expect(accepted.json).toBeUndefined();
    });

    it('delivers a button click on a message the bot posted', async () => {
      const channel = slack.createChannel({ name: 'cmp-1-late-parcel', members: ['U0AAA0001'] });
      const card = await client.chat.postMessage({
        channel: channel.id,
        text: 'Case 1',
        blocks: [{ type: 'actions', block_id: 'case_buttons', elements: [{ type: 'button', action_id: 'case_take', value: '1', text: { type: 'plain_text', text: 'Take ownership' } }] }],
      });
      const message = slack.messages(channel.id)[0];
      expect(message?.ts).toBe(card.ts);
      const response = await requests.blockAction({ userId: 'U0AAA0001', channelId: channel.id, actionId: 'case_take', message });
      expect(response.status).toBe(200);
      await slack.waitFor(() => slack.messages(channel.id)[0]?.text === 'Taken by <@U0AAA0001>');
    });

    it('is refused by Bolt when badly signed or stale', async () => {
      catcher.reset();
      const input = { userId: 'U0AAA0001', channelId: 'C0TEAM0001', text: 'help' };
      expect((await requests.slashCommand(input, { corruptSignature: true })).status).toBe(401);
      expect((await requests.slashCommand(input, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
      expect((await requests.raw('command=%2Fcomplaint')).status).toBe(401);
      expect((await requests.slashCommand(input, { signingSecret: 'not-the-secret' })).status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(catcher.posts()).toHaveLength(0);
    });
  });
});

describe("Slack's rate limits", () => {
  it('are off unless asked for: a Tier 2 method answers far past 20 calls a minute', async () => {
    for (let n = 0; n < 25; n += 1) await client.conversations.create({ name: `unlimited-${n}` });
    expect(slack.channels()).toHaveLength(25);
    expect(slack.rateLimited()).toBe(0);
  });

  it('answer a call over its tier with HTTP 429, ratelimited and Retry-After in whole seconds, changing nothing', async () => {
    slack.setRateLimits({ perMinute: { 'conversations.create': 2 } });
    await client.conversations.create({ name: 'tier-1' });
    await client.conversations.create({ name: 'tier-2' });
    const error = await failure(client.conversations.create({ name: 'tier-3' }));
    expect(error.code).toBe('slack_webapi_rate_limited_error');
    const retryAfter = (error as { retryAfter?: number }).retryAfter ?? 0;
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(slack.calls('conversations.create').at(-1)).toMatchObject({ status: 429, result: { ok: false, error: 'ratelimited' } });
    expect(slack.channelByName('tier-3')).toBeUndefined();
    expect(slack.rateLimited('conversations.create')).toBe(1);
    // Another method of the same workspace has a budget of its own.
    const channel = slack.createChannel({ name: 'still-open' });
    await client.conversations.setTopic({ channel: channel.id, topic: 'fine' });
    expect(slack.rateLimited()).toBe(1);
  });

  it("count chat.postMessage per channel: a channel's burst spent refuses it there, not in another channel", async () => {
    slack.setRateLimits({ postMessageBurst: 2, postMessagePerSecond: 0.01 });
    const busy = slack.createChannel({ name: 'busy' });
    const quiet = slack.createChannel({ name: 'quiet' });
    await client.chat.postMessage({ channel: busy.id, text: '1' });
    await client.chat.postMessage({ channel: busy.id, text: '2' });
    const error = await failure(client.chat.postMessage({ channel: busy.id, text: '3' }));
    expect(error.code).toBe('slack_webapi_rate_limited_error');
    await client.chat.postMessage({ channel: quiet.id, text: '1' });
    expect(slack.messages(busy.id)).toHaveLength(2);
    expect(slack.messages(quiet.id)).toHaveLength(1);
    expect(slack.rateLimited('chat.postMessage')).toBe(1);
  });

  it("use Slack's published tiers: conversations.create (Tier 2) refuses its 21st call of a minute", async () => {
    slack.setRateLimits('slack');
    for (let n = 0; n < 20; n += 1) await client.conversations.create({ name: `tiered-${n}` });
    const error = await failure(client.conversations.create({ name: 'tiered-20' }));
    expect(error.code).toBe('slack_webapi_rate_limited_error');
    expect(slack.channels()).toHaveLength(20);
  });
});

describe('SlackRateLimits on a clock', () => {
  it("opens a method's next window a minute after its first call, with Retry-After counting down to it", () => {
    let now = 1_000_000;
    const limits = new SlackRateLimits({ perMinute: { 'conversations.create': 2 } }, () => now);
    expect(limits.admit('conversations.create', undefined)).toBeUndefined();
    now += 10_000;
    expect(limits.admit('conversations.create', undefined)).toBeUndefined();
    now += 20_500;
    expect(limits.admit('conversations.create', undefined)).toBe(30);
    now += 29_500;
    expect(limits.admit('conversations.create', undefined)).toBeUndefined();
    expect(limits.refusals()).toBe(1);
  });

  it('refills a channel by one chat.postMessage a second after a burst of three', () => {
    let now = 0;
    const limits = new SlackRateLimits('slack', () => now);
    for (let n = 0; n < 3; n += 1) expect(limits.admit('chat.postMessage', 'C1')).toBeUndefined();
    expect(limits.admit('chat.postMessage', 'C1')).toBe(1);
    now += 1000;
    expect(limits.admit('chat.postMessage', 'C1')).toBeUndefined();
    expect(limits.admit('chat.postMessage', 'C1')).toBe(1);
  });

  it("gives every method Slack's tier: Tier 4 100, Tier 3 50, Tier 2 20, an unlisted method Tier 3", () => {
    const limits = new SlackRateLimits('slack');
    expect(limits.limitOf('views.open')).toBe(100);
    expect(limits.limitOf('chat.update')).toBe(50);
    expect(limits.limitOf('conversations.create')).toBe(20);
    expect(limits.limitOf('some.newMethod')).toBe(50);
    // chat.postMessage: no tier; 200 messages a minute across channels are fine.
    let now = 0;
    const clocked = new SlackRateLimits('slack', () => now);
    for (let n = 0; n < 200; n += 1) {
      expect(clocked.admit('chat.postMessage', `C${n}`)).toBeUndefined();
      now += 300;
    }
  });
});
