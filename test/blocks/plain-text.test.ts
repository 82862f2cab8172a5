import { describe, expect, it } from 'vitest';
import {
  ZERO_WIDTH_JOINER,
  escapeAndTruncate,
  escapeMrkdwn,
  quoteUserText,
  truncate,
} from '../../src/blocks/plain-text.js';

const ZWJ = ZERO_WIDTH_JOINER;

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here>', '&lt;!here&gt;'],
    ['<!everyone>', '&lt;!everyone&gt;'],
    ['<@U123ABC>', '&lt;@U123ABC&gt;'],
    ['<!subteam^S0GRP0001>', '&lt;!subteam^S0GRP0001&gt;'],
    ['<#C0CASE001>', '&lt;#C0CASE001&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['<!date^1700000000^{date}|x>', '&lt;!date^1700000000^{date}|x&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['already &lt; escaped', 'already &amp;lt; escaped'],
  ])('escapes %s', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it.each([
    ['@channel look', `@${ZWJ}channel look`],
    ['hey @here!', `hey @${ZWJ}here!`],
    ['@everyone', `@${ZWJ}everyone`],
    ['@Channel shouting', `@${ZWJ}Channel shouting`],
  ])('breaks the bare broadcast word in %s', (input, expected) => {
    const escaped = escapeMrkdwn(input);
    expect(escaped).toBe(expected);
    expect(escaped).not.toMatch(/@(channel|here|everyone)\b/i);
  });

  it('leaves words that only start like a broadcast alone', () => {
    expect(escapeMrkdwn('@heresy and @channels and mail@example.com')).toBe('@heresy and @channels and mail@example.com');
  });

  it('keeps bold, italic and code as typed', () => {
    expect(escapeMrkdwn('*late* _again_ `x`')).toBe('*late* _again_ `x`');
  });

  it('leaves no raw angle bracket in the mixed attack string', () => {
    const escaped = escapeMrkdwn('<!channel> hi <@U123> <https://evil|click>');
    expect(escaped).toBe('&lt;!channel&gt; hi &lt;@U123&gt; &lt;https://evil|click&gt;');
    expect(escaped).not.toMatch(/[<>]/);
  });
});

describe('truncate', () => {
  it('returns short text unchanged', () => {
    expect(truncate('short', 5)).toBe('short');
  });

  it('cuts long text and ends it with an ellipsis within the limit', () => {
    const cut = truncate('Parcel arrived broken', 10);
    expect(cut).toBe('Parcel ar…');
    expect(cut.length).toBeLessThanOrEqual(10);
  });

  it('never splits a surrogate pair', () => {
    const text = 'ab😀cd';
    const cut = truncate(text, 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });

  it.each([
    ['a&amp;bcdef', 4],
    ['a&amp;bcdef', 5],
    ['a&amp;bcdef', 6],
    ['xx&lt;yyyy', 5],
    ['xx&gt;yyyy', 6],
  ])('never splits an entity: truncate(%s, %i)', (text, max) => {
    const cut = truncate(text, max);
    expect(cut.length).toBeLessThanOrEqual(max);
    expect(cut).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it('keeps a whole entity that fits', () => {
    expect(truncate('a&amp;bcdef', 7)).toBe('a&amp;…');
  });

  it('handles tiny limits', () => {
    expect(truncate('abc', 1)).toBe('…');
    expect(truncate('abc', 0)).toBe('');
  });
});

describe('escapeAndTruncate', () => {
  it('keeps the escaped result within the limit', () => {
    const result = escapeAndTruncate('<'.repeat(1000), 3000);
    expect(result.length).toBeLessThanOrEqual(3000);
    expect(result).not.toMatch(/</);
    expect(result).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });
});

describe('quoteUserText', () => {
  it('quotes every line and escapes it', () => {
    expect(quoteUserText('Box was wet\n<!here> help', 3000)).toBe('>Box was wet\n>&lt;!here&gt; help');
  });

  it('stays within the limit', () => {
    expect(quoteUserText('a\n'.repeat(3000), 100).length).toBeLessThanOrEqual(100);
  });
});
