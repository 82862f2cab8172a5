import { readFile as readFileFromDisk } from 'node:fs/promises';
import { ConfigError } from './config-error.js';
import { parsePolicy, type Policy } from './policy.js';

/** Reads a file as UTF-8 text; replaced in tests. */
export type ReadTextFile = (path: string) => Promise<string>;

const readUtf8: ReadTextFile = (path) => readFileFromDisk(path, 'utf8');

const READ_FAILURES: Partial<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

/**
 * Reads and validates the policy file named by `ANTHILL_CONFIG`.
 *
 * @example
 * const policy = await loadPolicy(environment.configPath);
 * // missing file: ConfigError 'ANTHILL_CONFIG: cannot read ./anthill.yml (no such file)'
 */
export async function loadPolicy(path: string, readFile: ReadTextFile = readUtf8): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const reason = (code && READ_FAILURES[code]) ?? code ?? 'unreadable';
    throw new ConfigError(`ANTHILL_CONFIG: cannot read ${path} (${reason})`);
  }
  return parsePolicy(text, path);
}
