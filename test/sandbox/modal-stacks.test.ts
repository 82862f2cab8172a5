import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient, type ModalView } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../fake-slack/index.js';
import { readBody } from '../../fake-slack/request-body.js';
import { SandboxWorkspace } from '../../sandbox/workspace.js';

/**
 * How the sandbox keeps each person's modals as Slack's client does: a view opened with the
 * trigger id of someone's click is theirs, `response_action` updates, pushes, clears or
 * shows errors, and Close pops one view (all of them with clear_on_close). A small app
 * stands in for the bot here: it opens a form on any slash command and answers each
 * submission with what the test set.
 */

const ALICE = { id: 'U0ALICE01', name: 'Alice', role: 'responder' };
const BRUNO = { id: 'U0BRUNO01', name: 'Bruno', role: 'responder' };
let slack: FakeSlack;
let app: Server;
let workspace: SandboxWorkspace;
let channelId: string;
let nextAnswer: Record<string, unknown> = {};

const form = (title: string, extra: Partial<ModalView> = {}): ModalView => ({
  type: 'modal',
  callback_id: 'form',
  title: { type: 'plain_text', text: title },
  submit: { type: 'plain_text', text: 'Send' },
  blocks: [{ type: 'input', block_id: 'summary', label: { type: 'plain_text', text: 'Summary' }, element: { type: 'plain_text_input', action_id: 'text' } }],
  ...extra,
});

beforeAll(async () => {
  slack = await FakeSlack.start();
  const client = new WebClient(slack.token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  app = createServer((request, response) => {
    void readBody(request).then(async (body) => {
      const fields = new URLSearchParams(body.toString('utf8'));
      const payload = fields.has('payload') ? (JSON.parse(fields.get('payload') ?? '{}') as { type?: string }) : undefined;
      if (payload === undefined) {
        await client.views.open({ trigger_id: fields.get('trigger_id') ?? '', view: form(fields.get('text') || 'First') });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(nextAnswer));
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
});
beforeEach(() => {
  slack.reset();
  slack.addUser(ALICE.id);
  slack.addUser(BRUNO.id);
  channelId = slack.createChannel({ name: 'customer-team', members: [ALICE.id, BRUNO.id] }).id;
  workspace = new SandboxWorkspace({
    slack,
    botUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}`,
    signingSecret: 'secret',
    people: [ALICE, BRUNO],
    botName: 'Anthill',
  });
  nextAnswer = {};
});
afterAll(async () => {
  await new Promise((resolve) => app.close(resolve));
  await slack.stop();
});

const titles = (userId: string) => (workspace.snapshot().modals[userId] ?? []).map((view) => (view.definition.title as { text: string }).text);
const topId = (userId: string) => workspace.snapshot().modals[userId]?.at(-1)?.id ?? '';

describe("the sandbox's modals", () => {
  it("shows a view only to the person whose click opened it", async () => {
    await workspace.command({ userId: ALICE.id, channelId, line: '/complaint First' });

    expect(titles(ALICE.id)).toEqual(['First']);
    expect(titles(BRUNO.id)).toEqual([]);
  });

  it('keeps the view open with the errors, then replaces it on update and stacks one on push', async () => {
    await workspace.command({ userId: ALICE.id, channelId, line: '/complaint First' });

    nextAnswer = { response_action: 'errors', errors: { summary: 'Say what went wrong.' } };
    expect(await workspace.submit({ userId: ALICE.id, viewId: topId(ALICE.id), values: {} })).toEqual({ errors: { summary: 'Say what went wrong.' } });
    expect(titles(ALICE.id)).toEqual(['First']);

    nextAnswer = { response_action: 'update', view: form('Thanks') };
    await workspace.submit({ userId: ALICE.id, viewId: topId(ALICE.id), values: {} });
    expect(titles(ALICE.id)).toEqual(['Thanks']);

    nextAnswer = { response_action: 'push', view: form('Second') };
    await workspace.submit({ userId: ALICE.id, viewId: topId(ALICE.id), values: {} });
    expect(titles(ALICE.id)).toEqual(['Thanks', 'Second']);

    nextAnswer = {};
    await workspace.submit({ userId: ALICE.id, viewId: topId(ALICE.id), values: {} });
    expect(titles(ALICE.id)).toEqual(['Thanks']);
  });

  it('closes every view on clear, and on Close of a view with clear_on_close', async () => {
    await workspace.command({ userId: ALICE.id, channelId, line: '/complaint First' });
    nextAnswer = { response_action: 'push', view: form('Second') };
    await workspace.submit({ userId: ALICE.id, viewId: topId(ALICE.id), values: {} });
    nextAnswer = { response_action: 'clear' };
    await workspace.submit({ userId: ALICE.id, viewId: topId(ALICE.id), values: {} });
    expect(titles(ALICE.id)).toEqual([]);

    await workspace.command({ userId: ALICE.id, channelId, line: '/complaint First' });
    nextAnswer = { response_action: 'push', view: form('Second', { clear_on_close: true }) };
    await workspace.submit({ userId: ALICE.id, viewId: topId(ALICE.id), values: {} });
    workspace.close({ userId: ALICE.id, viewId: topId(ALICE.id) });
    expect(titles(ALICE.id)).toEqual([]);
  });

  it('shows a pushed view that breaks a modal limit as a problem, and keeps the form', async () => {
    await workspace.command({ userId: ALICE.id, channelId, line: '/complaint First' });
    nextAnswer = { response_action: 'push', view: form('A title far longer than Slack allows') };

    await expect(workspace.submit({ userId: ALICE.id, viewId: topId(ALICE.id), values: {} })).rejects.toThrow(/Slack refused the form/);
    expect(titles(ALICE.id)).toEqual(['First']);
    expect(workspace.snapshot().problems).toMatchObject([{ method: 'view_submission response_action: push', error: 'invalid_arguments' }]);
  });
});
