import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/config/policy-schema.js';
import type { Policy } from '../../src/config/policy.js';
import type { PeriodStats } from '../../src/db/stats-repository.js';
import { statsMessage } from '../../src/blocks/stats.js';
import { createWords, type Words } from '../../src/i18n/words.js';
import { expectMessageWithinLimits } from '../support/slack-limits.js';
import { quietWeek } from '../support/period-stats.js';

const H = 3_600_000;
const wordsIn = (language: Language): Words => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const policy = { categories: [{ id: 'delivery', name: 'Late <!here> delivery', playbook: [] }] } as unknown as Pick<Policy, 'categories'>;
const period = { from: new Date('2026-11-08T23:00:00Z'), to: new Date('2026-11-15T23:00:00Z') };

const empty: PeriodStats = quietWeek(2);
const current: PeriodStats = {
  ...empty,
  opened: 3,
  resolved: 3,
  closed: 2,
  firstResponse: { count: 4, medianMs: 3 * H, p90Ms: 12.4 * H },
  resolution: { count: 3, medianMs: 8 * H, p90Ms: 14.4 * H },
  deadlines: { firstResponse: { due: 3, breached: 1 }, resolution: { due: 5, breached: 1 } },
  compensation: { totalMinor: 15_000, count: 2, byKind: [{ kind: 'refund', totalMinor: 10_000, count: 1 }, { kind: 'voucher', totalMinor: 5_000, count: 1 }] },
  satisfaction: 3.5,
  topCategories: [{ categoryId: 'delivery', count: 2 }, { categoryId: 'billing', count: 1 }],
  rootCauses: [{ cause: 'delivery_partner', count: 2 }, { cause: '<@U0EVIL001>', count: 1 }],
  openedPerBucket: { bucketMs: 24 * H, counts: [2, 1, 0, 0, 0, 0, 4] },
};
const previous: PeriodStats = {
  ...empty,
  opened: 2,
  resolved: 3,
  firstResponse: { count: 2, medianMs: 4 * H, p90Ms: 5 * H },
  deadlines: { firstResponse: { due: 2, breached: 1 }, resolution: { due: 0, breached: 0 } },
  compensation: { totalMinor: 20_000, count: 1, byKind: [{ kind: 'refund', totalMinor: 20_000, count: 1 }] },
  satisfaction: 4,
};

const texts = (message: { blocks: unknown[] }): string =>
  message.blocks
    .map((block) => {
      const b = block as { text?: { text: string }; elements?: Array<{ text: string }> };
      return b.text?.text ?? b.elements?.map((e) => e.text).join(' ') ?? '';
    })
    .join('\n')
    // Intl puts no-break spaces in amounts; plain ones read better in a snapshot.
    .replace(/[\u00a0\u202f]/g, ' ');

describe('statsMessage', () => {
  it('shows each figure beside the previous period and the change, in English', () => {
    const message = statsMessage(wordsIn('en'), { period, current, previous, policy });
    expectMessageWithinLimits(message);
    expect(texts(message)).toMatchInlineSnapshot(`
      ":bar_chart: *Complaint stats* for Mon, 9 Nov 2026, 00:00 CET – Mon, 16 Nov 2026, 00:00 CET
      Open now (not yet resolved): 2
      Each figure is compared with the 7 days before (Mon, 2 Nov 2026, 00:00 CET – Mon, 9 Nov 2026, 00:00 CET).
      *Cases*
      • Opened: *3*   _before: 2, +1, +50%_
      • Resolved: *3*   _before: 3, no change_
      • Closed: *2*   _before: 0, +2_
      *Time taken, in business hours*
      • First response, median: *3 hrs*   _before: 4 hrs, -1 hr, -25%_
      • First response, 90% within: *12 hrs 24 mins*   _before: 5 hrs, +7 hrs 24 mins, +148%_
      • Resolution, median: *8 hrs*   _before: —, —_
      • Resolution, 90% within: *14 hrs 24 mins*   _before: —, —_
      *Deadlines breached*
      • First response: *33% (1 of 3)*   _before: 50% (1 of 2), -17 pp_
      • Resolution: *20% (1 of 5)*   _before: —, —_
      *Compensation approved*
      • Total: *PLN 150.00*   _before: PLN 200.00, -PLN 50.00, -25%_
      • Decisions: *2*   _before: 1, +1, +100%_
      • Refund: PLN 100.00 (1 time)
      • Voucher: PLN 50.00 (1 time)
      *Customer satisfaction*
      • Average (1-5): *3.5*   _before: 4.0, -0.5, -12%_
      *Top categories of new cases*
      • Late &lt;!here&gt; delivery: 2
      • billing: 1
      *Most frequent root causes in retro notes*
      • Delivery partner: 2
      • &lt;@U0EVIL001&gt;: 1
      *Cases opened per day*
      \`▄▂▁▁▁▁█\`  peak 4"
    `);
  });

  it('names unknown categories by id and shows no one-typed text as a ping', () => {
    const all = texts(statsMessage(wordsIn('en'), { period, current, previous, policy }));
    expect(all).not.toContain('<!here>');
    expect(all).not.toContain('<@U0EVIL001>');
    expect(all).toContain('• billing: 1');
  });

  it.each(['pl', 'sv', 'ru'] as const)('says the same in %s', (language) => {
    const message = statsMessage(wordsIn(language), { period, current, previous, policy });
    expectMessageWithinLimits(message);
    expect(texts(message)).toMatchSnapshot();
  });

  it.each(['en', 'pl', 'sv', 'ru'] as const)('says an empty period kindly in %s', (language) => {
    const message = statsMessage(wordsIn(language), { period, current: empty, previous, policy });
    expect(message.blocks).toHaveLength(2);
    expect(texts(message)).toMatchSnapshot();
  });
});
