import { describe, expect, it } from 'vitest';
import { formatDuration, formatMilliseconds, parseDuration } from '../../src/domain/duration.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('parseDuration', () => {
  it.each([
    ['45s', { days: 0, milliseconds: 45 * SECOND }],
    ['30m', { days: 0, milliseconds: 30 * MINUTE }],
    ['4h', { days: 0, milliseconds: 4 * HOUR }],
    ['2d', { days: 2, milliseconds: 0 }],
    ['1h30m', { days: 0, milliseconds: HOUR + 30 * MINUTE }],
    ['1d4h', { days: 1, milliseconds: 4 * HOUR }],
    ['1d2h3m4s', { days: 1, milliseconds: 2 * HOUR + 3 * MINUTE + 4 * SECOND }],
    ['0h30m', { days: 0, milliseconds: 30 * MINUTE }],
    ['  90m ', { days: 0, milliseconds: 90 * MINUTE }],
  ])('reads %j', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each(['2 hours', '90', '1m1h', '0m', '0d0h', '-1h', '', '   ', '1.5h', '1H', '1h 30m', 'h', '1h1h', '1w'])(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [{ days: 1, milliseconds: 2 * HOUR }, '1d 2h'],
    [{ days: 0, milliseconds: HOUR + 30 * MINUTE }, '1h 30m'],
    [{ days: 0, milliseconds: 45 * SECOND }, '45s'],
    [{ days: 2, milliseconds: 0 }, '2d'],
    [{ days: 0, milliseconds: 26 * HOUR }, '26h'],
    [{ days: 0, milliseconds: 0 }, '0s'],
  ])('formats %j as %s', (duration, expected) => {
    expect(formatDuration(duration)).toBe(expected);
  });

  it.each(['45s', '30m', '2d', '1h30m', '1d4h', '1d2h3m4s'])('round-trips %s through parse', (text) => {
    const parsed = parseDuration(text);
    expect(parsed).toBeDefined();
    expect(parseDuration(formatDuration(parsed!).replaceAll(' ', ''))).toEqual(parsed);
  });
});

describe('formatMilliseconds', () => {
  it.each([
    [2 * HOUR + 5 * MINUTE, '2h 5m'],
    [2 * HOUR + 5 * MINUTE + 30 * SECOND, '2h 5m'],
    [3 * 24 * HOUR + HOUR, '3d 1h'],
    [24 * HOUR + 5 * MINUTE, '1d 5m'],
    [45 * SECOND, '45s'],
    [500, '1s'],
    [0, '0s'],
    [-5 * MINUTE, '0s'],
  ])('formats %d ms as %s', (ms, expected) => {
    expect(formatMilliseconds(ms)).toBe(expected);
  });
});
