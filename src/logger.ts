import { pino, type Logger } from 'pino';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';

/** JSON logs on stdout; secrets are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'anthill' },
    redact: {
      paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'config.headers.Authorization', '*.config.headers.Authorization'],
      censor: '[redacted]',
    },
  });
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

/** Bolt's logger interface, writing through our logger. */
export function slackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'bolt' });
  let level = SLACK_LEVELS[logger.level] ?? LogLevel.INFO;
  const text = (args: unknown[]): string => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  return {
    debug: (...args) => child.debug(text(args)),
    info: (...args) => child.info(text(args)),
    warn: (...args) => child.warn(text(args)),
    error: (...args) => child.error(text(args)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
