import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';

/** JSON logs on stdout (or `destination`); secrets are redacted wherever they might appear. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'anthill' },
    redact: {
      paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'config.headers.Authorization', '*.config.headers.Authorization'],
      censor: '[redacted]',
    },
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

/** Bolt's logger interface, writing through our logger. */
export function slackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'bolt' });
  let level = SLACK_LEVELS[logger.level] ?? LogLevel.INFO;
  const text = (args: unknown[]): string => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  // Bolt logs several debug lines per request: build them only when someone reads them.
  const at = (name: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    if (child.isLevelEnabled(name)) child[name](text(args));
  };
  return {
    debug: at('debug'),
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
