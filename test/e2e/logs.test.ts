import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAnthill } from '../../src/anthill.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { loadEnvironment } from '../../src/config/environment.js';
import { REDIS_URL, SIGNING_SECRET, policyPeople, startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import { FAKE_WORKSPACE } from '../../fake-slack/defaults.js';
import { intakeValues } from '../support/intake-values.js';
import { captureLog, findLeaks, type CapturedLog } from '../support/log-capture.js';
import { createTestDatabase } from '../support/test-database.js';

// The issue: secrets and customer data never reach a log, through every path that logs
// errors: job failures, listeners, Bolt's own logger, start-up.

const REPORTER = 'U0REP0001';
const TEAM_CHANNEL = 'C0TEAM0001';
const CUSTOMER = { name: 'Jane Kowalska', contact: 'jane.kowalska@example.com' };
const SUMMARY = `Jane Kowalska charged twice, wants a refund to jane.kowalska@example.com`;
const MUST_NOT_LEAK = [FAKE_WORKSPACE.token, SIGNING_SECRET, SUMMARY, CUSTOMER.contact, 'kowalska', 'fake-verification-token'];

interface LoggedLine {
  level: number;
  msg: string;
  component?: string;
  caseNumber?: number;
  err?: { code?: string; statusCode?: number; retryAfter?: number; original?: { code?: string } };
}

/** A local port nothing listens on. */
async function closedLocalPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function expectNothingLeaked(log: CapturedLog): void {
  const text = log.text();
  expect(findLeaks(text, MUST_NOT_LEAK)).toEqual([]);
  expect(text).not.toMatch(/bearer|authorization|x-www-form-urlencoded/i);
}

let log: CapturedLog;
let h: Harness;

beforeAll(async () => {
  // Debug: the level at which Bolt and the SDK would dump whole payloads.
  log = captureLog('debug', [FAKE_WORKSPACE.token, SIGNING_SECRET]);
  h = await startHarness({ logger: log.logger, users: [REPORTER] });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002', 'U0AAA0001']);
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.slack.reset();
  // A reset workspace knows nobody: the policy's people and the reporter again.
  h.slack.addUsers([...policyPeople(h.policy), REPORTER]);
  h.slack.createChannel({ name: 'customer-team', id: TEAM_CHANNEL, botIsMember: true });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002', 'U0AAA0001']);
});

describe('logs of a failing job', () => {
  it('a dropped connection, a 500 and a 429 are each logged with the case number, the failure, and nothing of the request', async () => {
    h.slack.failNext('conversations.create', { networkError: true });
    h.slack.failNext('conversations.create', { status: 500 });
    h.slack.failNext('conversations.create', { status: 429, retryAfter: 1 });
    // The announcement carries the summary, the customer's details with it.
    h.slack.failNext('chat.postMessage', { networkError: true });
    const response = await h.requests.viewSubmission({
      userId: REPORTER,
      callbackId: INTAKE_CALLBACK_ID,
      values: intakeValues({ summary: SUMMARY, customerName: CUSTOMER.name, customerContact: CUSTOMER.contact, description: SUMMARY }),
    });
    expect(response.status).toBe(200);
    const kase = await h.database.db.selectFrom('cases').select('number').where('summary', '=', SUMMARY).executeTakeFirstOrThrow();
    await h.slack.waitFor(() => h.slack.messages(TEAM_CHANNEL)[0]);

    const entries = log.entries() as unknown as LoggedLine[];
    const retries = entries.filter((e) => e.msg === 'job failed; will retry');
    expect(retries.map((e) => [e.caseNumber, e.err?.code, e.err?.original?.code ?? e.err?.statusCode ?? e.err?.retryAfter])).toEqual([
      [kase.number, 'slack_webapi_request_error', 'ECONNRESET'],
      [kase.number, 'slack_webapi_http_error', 500],
      [kase.number, 'slack_webapi_rate_limited_error', 1],
      [kase.number, 'slack_webapi_request_error', 'ECONNRESET'],
    ]);
    // The SDK's own warning goes through our logger, not its console logger.
    expect(entries).toContainEqual(expect.objectContaining({ component: 'web-api', level: 40, msg: 'http request failed socket hang up' }));
    expectNothingLeaked(log);
  });
});

describe('logs of a failing listener', () => {
  it('a reply that cannot be delivered is logged by the listener and by app.error, with nothing of the reply', async () => {
    const opened = await h.requests.viewSubmission({
      userId: REPORTER,
      callbackId: INTAKE_CALLBACK_ID,
      values: intakeValues({ summary: `${SUMMARY} (again)`, customerName: CUSTOMER.name, customerContact: CUSTOMER.contact }),
    });
    expect(opened.status).toBe(200);
    const kase = await h.database.db.selectFrom('cases').select('number').where('summary', '=', `${SUMMARY} (again)`).executeTakeFirstOrThrow();
    const closedPort = await closedLocalPort();
    // The reply to `show` carries the summary: Bolt's respond() fails with the whole request on its error.
    const command = await h.requests.slashCommand({ userId: REPORTER, channelId: TEAM_CHANNEL, text: `show #${kase.number}`, responseUrl: `http://127.0.0.1:${closedPort}/response` });
    expect(command.status).toBe(200);

    const refused = expect.objectContaining({ code: 'ECONNREFUSED' });
    await h.slack.waitFor(() => (log.entries() as unknown as LoggedLine[]).find((e) => e.msg === 'unhandled error in a Slack listener'));
    const entries = log.entries() as unknown as LoggedLine[];
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'complaint command failed', caseNumber: kase.number, err: refused }));
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'unhandled error in a Slack listener', err: refused }));
    expectNothingLeaked(log);
  });
});

describe("logs of Bolt's own logger", () => {
  it("a form Slack failed to open once is retried by Bolt's client; its warning reaches our log, its debug dumps of the command do not", async () => {
    h.slack.failNext('views.open', { networkError: true });
    const command = await h.requests.slashCommand({ userId: REPORTER, channelId: TEAM_CHANNEL, text: `new ${SUMMARY}` });
    expect(command.status).toBe(200);
    // Bolt's client retries after a second or two: the form opens, or the trigger has expired by then.
    await h.slack.waitFor(
      () => h.slack.views().find((v) => v.trigger_id === command.triggerId) ?? log.entries().find((e) => e.msg === 'could not open the intake form'),
    );

    expect(log.entries()).toContainEqual(expect.objectContaining({ component: 'bolt', level: 40, msg: 'http request failed socket hang up' }));
    expectNothingLeaked(log);
  });
});

describe('logs at start-up', () => {
  it("Bolt's client gives up on a form Slack keeps refusing after two quick retries, and the person is told", async () => {
    h.slack.failNext('views.open', { status: 503, times: 10 });
    const before = h.slack.calls('views.open').length;
    const sent = await h.requests.slashCommand({ userId: REPORTER, channelId: 'C0SOMEWHERE', text: '' });
    const reply = await h.catcher.waitFor(() => h.catcher.posts(sent.responseUrl)[0], 10_000);
    expect(JSON.stringify(reply.body)).toContain('could not be opened');
    expect(h.slack.calls('views.open').length - before).toBe(3);
  });

  it('a Slack API that cannot be reached fails start-up with a message that names the failure and carries no secret', async () => {
    const port = await closedLocalPort();
    const database = await createTestDatabase({ migrate: false });
    const startup = captureLog('debug', [FAKE_WORKSPACE.token, SIGNING_SECRET]);
    try {
      const environment = loadEnvironment({
        SLACK_BOT_TOKEN: FAKE_WORKSPACE.token,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
        DATABASE_URL: database.url,
        REDIS_URL,
        PORT: '0',
      });
      const failure = await startAnthill({ environment, policy: await testPolicy(), logger: startup.logger, queuePrefix: `anthill-logs-${port}` }).then(
        () => undefined,
        (error: unknown) => error as Error,
      );
      expect(failure?.message).toBe(`A request error occurred: connect ECONNREFUSED 127.0.0.1:${port}`);
      expect(startup.entries()).toContainEqual(expect.objectContaining({ component: 'web-api', level: 40, msg: `http request failed connect ECONNREFUSED 127.0.0.1:${port}` }));
      expectNothingLeaked(startup);
    } finally {
      await database.drop();
    }
  });
});
