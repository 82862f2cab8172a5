/**
 * The whole sandbox on given services: the fake Slack with the demo workspace, the real bot
 * (in this process, unchanged, calling the fake through SLACK_API_URL and reached only by
 * signed requests), and the page's server. `main.ts` adds the services and the CLI; the
 * browser test starts this directly on a fresh test database.
 */
import { randomBytes } from 'node:crypto';
import { startAnthill, type RunningAnthill } from '../src/anthill.js';
import { loadEnvironment } from '../src/config/environment.js';
import { parsePolicy } from '../src/config/policy.js';
import { createLogger } from '../src/logger.js';
import { FakeSlack } from '../fake-slack/index.js';
import { bundlePage } from './page-bundle.js';
import { removeQueueKeys } from './run-data.js';
import type { SandboxPerson } from './page/sandbox-api.js';
import { startWebServer } from './web-server.js';
import { SandboxWorkspace } from './workspace.js';

/** A channel of the demo workspace the sandbox creates before the bot starts. */
export interface SandboxChannelSetup {
  id: string;
  name: string;
  purpose: string;
  /** Messages already there, e.g. a customer's complaint forwarded to #support-inbox. */
  messages?: { user: string; text: string }[];
}

export interface SandboxOptions {
  databaseUrl: string;
  redisUrl: string;
  /** The policy file's text (anthill.yml). */
  policyText: string;
  people: readonly SandboxPerson[];
  channels: readonly SandboxChannelSetup[];
  /** The page's port; 0 picks a free one. */
  port?: number;
  /** The bot's log level (pino); default `warn`. Secrets are blanked as in production. */
  logLevel?: string;
}

export interface RunningSandbox {
  /** The page's address. */
  readonly url: string;
  readonly slack: FakeSlack;
  readonly anthill: RunningAnthill;
  readonly workspace: SandboxWorkspace;
  stop(): Promise<void>;
}

/** Slack says a trigger id is good for 3 seconds; the sandbox holds the bot to it. */
const TRIGGER_EXPIRY_MS = 3000;

/** The app's name in the workspace, as manifest.yml names it. */
const BOT_NAME = 'Anthill';

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const policy = parsePolicy(options.policyText);
  // First, so a broken page fails before anything is started.
  const bundle = await bundlePage();
  const slack = await FakeSlack.start();
  slack.setTriggerExpiry(TRIGGER_EXPIRY_MS);
  for (const person of options.people) {
    slack.addUser(person.id, {
      name: person.handle ?? person.name.toLowerCase(),
      real_name: person.fullName ?? person.name,
      display_name: person.name,
      is_restricted: person.guest === true,
    });
  }
  const everyone = options.people.map((person) => person.id);
  for (const channel of options.channels) {
    slack.createChannel({ id: channel.id, name: channel.name, purpose: channel.purpose, members: everyone, creator: everyone[0] ?? slack.botUserId });
    for (const message of channel.messages ?? []) slack.postAsUser(channel.id, message.user, message.text);
  }

  const signingSecret = randomBytes(24).toString('hex');
  const logger = createLogger(options.logLevel ?? 'warn', undefined, [slack.token, signingSecret]);
  // Its own queue keys, so a sandbox never takes another Anthill's jobs on a shared Redis; removed on stop.
  const queuePrefix = `anthill-sandbox-${randomBytes(4).toString('hex')}`;
  let anthill: RunningAnthill;
  try {
    anthill = await startAnthill({
      environment: loadEnvironment({
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: options.databaseUrl,
        REDIS_URL: options.redisUrl,
        PORT: '0',
        ANTHILL_ROLE: 'all',
      }),
      policy,
      logger,
      queuePrefix,
    });
  } catch (error) {
    await slack.stop();
    throw error;
  }

  const workspace = new SandboxWorkspace({
    slack,
    botUrl: `http://127.0.0.1:${anthill.port ?? 0}`,
    signingSecret,
    people: options.people,
    botName: BOT_NAME,
  });
  // Every step is tried even when one before it failed, so the fake Slack never outlives a failed stop.
  const stopBehindThePage = async (): Promise<void> => {
    try {
      await anthill.stop({ graceMs: 2000 });
    } finally {
      try {
        await removeQueueKeys(options.redisUrl, queuePrefix);
      } finally {
        await slack.stop();
      }
    }
  };
  let web: Awaited<ReturnType<typeof startWebServer>>;
  try {
    web = await startWebServer({ workspace, bundle, port: options.port ?? 0 });
  } catch (error) {
    // The page's error ("port 3030 is already in use") is the one to show, not a stopping step's.
    await stopBehindThePage().catch(() => undefined);
    throw error;
  }
  return {
    url: web.url,
    slack,
    anthill,
    workspace,
    async stop() {
      try {
        await web.stop();
      } finally {
        await stopBehindThePage();
      }
    },
  };
}
