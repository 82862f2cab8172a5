import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadPolicy } from '../../src/config/load-policy.js';

const fixturePath = fileURLToPath(new URL('../fixtures/anthill.test.yml', import.meta.url));

function failingRead(code: string) {
  return async (): Promise<string> => {
    throw Object.assign(new Error(`${code}: something went wrong`), { code });
  };
}

describe('loadPolicy', () => {
  it('reads and parses the file from disk', async () => {
    const policy = await loadPolicy(fixturePath);
    expect(policy.teamChannel).toBe('C0TEAM0001');
  });

  it('names the variable and the path when the file is missing', async () => {
    const error = await loadPolicy('./anthill.yml', failingRead('ENOENT')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('ANTHILL_CONFIG: cannot read ./anthill.yml (no such file)');
  });

  it('says so when the real file system has no such file', async () => {
    await expect(loadPolicy('./no-such-dir/anthill.yml')).rejects.toThrow(
      'ANTHILL_CONFIG: cannot read ./no-such-dir/anthill.yml (no such file)',
    );
  });

  it('explains other read failures', async () => {
    await expect(loadPolicy('/etc/anthill.yml', failingRead('EACCES'))).rejects.toThrow(
      'ANTHILL_CONFIG: cannot read /etc/anthill.yml (permission denied)',
    );
    await expect(loadPolicy('/etc/anthill.yml', failingRead('EIO'))).rejects.toThrow(
      'ANTHILL_CONFIG: cannot read /etc/anthill.yml (EIO)',
    );
  });

  it('names the file in a YAML syntax error', async () => {
    await expect(loadPolicy('config/prod.yml', async () => 'a: [\n\tb: 1\n')).rejects.toThrow(
      /^config\/prod\.yml: YAML syntax error at line \d+: /,
    );
  });
});

describe('loadConfig', () => {
  it('loads the policy named by ANTHILL_CONFIG', async () => {
    const read: string[] = [];
    const text = readFileSync(fixturePath, 'utf8');
    const config = await loadConfig(
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', ANTHILL_CONFIG: '/srv/policy.yml' },
      async (path) => {
        read.push(path);
        return text;
      },
    );
    expect(read).toEqual(['/srv/policy.yml']);
    expect(config.environment.configPath).toBe('/srv/policy.yml');
    expect(config.policy.categories).toHaveLength(2);
  });

  it('checks the environment before reading the policy', async () => {
    const read: string[] = [];
    await expect(
      loadConfig({}, async (path) => {
        read.push(path);
        return '';
      }),
    ).rejects.toThrow('SLACK_BOT_TOKEN: required (the bot token xoxb-…)');
    expect(read).toEqual([]);
  });
});

describe('ConfigError', () => {
  it('carries the code and keeps its message on one line', () => {
    const error = new ConfigError('anthill.yml: YAML syntax error at line 2: Bad thing\n\n  c: [\n  ^\n');
    expect(error.code).toBe('config_invalid');
    expect(error.message).toBe('anthill.yml: YAML syntax error at line 2: Bad thing c: [ ^');
    expect(error).toBeInstanceOf(Error);
  });
});
