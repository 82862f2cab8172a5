import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZERO_WIDTH_JOINER, escapeMrkdwn, fitText, quoteUserText, type TextKind } from '../../src/blocks/plain-text.js';
import { brokenMrkdwn, brokenText, hostileText, propertyRuns } from '../support/hostile-text.js';

const ZWJ = ZERO_WIDTH_JOINER;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

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

  it('breaks words that start like a broadcast too, since a cut could leave the broadcast', () => {
    expect(escapeMrkdwn('@heresy and @channels and mail@example.com')).toBe(`@${ZWJ}heresy and @${ZWJ}channels and mail@example.com`);
    expect(fitText('@heresy', 7, 'mrkdwn')).toBe(`@${ZWJ}here…`);
  });

  it('keeps bold, italic and code as typed', () => {
    expect(escapeMrkdwn('*late* _again_ `x`')).toBe('*late* _again_ `x`');
  });
});

describe('fitText', () => {
  it('escapes mrkdwn and leaves plain_text and markup as they are', () => {
    expect(fitText('Tom & Jerry <3', 100, 'mrkdwn')).toBe('Tom &amp; Jerry &lt;3');
    expect(fitText('Tom & Jerry <3', 100, 'plain_text')).toBe('Tom & Jerry <3');
    expect(fitText('*Owner* <@U0AAA0001>', 100, 'markup')).toBe('*Owner* <@U0AAA0001>');
  });

  it('escapes first and cuts the escaped text, so the limit holds for what Slack receives', () => {
    const cut = fitText('<'.repeat(100), 250, 'mrkdwn');
    expect(cut.length).toBeLessThanOrEqual(250);
    expect(cut).toBe(`${'&lt;'.repeat(62)}…`);
  });

  it('cuts with an ellipsis, never leaving a space before it', () => {
    expect(fitText('Parcel arrived broken', 10, 'plain_text')).toBe('Parcel ar…');
    expect(fitText('Parcel arrived broken', 8, 'plain_text')).toBe('Parcel…');
  });

  it.each<[string, number, string]>([
    ['a&b', 4, 'a…'],
    ['a&b', 5, 'a…'],
    ['a&b', 6, 'a…'],
    ['a&bc', 7, 'a&amp;…'],
    ['xx<yy', 5, 'xx…'],
    ['xx>yyy', 7, 'xx&gt;…'],
  ])('never splits an entity: fitText(%j, %i)', (text, max, expected) => {
    expect(fitText(text, max, 'mrkdwn')).toBe(expected);
  });

  it.each<[string, string, number, string]>([
    ['a surrogate pair', 'ab😀cd', 4, 'ab…'],
    ['a letter and its combining mark', 'abe\u0301cd', 4, 'ab…'],
    ['a skin-toned emoji', 'ab👍🏽cd', 5, 'ab…'],
    ['a ZWJ family', 'ab👨‍👩‍👧cd', 9, 'ab…'],
    ['a flag', 'ab🇵🇱cd', 6, 'ab…'],
    ['Hebrew with its dagesh', 'אבּג', 3, 'א…'],
  ])('never splits %s', (_what, text, max, expected) => {
    expect(fitText(text, max, 'plain_text')).toBe(expected);
  });

  it('never cuts inside one of our mentions in markup', () => {
    expect(fitText('Owner: <@U0AAA0001> and more', 15, 'markup')).toBe('Owner:…');
    expect(fitText('<#C0CASE042> is the channel', 10, 'markup')).toBe('…');
  });

  it('replaces an unpaired surrogate instead of sending it', () => {
    expect(fitText('a\uD83Db', 10, 'plain_text')).toBe('a\uFFFDb');
  });

  it('handles tiny limits', () => {
    expect(fitText('abc', 1, 'plain_text')).toBe('…');
    expect(fitText('abc', 0, 'plain_text')).toBe('');
  });

  const kinds: TextKind[] = ['mrkdwn', 'plain_text', 'markup'];
  const boundariesOf = (text: string): Set<number> => new Set([0, ...Array.from(graphemes.segment(text), (s) => s.index + s.segment.length)]);

  it('keeps every limit and cuts only at a whole grapheme, for any text', () => {
    fc.assert(
      fc.property(hostileText(), fc.integer({ min: 0, max: 12_000 }), fc.constantFrom(...kinds), (text, max, kind) => {
        const fitted = fitText(text, max, kind);
        expect(fitted.length).toBeLessThanOrEqual(max);
        const safe = kind === 'mrkdwn' ? escapeMrkdwn(text) : text;
        if (safe.length <= max) {
          expect(fitted).toBe(safe);
          return;
        }
        if (max === 0) return;
        expect(fitted.endsWith('…')).toBe(true);
        const kept = fitted.slice(0, -1);
        expect(safe.startsWith(kept)).toBe(true);
        // Segmenting a little past the cut is enough to know whether it is a grapheme boundary.
        expect(boundariesOf(safe.slice(0, kept.length + 32)).has(kept.length)).toBe(true);
        expect(brokenText(fitted)).toEqual([]);
        if (kind === 'mrkdwn') expect(brokenMrkdwn(fitted)).toEqual([]);
      }),
      propertyRuns(300),
    );
  });
});

describe('quoteUserText', () => {
  it('quotes every line and escapes it', () => {
    expect(quoteUserText('Box was wet\n<!here> help', 3000)).toBe('>Box was wet\n>&lt;!here&gt; help');
  });

  it('stays within the limit', () => {
    expect(quoteUserText('a\n'.repeat(3000), 100).length).toBeLessThanOrEqual(100);
  });

  it('stays within the limit and whole for any text', () => {
    fc.assert(
      fc.property(hostileText(), fc.integer({ min: 1, max: 3000 }), (text, max) => {
        const quoted = quoteUserText(text, max);
        expect(quoted.length).toBeLessThanOrEqual(max);
        expect(brokenMrkdwn(quoted)).toEqual([]);
      }),
      propertyRuns(200),
    );
  });
});
