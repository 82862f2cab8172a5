import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, slackLogger } from '../src/logger.js';

function capture(level: string) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

describe('slackLogger', () => {
  it('passes Bolt messages on at or above the level, and builds nothing below it', () => {
    const { logger, lines } = capture('info');
    const bolt = slackLogger(logger);
    let built = 0;
    const expensive = { toString: () => `built ${++built}` };
    bolt.debug('ignored', expensive);
    expect(built).toBe(0);
    bolt.warn('careful', expensive);
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['careful built 1']);
  });
});

describe('createLogger', () => {
  it('redacts tokens and authorization headers', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', destination);
    logger.info({ token: 'xoxb-secret-1', request: { headers: { authorization: 'Bearer xoxb-secret-2' } } }, 'calling Slack');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('xoxb-secret');
    expect(lines[0]).toContain('[redacted]');
  });
});
