import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import { safeError, safeLogFields, scrubSecrets } from './log-safety.js';

/**
 * JSON logs on stdout (or `destination`). Errors, at any depth of any field, are logged
 * as {@link safeError} keeps them; requests, responses, configs and bodies are dropped;
 * `secrets` (and anything shaped like a Slack token) are blanked in every finished line.
 *
 * @example
 * const logger = createLogger('info', undefined, [env.slackBotToken, env.slackSigningSecret]);
 * logger.warn({ caseNumber: 42, err }, 'job failed; will retry');
 */
export function createLogger(level: string, destination?: DestinationStream, secrets: readonly (string | undefined)[] = []): Logger {
  const known = secrets.filter((secret): secret is string => typeof secret === 'string');
  const options: LoggerOptions = {
    level,
    base: { service: 'anthill' },
    formatters: { log: safeLogFields, bindings: safeLogFields },
    // formatters.log has made `err` safe already; pino's own serializer would copy it whole again.
    serializers: { err: (value: unknown) => (value instanceof Error ? safeError(value) : value) },
    hooks: { streamWrite: (line) => scrubSecrets(line, known) },
  };
  return destination ? pino(options, destination) : pino(options);
}

const SLACK_LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/**
 * The logger interface of Bolt and `@slack/web-api`, writing through our logger as
 * `component` (`bolt`, `web-api`). Their debug lines are dropped: they dump whole request
 * and response bodies (Slack's payloads, what people typed, customer details). An Error
 * argument is logged as `err`, through the same error serializer as ours.
 *
 * @example
 * new WebClient(token, { logger: slackLogger(logger, 'web-api') });
 */
export function slackLogger(logger: Logger, component = 'bolt'): SlackLogger {
  const child = logger.child({ component });
  let level = SLACK_LEVELS[logger.level] ?? LogLevel.INFO;
  const at = (name: 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    // Built only when someone reads them.
    if (!child.isLevelEnabled(name)) return;
    const text = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
    const err = args.find((a) => a instanceof Error);
    if (err) child[name]({ err }, text);
    else child[name](text);
  };
  return {
    debug: () => undefined,
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
