import { describe, expect, it } from 'vitest';
import { caseChannelName, MAX_CHANNEL_NAME_LENGTH, slugify } from '../../src/domain/channel-name.js';

describe('caseChannelName', () => {
  it.each([
    [1, 'Broken washer', 1, 'cmp-1-broken-washer'],
    [42, 'Zepsuta pralka — łożysko!', 1, 'cmp-42-zepsuta-pralka-lozysko'],
    [7, 'Ça coûte TROP cher?!', 1, 'cmp-7-ca-coute-trop-cher'],
    [3, '   ', 1, 'cmp-3'],
    [3, '<!channel> @here', 1, 'cmp-3-channel-here'],
    [9, 'Late delivery', 2, 'cmp-9-late-delivery-2'],
    // Kanji are read the Chinese way by the library (no Japanese dictionary), kana as kana: still a readable name.
    [9, '日本語だけ', 1, 'cmp-9-ri-ben-yu-dake'],
  ])('case %i "%s" attempt %i → %s', (number, summary, attempt, expected) => {
    expect(caseChannelName(number, summary, attempt)).toBe(expected);
  });

  it('stays within 80 characters, suffix included, without a trailing hyphen', () => {
    const summary = 'word '.repeat(60);
    for (const attempt of [1, 2, 13]) {
      const name = caseChannelName(123456, summary, attempt);
      expect(name.length).toBeLessThanOrEqual(MAX_CHANNEL_NAME_LENGTH);
      expect(name).toMatch(/^[a-z0-9-]+$/);
      expect(name).not.toMatch(/--|-$/);
      if (attempt > 1) expect(name.endsWith(`-${attempt}`)).toBe(true);
    }
  });

  it('slugify keeps only a-z 0-9 and single hyphens', () => {
    expect(slugify('--Hello__World!!  2026--')).toBe('hello-world-2026');
  });
});

describe('channel names in every script', () => {
  it.each([
    ['Посылка пришла повреждённой', 'cmp-12-posylka-prishla-povrezhdyonnoy'],
    ['Trasig leverans från Göteborg', 'cmp-12-trasig-leverans-fran-goteborg'],
    ['Żółć gęślą jaźń', 'cmp-12-zolc-gesla-jazn'],
    ['Ґанок і їжак', 'cmp-12-ganok-i-yizhak'],
    ['Καλημέρα κόσμε', 'cmp-12-kalimera-kosme'],
    ['包裹损坏了', 'cmp-12-bao-guo-sun-pi-liao'],
    ['📦💥', 'cmp-12'],
    ['', 'cmp-12'],
  ])('"%s" → %s', (summary, expected) => {
    expect(caseChannelName(12, summary)).toBe(expected);
  });

  it('long Cyrillic text stays within 80 characters and Slack\'s character rules', () => {
    const name = caseChannelName(123456, 'Жалоба на доставку, посылка пришла повреждённой, '.repeat(20), 17);
    expect(name.length).toBeLessThanOrEqual(MAX_CHANNEL_NAME_LENGTH);
    expect(name).toMatch(/^cmp-123456-[a-z0-9-]+-17$/);
    expect(name).not.toMatch(/--/);
  });
});

