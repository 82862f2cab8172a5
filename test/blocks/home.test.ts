import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/config/policy.js';
import type { Language } from '../../src/config/policy-schema.js';
import { homeView } from '../../src/blocks/home.js';
import type { HomeContent } from '../../src/db/home-repository.js';
import type { PeriodStats } from '../../src/db/stats-repository.js';
import { createWords } from '../../src/i18n/words.js';
import { expectViewWithinLimits } from '../support/slack-limits.js';
import { ATTACK, NOW, allTexts, findUnsafe, makeCase } from './fixtures.js';

const H = 3_600_000;
const wordsIn = (language: Language) => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const policy = { categories: [] } as unknown as Pick<Policy, 'categories'>;
const stats: PeriodStats = {
  opened: 4,
  resolved: 3,
  closed: 2,
  openNow: 2,
  firstResponse: { count: 3, medianMs: 2 * H, p90Ms: 5 * H },
  resolution: { count: 3, medianMs: 8 * H, p90Ms: 9 * H },
  deadlines: { firstResponse: { due: 3, breached: 1 }, resolution: { due: 4, breached: 1 } },
  compensation: { totalMinor: 0, count: 0, byKind: [] },
  satisfaction: 4.5,
  topCategories: [],
  rootCauses: [],
  openedPerBucket: { bucketMs: 24 * H, counts: [] },
};
const before: PeriodStats = { ...stats, opened: 2, satisfaction: 4, deadlines: { ...stats.deadlines, resolution: { due: 2, breached: 0 } } };
const none = { items: [], total: 0 };

function content(n: number, text: string, total = n): HomeContent {
  const cases = Array.from({ length: n }, (_, i) => ({
    case: makeCase({ number: i + 1, summary: text, channelId: `C0CASE${String(i).padStart(3, '0')}` }),
    nextDeadline: { kind: 'first_response' as const, dueAt: new Date(NOW.getTime() + (2 * i - 1) * H) },
  }));
  return {
    myCases: { items: cases, total },
    approvals: {
      items: Array.from({ length: n }, (_, i) => ({
        compensationId: String(i),
        caseNumber: i + 1,
        caseSummary: text,
        channelId: null,
        amountMinor: 12_345,
        kind: 'refund',
        proposedBy: 'U0AAA0001',
        proposedAt: NOW,
      })),
      total,
    },
    retros: { items: Array.from({ length: n }, (_, i) => ({ caseNumber: i + 1, caseSummary: text, dueAt: NOW })), total },
    actionItems: { items: Array.from({ length: n }, (_, i) => ({ id: String(i), caseNumber: i + 1, description: text, dueOn: i === 0 ? '2026-11-20' : '2026-11-30' })), total },
    overdue: { items: cases, total },
  };
}

const shown = (view: { blocks: unknown[] }) => allTexts(view.blocks).join('\n').replace(/[\u00a0\u202f]/g, ' ');

describe('homeView', () => {
  it('shows an owner’s cases by next deadline, what they owe, and the team’s figures beside the 30 days before', () => {
    const view = homeView(wordsIn('en'), { content: { ...content(2, 'Lid missing'), overdue: undefined }, figures: { current: stats, previous: before }, policy, now: NOW, today: '2026-11-23' });
    expect(view.type).toBe('home');
    const text = shown(view);
    expect(text).toContain('*:file_folder: Your open cases* (2)');
    expect(text).toContain('• *#1* · :rotating_light: *First response overdue by 1 hr* · Lid missing · <#C0CASE000>');
    expect(text).toContain('• *#2* · :hourglass_flowing_sand: First response due 23 Nov, 17:00 (1 hr left) · Lid missing · <#C0CASE001>');
    expect(text).toContain('• *#1* PLN 123.45 (Refund) proposed by <@U0AAA0001>: Lid missing');
    expect(text).toContain('• *#1* Lid missing · due Mon, 23 Nov 2026, 16:00 CET · `/complaint retro #1`');
    expect(text).toContain('• *#2* Lid missing · due Mon, 30 Nov 2026');
    expect(text).toContain('• *#1* Lid missing · :warning: *Overdue*: due');
    expect(text).toContain('• Opened: *4*   _before: 2, +2, +100%_');
    expect(text).toContain('• Resolution deadlines breached: *25%');
    expect(text).toContain('• Customer satisfaction (1-5): *4.5*');
    expect(text).not.toContain('past a deadline');
  });

  it('says so kindly when a list is empty, and shows a lead the team’s overdue cases', () => {
    const empty: HomeContent = { myCases: none, approvals: none, retros: none, actionItems: none, overdue: none };
    const text = shown(homeView(wordsIn('en'), { content: empty, figures: { current: stats, previous: before }, policy, now: NOW, today: '2026-11-23' }));
    expect(text).toContain('_You own no open case right now.');
    expect(text).toContain('_Nothing is waiting for your decision._');
    expect(text).toContain('*:rotating_light: Team cases past a deadline* (0)');
  });

  it.each(['en', 'pl', 'sv', 'ru'] as const)('stays within Slack’s limits with full, long, hostile lists and says how many more (%s)', (language) => {
    const view = homeView(wordsIn(language), { content: content(8, ATTACK.repeat(40), 250), figures: { current: stats, previous: before }, policy, now: NOW, today: '2026-11-23' });
    expectViewWithinLimits(view, 'home');
    expect(findUnsafe(view.blocks)).toEqual([]);
    const text = shown(view);
    expect(text).toContain('242');
    expect(text).toContain('/complaint list mine');
  });
});
