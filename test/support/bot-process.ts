/**
 * The real bot in a process of its own, for benchmarks: the fake Slack and the measuring
 * stay in the benchmark's process, so their work is never charged to the bot. Started by
 * the harness (`botProcess: true`) with its settings as JSON in argv[2]; it prints
 * `ready <port>` once it listens and takes jobs, and stops gracefully on SIGTERM.
 */
import { startAnthill } from '../../src/anthill.js';
import { loadEnvironment } from '../../src/config/environment.js';
import { createLogger } from '../../src/logger.js';
import type { WorkerSettings } from '../../src/jobs/worker.js';
import { testPolicy } from './anthill-harness.js';

export interface BotProcessSettings {
  readonly environment: Record<string, string>;
  readonly queuePrefix: string;
  readonly worker: Partial<Pick<WorkerSettings, 'concurrency' | 'retryBaseMs' | 'retryMaxMs'>>;
  readonly jobAttempts: number;
  readonly secrets: readonly string[];
}

const settings = JSON.parse(process.argv[2] ?? '{}') as BotProcessSettings;
const running = await startAnthill({
  environment: loadEnvironment(settings.environment),
  policy: await testPolicy(),
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
