import { ConfigError } from './config-error.js';

export const ROLES = ['all', 'web', 'worker'] as const;
/** Which half of Anthill this process runs: Slack requests (`web`), jobs (`worker`) or both. */
export type Role = (typeof ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Secrets and infrastructure, read once at start-up from the process environment. */
export interface Environment {
  readonly slackBotToken: string;
  /** Verifies Slack's HTTP requests; always set in HTTP mode, may be unset in Socket Mode. */
  readonly slackSigningSecret: string | undefined;
  /** When set, Socket Mode is used instead of HTTP. */
  readonly slackAppToken: string | undefined;
  /** Base URL of the Slack Web API, always ending with `/`. */
  readonly slackApiUrl: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** 0 lets the system pick a free port (used by tests). */
  readonly port: number;
  readonly configPath: string;
  readonly role: Role;
  readonly logLevel: LogLevel;
  /** `slack`: pace the bot's Web API calls to Slack's published limits, shared in Redis; `off`: no pacing (tests, a fake Slack). */
  readonly slackPacing: SlackPacing;
  /** When set, `GET /metrics` answers only requests with `Authorization: Bearer <token>`. */
  readonly metricsToken: string | undefined;
}

export const SLACK_PACINGS = ['slack', 'off'] as const;
export type SlackPacing = (typeof SLACK_PACINGS)[number];

const DEFAULTS = {
  SLACK_API_URL: 'https://slack.com/api/',
  DATABASE_URL: 'postgres://localhost:5432/anthill',
  REDIS_URL: 'redis://127.0.0.1:6379',
  PORT: '3000',
  ANTHILL_CONFIG: './anthill.yml',
  ANTHILL_ROLE: 'all',
  LOG_LEVEL: 'info',
  SLACK_PACING: 'slack',
} as const;

/**
 * Validates the environment; the first problem throws a one-line {@link ConfigError}.
 *
 * @example
 * const environment = loadEnvironment(process.env);
 * environment.slackAppToken ? startSocketMode() : listen(environment.port);
 */
export function loadEnvironment(env: Record<string, string | undefined>): Environment {
  // An empty variable (`FOO=` in a .env file) means "not set".
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  const slackBotToken = read('SLACK_BOT_TOKEN');
  if (slackBotToken === undefined) throw new ConfigError('SLACK_BOT_TOKEN: required (the bot token xoxb-…)');
  if (!slackBotToken.startsWith('xoxb-')) throw new ConfigError('SLACK_BOT_TOKEN: must start with xoxb-');

  const slackAppToken = read('SLACK_APP_TOKEN');
  if (slackAppToken !== undefined && !slackAppToken.startsWith('xapp-')) {
    throw new ConfigError('SLACK_APP_TOKEN: must start with xapp- (unset it to use HTTP mode)');
  }

  const slackSigningSecret = read('SLACK_SIGNING_SECRET');
  if (slackSigningSecret === undefined && slackAppToken === undefined) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN to use Socket Mode)',
    );
  }

  const slackApiUrl = readUrl('SLACK_API_URL', read('SLACK_API_URL') ?? DEFAULTS.SLACK_API_URL, [
    'http:',
    'https:',
  ]);

  return {
    slackBotToken,
    slackSigningSecret,
    slackAppToken,
    slackApiUrl: slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/`,
    databaseUrl: readUrl('DATABASE_URL', read('DATABASE_URL') ?? DEFAULTS.DATABASE_URL, [
      'postgres:',
      'postgresql:',
    ]),
    redisUrl: readUrl('REDIS_URL', read('REDIS_URL') ?? DEFAULTS.REDIS_URL, ['redis:', 'rediss:']),
    port: readPort(read('PORT') ?? DEFAULTS.PORT),
    configPath: read('ANTHILL_CONFIG') ?? DEFAULTS.ANTHILL_CONFIG,
    role: readChoice('ANTHILL_ROLE', read('ANTHILL_ROLE') ?? DEFAULTS.ANTHILL_ROLE, ROLES),
    logLevel: readChoice('LOG_LEVEL', read('LOG_LEVEL') ?? DEFAULTS.LOG_LEVEL, LOG_LEVELS),
    slackPacing: readChoice('SLACK_PACING', read('SLACK_PACING') ?? DEFAULTS.SLACK_PACING, SLACK_PACINGS),
    metricsToken: readMetricsToken(read('METRICS_TOKEN')),
  };
}

const METRICS_TOKEN_MIN_LENGTH = 16;

/** A secret, so never echoed; short ones are refused because anyone may guess them. */
function readMetricsToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length < METRICS_TOKEN_MIN_LENGTH) throw new ConfigError(`METRICS_TOKEN: too short (at least ${METRICS_TOKEN_MIN_LENGTH} characters; unset it to leave /metrics open)`);
  if (/\s/.test(value)) throw new ConfigError('METRICS_TOKEN: must not contain spaces (it is sent as a bearer token)');
  return value;
}

/** URLs may carry a password, so only their scheme is ever echoed. */
function readUrl(name: string, value: string, schemes: readonly string[]): string {
  const expected = schemes.map((scheme) => `${scheme}//`).join(' or ');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name}: is not a URL (expected ${expected}…)`);
  }
  if (!schemes.includes(url.protocol)) {
    throw new ConfigError(`${name}: scheme "${url.protocol}" is not ${expected}`);
  }
  return value;
}

function readPort(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new ConfigError(`PORT: "${value}" is not a port number (0-65535)`);
  }
  return port;
}

function readChoice<T extends string>(name: string, value: string, choices: readonly T[]): T {
  const choice = choices.find((candidate) => candidate === value);
  if (choice === undefined) {
    throw new ConfigError(`${name}: "${value}" is not one of ${choices.join(', ')}`);
  }
  return choice;
}
