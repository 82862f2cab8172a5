/**
 * The real bot in a process of its own: for benchmarks (the fake Slack and the measuring
 * stay in the benchmark's process, so their work is never charged to the bot) and for tests
 * that kill a worker with SIGKILL or scrape another process. Started by the harness
 * (`startProcess`, or `botProcess: true`) with its settings as JSON in argv[2]; it prints
 * `ready <port>` once it takes jobs (the port of `/slack/events` or of a worker's `/healthz`
 * and `/metrics`), and stops gracefully on SIGTERM.
 */
import { startAnthill, type AnthillOptions } from '../../src/anthill.js';
import { loadEnvironment } from '../../src/config/environment.js';
import { parsePolicy } from '../../src/config/policy.js';
import { createLogger } from '../../src/logger.js';
import { testPolicy } from './anthill-harness.js';

export interface BotProcessSettings {
  readonly environment: Record<string, string>;
  readonly queuePrefix: string;
  readonly worker: NonNullable<AnthillOptions['worker']>;
  readonly jobAttempts: number;
  readonly secrets: readonly string[];
  /** The policy file's text, when the test changed the fixture's. */
  readonly policyText?: string;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as BotProcessSettings;
const running = await startAnthill({
  environment: loadEnvironment(settings.environment),
  policy: settings.policyText === undefined ? await testPolicy() : parsePolicy(settings.policyText),
  logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', undefined, [...settings.secrets]),
  queuePrefix: settings.queuePrefix,
  worker: settings.worker,
  jobAttempts: settings.jobAttempts,
});
process.on('SIGTERM', () => {
  running.stop({ graceMs: 5000 }).then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
process.stdout.write(`ready ${running.port ?? 0}\n`);
