import { loadEnvironment, type Environment } from './environment.js';
import { loadPolicy, type ReadTextFile } from './load-policy.js';
import type { Policy } from './policy.js';

export interface Config {
  readonly environment: Environment;
  readonly policy: Policy;
}

/**
 * Everything start-up needs: the environment, then the policy file it names. The first
 * problem throws a one-line ConfigError.
 *
 * @example
 * const { environment, policy } = await loadConfig(process.env);
 */
export async function loadConfig(
  env: Record<string, string | undefined>,
  readFile?: ReadTextFile,
): Promise<Config> {
  const environment = loadEnvironment(env);
  const policy = await loadPolicy(environment.configPath, readFile);
  return { environment, policy };
}
