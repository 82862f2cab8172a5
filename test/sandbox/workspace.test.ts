import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../fake-slack/index.js';
import { SandboxRefusal, SandboxWorkspace } from '../../sandbox/workspace.js';

/** The sandbox's Slack without the bot: what the page is shown, and what it refuses before asking the bot. */

const ALICE = { id: 'U0ALICE01', name: 'Alice', role: 'responder' };
let slack: FakeSlack;
let client: WebClient;
let workspace: SandboxWorkspace;
let teamChannel: string;

beforeAll(async () => {
  slack = await FakeSlack.start();
  client = new WebClient(slack.token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
});
beforeEach(() => {
  slack.addUser(ALICE.id, { real_name: ALICE.name });
  teamChannel = slack.createChannel({ name: 'customer-team', members: [ALICE.id] }).id;
  // No bot listens there: these tests never get as far as sending it a request.
  workspace = new SandboxWorkspace({ slack, botUrl: 'http://127.0.0.1:9', signingSecret: 'secret', people: [ALICE], botName: 'Anthill' });
});
afterEach(() => slack.reset());
afterAll(() => slack.stop());

describe('the sandbox workspace', () => {
  it('shows a call the bot broke a Block Kit limit with as a problem, with Slack’s messages', async () => {
    const versions: number[] = [];
    workspace.onChange((version) => versions.push(version));
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));

    await expect(client.chat.postMessage({ channel: teamChannel, text: 'too much', blocks })).rejects.toThrow(/invalid_blocks/);

    const { problems } = workspace.snapshot();
    expect(problems).toEqual([{ at: expect.any(Number), method: 'chat.postMessage', error: 'invalid_blocks', messages: ['[ERROR] must be less than 51 items [json-pointer:/blocks]'] }]);
    expect(versions.length).toBeGreaterThan(0);
  });

  it('marks channels the bot created apart from the ones set up, and archived ones', async () => {
    const created = await client.conversations.create({ name: 'cmp-1-late-parcel' });
    await client.conversations.archive({ channel: created.channel?.id ?? '' });

    const channels = workspace.snapshot().channels.map(({ name, createdByBot, isArchived }) => ({ name, createdByBot, isArchived }));
    expect(channels).toEqual([
      { name: 'customer-team', createdByBot: false, isArchived: false },
      { name: 'cmp-1-late-parcel', createdByBot: true, isArchived: true },
    ]);
  });

  it('posts plain text as the person, and shows the bot’s edits', async () => {
    await workspace.post({ userId: ALICE.id, channelId: teamChannel, text: 'The customer called again' });
    const posted = await client.chat.postMessage({ channel: teamChannel, text: 'card' });
    await client.chat.update({ channel: teamChannel, ts: posted.ts ?? '', text: 'card, updated' });

    expect(workspace.snapshot().messages[teamChannel]).toMatchObject([
      { user: ALICE.id, text: 'The customer called again', edits: 0 },
      { user: slack.botUserId, text: 'card, updated', edits: 1 },
    ]);
  });

  it('refuses, in plain words, what Slack would not send the bot', async () => {
    const archived = slack.createChannel({ name: 'cmp-2-old', members: [ALICE.id], isArchived: true }).id;

    await expect(workspace.post({ userId: ALICE.id, channelId: teamChannel, text: '/giphy cats' })).rejects.toThrow(new SandboxRefusal('Only /complaint is installed in this sandbox, not /giphy.'));
    await expect(workspace.post({ userId: ALICE.id, channelId: archived, text: 'hello?' })).rejects.toThrow(/archived/);
    await expect(workspace.post({ userId: 'U0NOBODY1', channelId: teamChannel, text: 'hi' })).rejects.toThrow(/Nobody called U0NOBODY1/);
    await expect(workspace.submit({ userId: ALICE.id, viewId: 'V0GONE', values: {} })).rejects.toThrow(/no longer open/);
  });
  it('shows an acknowledgement Slack would refuse to display as a problem, and shows nothing of it', async () => {
    // A stand-in for the app: it answers every slash command in its acknowledgement with 51 blocks.
    const app = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ response_type: 'ephemeral', text: 'help', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }));
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    try {
      const answering = new SandboxWorkspace({ slack, botUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}`, signingSecret: 'secret', people: [ALICE], botName: 'Anthill' });
      await answering.command({ userId: ALICE.id, channelId: teamChannel, line: '/complaint help' });
      expect(answering.snapshot().problems).toEqual([
        { at: expect.any(Number), method: 'slash command acknowledgement', error: 'invalid_blocks', messages: ['[ERROR] must be less than 51 items [json-pointer:/blocks]'] },
      ]);
      expect(slack.ephemerals(ALICE.id)).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => app.close(() => resolve()));
    }
  });
});
