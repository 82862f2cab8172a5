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
    [9, '日本語だけ', 1, 'cmp-9'],
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
