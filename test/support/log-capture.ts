import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../src/logger.js';

export interface CapturedLog {
  readonly logger: Logger;
  /** Everything written so far, as the JSON lines a log collector would receive. */
  text(): string;
  /** The lines, parsed. */
  entries(): Record<string, unknown>[];
}

/**
 * Anthill's real logger, writing into memory instead of stdout.
 *
 * @example
 * const log = captureLog('debug', [token]);
 * log.logger.error({ err }, 'job failed');
 * findLeaks(log.text(), [token]); // => []
 */
export function captureLog(level = 'debug', secrets: readonly string[] = []): CapturedLog {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger(level, destination, secrets);
  return {
    logger,
    text: () => lines.join(''),
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** The forms a value takes on its way into a log: as typed, URL-encoded, form-encoded, JSON-escaped. */
export function encodings(value: string): string[] {
  const forms = [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice('v='.length),
    JSON.stringify(value).slice(1, -1),
    JSON.stringify(JSON.stringify(value)).slice(2, -2),
  ];
  return [...new Set(forms.map((form) => form.toLowerCase()))];
}

/** The values found in `text` in any of their encodings (case-insensitively), for `expect(...).toEqual([])`. */
export function findLeaks(text: string, values: readonly string[]): string[] {
  const haystack = text.toLowerCase();
  return values.filter((value) => encodings(value).some((form) => haystack.includes(form)));
}
