import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/config/policy-schema.js';
import type { Policy } from '../../src/config/policy.js';
import type { PeriodStats } from '../../src/db/stats-repository.js';
import { weeklyDigestMessage } from '../../src/blocks/weekly-digest.js';
import { digestWeek } from '../../src/domain/weekly-digest.js';
import { createWords } from '../../src/i18n/words.js';
import { expectMessageWithinLimits } from '../support/slack-limits.js';
import { quietWeek } from '../support/period-stats.js';

const H = 3_600_000;
const policy = { categories: [{ id: 'delivery', name: 'Late <!here> delivery', playbook: [] }] } as unknown as Pick<Policy, 'categories'>;
const digest = digestWeek('Europe/Warsaw', new Date('2026-11-16T08:00:00Z'));
const quiet: PeriodStats = quietWeek(1);
const busy: PeriodStats = { ...quiet, opened: 2, topCategories: [{ categoryId: 'delivery', count: 2 }], openedPerBucket: { bucketMs: 24 * H, counts: [1, 0, 1, 0, 0, 0, 0] } };

describe('digestWeek', () => {
  it('is last week, Monday to Monday in the zone, due Monday 09:00 local', () => {
    expect(digest.firstDay).toBe('2026-11-09');
    expect(digest.lastDay).toBe('2026-11-15');
    expect(digest.week.from.toISOString()).toBe('2026-11-08T23:00:00.000Z');
    expect(digest.week.to.toISOString()).toBe('2026-11-15T23:00:00.000Z');
    expect(digest.dueAt.toISOString()).toBe('2026-11-16T08:00:00.000Z');
    // Across the end of summer time (25 October): the week starts at +02:00 and ends at +01:00.
    const autumn = digestWeek('Europe/Warsaw', new Date('2026-10-26T12:00:00Z'));
    expect(autumn.week.from.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(autumn.week.to.toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('weeklyDigestMessage', () => {
  for (const language of ['en', 'pl', 'sv', 'ru'] as Language[]) {
    it(`names the week and stays within Slack's limits, mentioning nobody (${language})`, () => {
      const words = createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
      for (const current of [quiet, busy]) {
        const message = weeklyDigestMessage(words, digest, { current, previous: quiet, policy });
        expectMessageWithinLimits(message);
        expect(message.text).toContain(words.day('2026-11-09'));
        expect(message.text).toContain(words.day('2026-11-15'));
        expect(JSON.stringify(message)).not.toMatch(/<!here>|<!channel>|<@U/);
      }
      expect(JSON.stringify(weeklyDigestMessage(words, digest, { current: quiet, previous: quiet, policy }).blocks)).toContain(words.t('digest.empty').slice(0, 20));
    });
  }

  it('writes the English title and the kind line of a quiet week', () => {
    const words = createWords({ language: 'en', timeZone: 'Europe/Warsaw', currency: 'PLN' });
    const message = weeklyDigestMessage(words, digest, { current: quiet, previous: quiet, policy });
    expect(message.text).toBe('Weekly complaint digest for the week of Mon, 9 Nov 2026 – Sun, 15 Nov 2026');
    expect((message.blocks as Array<{ text?: { text: string } }>).map((block) => block.text?.text)).toEqual([
      ':calendar: *Weekly complaint digest* for the week of Mon, 9 Nov 2026 – Sun, 15 Nov 2026\nOpen now (not yet resolved): 1',
      ':sunny: A quiet week: no complaint was opened, answered, resolved or closed. Thank you all, and have a good week!',
    ]);
  });
});
