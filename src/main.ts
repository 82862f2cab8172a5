import { ConfigError } from './config/config-error.js';
import { loadConfig } from './config/load-config.js';
import { startAnthill } from './anthill.js';
import { scrubSecrets } from './log-safety.js';
import { createLogger } from './logger.js';

/** The configured secrets, blanked in the logs and in the start-up failure line. */
let secrets: string[] = [];

/** Entry point: configuration, then the roles ANTHILL_ROLE asks for, until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = await loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`anthill: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { environment } = config;
  secrets = [environment.slackBotToken, environment.slackSigningSecret, environment.slackAppToken, environment.metricsToken].filter((s): s is string => s !== undefined);
  const logger = createLogger(environment.logLevel, undefined, secrets);
  // The signal handlers go in while start-up runs: a SIGTERM once /healthz answers but
  // before reconciliation ends would otherwise kill the process uncleanly.
  const starting = startAnthill({ ...config, logger });
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    starting
      .then((running) => running.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  await starting;
}

main().catch((error: unknown) => {
  // Only the message, on one line: the error itself may carry a whole HTTP request.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`anthill: could not start: ${scrubSecrets(message.replace(/\s+/g, ' '), secrets)}\n`);
  process.exit(1);
});
