import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../fake-slack/index.js';
import { startWebServer, type SandboxWebServer } from '../../sandbox/web-server.js';
import { SandboxWorkspace } from '../../sandbox/workspace.js';

/** The sandbox's own server against the other pages of the same browser: only its own address, only JSON. */

const ALICE = { id: 'U0ALICE01', name: 'Alice', role: 'responder' };
let slack: FakeSlack;
let web: SandboxWebServer;
let channelId: string;
let port: number;

beforeAll(async () => {
  slack = await FakeSlack.start();
  slack.addUser(ALICE.id, { real_name: ALICE.name });
  channelId = slack.createChannel({ name: 'customer-team', members: [ALICE.id] }).id;
  // No bot listens there: a plain post never reaches it.
  const workspace = new SandboxWorkspace({ slack, botUrl: 'http://127.0.0.1:9', signingSecret: 'secret', people: [ALICE], botName: 'Anthill' });
  web = await startWebServer({ workspace, bundle: { html: '<!doctype html><title>sandbox</title>', script: '', style: '' }, port: 0 });
  port = Number(new URL(web.url).port);
});
afterAll(async () => {
  await web.stop();
  await slack.stop();
});

/** One request as a browser on another page could send it, with the Host and type it chooses. */
function send(options: { method: 'GET' | 'POST'; path: string; host?: string; contentType?: string; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { host: options.host ?? `127.0.0.1:${port}` };
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
    const outgoing = request({ host: '127.0.0.1', port, method: options.method, path: options.path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const post = (text: string) => JSON.stringify({ userId: ALICE.id, channelId, text });
const texts = () => slack.messages(channelId).map((message) => message.text);

describe('the sandbox web server', () => {
  it('acts on JSON from its own page', async () => {
    const answer = await send({ method: 'POST', path: '/api/post', contentType: 'application/json', body: post('Posted from the page') });
    expect(answer.status).toBe(200);
    expect(texts()).toContain('Posted from the page');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a post another site could send without the browser asking first, and changes nothing', async () => {
    const body = post('Posted from elsewhere');
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const answer = await send({ method: 'POST', path: '/api/post', contentType, body });
      expect(answer.status, String(contentType)).toBe(415);
      expect(JSON.parse(answer.body)).toEqual({ error: 'The sandbox expects JSON.' });
    }
    expect(texts()).not.toContain('Posted from elsewhere');
  });

  it('answers only at its own address, so a page on another name cannot read the workspace', async () => {
    expect((await send({ method: 'GET', path: '/api/state' })).status).toBe(200);
    expect((await send({ method: 'GET', path: '/api/state', host: `localhost:${port}` })).status).toBe(200);
    const rebound = await send({ method: 'GET', path: '/api/state', host: `attacker.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain(ALICE.id);
    const posted = await send({ method: 'POST', path: '/api/post', host: 'attacker.example', contentType: 'application/json', body: post('Posted from elsewhere') });
    expect(posted.status).toBe(403);
    expect(texts()).not.toContain('Posted from elsewhere');
  });
});
