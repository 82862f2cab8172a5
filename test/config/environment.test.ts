import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadEnvironment } from '../../src/config/environment.js';

const BOT_TOKEN = 'xoxb-1111-2222-sEcReTbOtToKeN';
const SIGNING_SECRET = 'sIgNiNgSeCrEt0123456789';
const APP_TOKEN = 'xapp-1-A111-2222-sEcReTaPpToKeN';

const httpMode = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET };

/** The ConfigError `loadEnvironment` throws for `env`. */
function errorFor(env: Record<string, string | undefined>): ConfigError {
  try {
    loadEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected loadEnvironment to throw');
}

describe('loadEnvironment', () => {
  it('fills in the defaults of SPEC', () => {
    expect(loadEnvironment(httpMode)).toEqual({
      slackBotToken: BOT_TOKEN,
      slackSigningSecret: SIGNING_SECRET,
      slackAppToken: undefined,
      slackApiUrl: 'https://slack.com/api/',
      databaseUrl: 'postgres://localhost:5432/anthill',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      configPath: './anthill.yml',
      role: 'all',
      logLevel: 'info',
      slackPacing: 'slack',
      metricsToken: undefined,
    });
  });

  it('treats empty variables as unset', () => {
    const environment = loadEnvironment({ ...httpMode, PORT: '', ANTHILL_ROLE: ' ', SLACK_APP_TOKEN: '' });
    expect(environment.port).toBe(3000);
    expect(environment.role).toBe('all');
    expect(environment.slackAppToken).toBeUndefined();
  });

  it('takes every variable that is set', () => {
    const environment = loadEnvironment({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: 'http://127.0.0.1:4010/api',
      DATABASE_URL: 'postgresql://anthill:pw@db:5432/anthill',
      REDIS_URL: 'rediss://cache:6380',
      PORT: '0',
      ANTHILL_CONFIG: '/etc/anthill/policy.yml',
      ANTHILL_ROLE: 'worker',
      LOG_LEVEL: 'debug',
      SLACK_PACING: 'off',
      METRICS_TOKEN: 'scrape-token-0123456789',
    });
    expect(environment).toEqual({
      slackBotToken: BOT_TOKEN,
      slackSigningSecret: undefined,
      slackAppToken: APP_TOKEN,
      slackApiUrl: 'http://127.0.0.1:4010/api/',
      databaseUrl: 'postgresql://anthill:pw@db:5432/anthill',
      redisUrl: 'rediss://cache:6380',
      port: 0,
      configPath: '/etc/anthill/policy.yml',
      role: 'worker',
      logLevel: 'debug',
      slackPacing: 'off',
      metricsToken: 'scrape-token-0123456789',
    });
  });

  it('keeps a Slack API URL that already ends with a slash', () => {
    expect(loadEnvironment({ ...httpMode, SLACK_API_URL: 'http://localhost:9000/api/' }).slackApiUrl).toBe(
      'http://localhost:9000/api/',
    );
  });

  describe('Slack mode', () => {
    it('requires the signing secret in HTTP mode', () => {
      expect(errorFor({ SLACK_BOT_TOKEN: BOT_TOKEN }).message).toBe(
        'SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN to use Socket Mode)',
      );
    });

    it('does not require the signing secret in Socket Mode', () => {
      const environment = loadEnvironment({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN });
      expect(environment.slackAppToken).toBe(APP_TOKEN);
      expect(environment.slackSigningSecret).toBeUndefined();
    });

    it('rejects an app token that is not xapp-', () => {
      expect(errorFor({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xoxb-wrong-kind' }).message).toBe(
        'SLACK_APP_TOKEN: must start with xapp- (unset it to use HTTP mode)',
      );
    });
  });

  describe('errors', () => {
    it.each([
      [{}, 'SLACK_BOT_TOKEN: required (the bot token xoxb-…)'],
      [{ ...httpMode, SLACK_BOT_TOKEN: 'xoxp-user-token' }, 'SLACK_BOT_TOKEN: must start with xoxb-'],
      [{ ...httpMode, PORT: 'abc' }, 'PORT: "abc" is not a port number (0-65535)'],
      [{ ...httpMode, PORT: '65536' }, 'PORT: "65536" is not a port number (0-65535)'],
      [{ ...httpMode, PORT: '-1' }, 'PORT: "-1" is not a port number (0-65535)'],
      [{ ...httpMode, PORT: '80.5' }, 'PORT: "80.5" is not a port number (0-65535)'],
      [{ ...httpMode, SLACK_API_URL: 'ftp://slack.example/' }, 'SLACK_API_URL: scheme "ftp:" is not http:// or https://'],
      [{ ...httpMode, SLACK_API_URL: 'slack.com/api' }, 'SLACK_API_URL: is not a URL (expected http:// or https://…)'],
      [{ ...httpMode, DATABASE_URL: 'mysql://db/anthill' }, 'DATABASE_URL: scheme "mysql:" is not postgres:// or postgresql://'],
      [{ ...httpMode, REDIS_URL: 'http://cache:6379' }, 'REDIS_URL: scheme "http:" is not redis:// or rediss://'],
      [{ ...httpMode, ANTHILL_ROLE: 'both' }, 'ANTHILL_ROLE: "both" is not one of all, web, worker'],
      [{ ...httpMode, LOG_LEVEL: 'verbose' }, 'LOG_LEVEL: "verbose" is not one of fatal, error, warn, info, debug, trace, silent'],
      [{ ...httpMode, SLACK_PACING: 'fast' }, 'SLACK_PACING: "fast" is not one of slack, off'],
      [{ ...httpMode, METRICS_TOKEN: 'short-sEcReT' }, 'METRICS_TOKEN: too short (at least 16 characters; unset it to leave /metrics open)'],
      [{ ...httpMode, METRICS_TOKEN: 'long enough sEcReT token' }, 'METRICS_TOKEN: must not contain spaces (it is sent as a bearer token)'],
    ])('%o → %s', (env, message) => {
      const error = errorFor(env);
      expect(error.message).toBe(message);
      expect(error.code).toBe('config_invalid');
    });

    it('never echoes a secret', () => {
      const secrets = ['sEcReTbOtToKeN', 'sEcReTaPpToKeN', 'hunter2-db-password', 'redis-pass-42', 'mEtRiCs'];
      const messages = [
        errorFor({ SLACK_BOT_TOKEN: 'xoxp-sEcReTbOtToKeN', SLACK_SIGNING_SECRET: SIGNING_SECRET }).message,
        errorFor({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xoxb-sEcReTaPpToKeN' }).message,
        errorFor({ ...httpMode, DATABASE_URL: 'mysql://root:hunter2-db-password@db/anthill' }).message,
        errorFor({ ...httpMode, DATABASE_URL: 'postgres//root:hunter2-db-password@db' }).message,
        errorFor({ ...httpMode, REDIS_URL: 'http://:redis-pass-42@cache:6379' }).message,
        errorFor({ ...httpMode, PORT: 'x' }).message,
        errorFor({ ...httpMode, METRICS_TOKEN: 'mEtRiCs-sEcReT' }).message,
        errorFor({ ...httpMode, METRICS_TOKEN: 'mEtRiCs sEcReT but long' }).message,
      ];
      for (const message of messages) {
        for (const secret of [...secrets, BOT_TOKEN, SIGNING_SECRET]) expect(message).not.toContain(secret);
      }
    });
  });
});
