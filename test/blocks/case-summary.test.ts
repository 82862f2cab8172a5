import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  CASE_LIST_MAX_CASES,
  caseListBlocks,
  caseListText,
  caseSummaryBlocks,
  caseSummaryText,
  type CaseSummaryView,
  type TimelineEventView,
} from '../../src/blocks/case-summary.js';
import { createWords } from '../../src/i18n/words.js';
import { expectBlocksWithinLimits } from '../support/slack-limits.js';
import type { Language } from '../../src/config/policy-schema.js';
import { ATTACK, ATTACK_ESCAPED, NOW, allTexts, findUnsafe, makeCase } from './fixtures.js';

const wordsIn = (language: Language) => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const en = wordsIn('en');

const sectionTexts = (blocks: KnownBlock[]): string[] =>
  blocks.filter((b): b is SectionBlock => b.type === 'section').flatMap((s) => (s.text ? [s.text.text] : []));
const timelineLines = (blocks: KnownBlock[]): string[] =>
  sectionTexts(blocks.slice(blocks.findIndex((b) => b.type === 'section' && b.text?.text.startsWith('*Timeline*'))))
    .join('\n')
    .split('\n');

function event(minutesAfterOpen: number, overrides: Partial<TimelineEventView> = {}): TimelineEventView {
  return {
    at: new Date(new Date('2026-11-23T13:05:00Z').getTime() + minutesAfterOpen * 60_000),
    line: `<@U0AAA0001> noted: Note ${minutesAfterOpen}`,
    ...overrides,
  };
}

function view(overrides: Partial<CaseSummaryView> = {}): CaseSummaryView {
  return {
    case: makeCase(),
    categoryName: 'Late or damaged delivery',
    now: NOW,
    events: [event(0, { line: '<@U0AAA0001> opened the case (high).' }), event(10, { line: '<@U0AAA0001> took ownership.' })],
    ...overrides,
  };
}

describe('caseSummaryBlocks', () => {
  it('shows the card facts, no buttons, then the timeline in the workspace zone', () => {
    const blocks = caseSummaryBlocks(en, view());
    expect(blocks[0]).toEqual<HeaderBlock>({ type: 'header', text: { type: 'plain_text', text: 'Complaint #42' } });
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(sectionTexts(blocks)).toContain('Parcel arrived broken');
    expect(timelineLines(blocks)).toEqual([
      '*Timeline* _(times in Europe/Warsaw)_',
      '• *23 Nov, 14:05* <@U0AAA0001> opened the case (high).',
      '• *23 Nov, 14:15* <@U0AAA0001> took ownership.',
    ]);
    expectBlocksWithinLimits(blocks);
  });

  it('shows deadlines when given', () => {
    const blocks = caseSummaryBlocks(en, view({ deadlines: [{ kind: 'first_response', dueAt: new Date('2026-11-23T16:00:00Z'), state: 'pending' }] }));
    expect(sectionTexts(blocks).some((t) => t.startsWith('*Deadlines*\n:hourglass_flowing_sand: *First response*'))).toBe(true);
  });

  it('sorts events oldest first', () => {
    const blocks = caseSummaryBlocks(en, view({ events: [event(20), event(5, { line: 'Reminder sent to the owner.' })] }));
    expect(timelineLines(blocks).slice(1)).toEqual([
      '• *23 Nov, 14:10* Reminder sent to the owner.',
      '• *23 Nov, 14:25* <@U0AAA0001> noted: Note 20',
    ]);
  });

  it('says so when nothing has happened', () => {
    expect(timelineLines(caseSummaryBlocks(en, view({ events: [] })))).toContain('_Nothing has happened yet._');
  });

  it('escapes the case facts', () => {
    const blocks = caseSummaryBlocks(
      en,
      view({
        case: makeCase({ summary: ATTACK, description: ATTACK, customerName: ATTACK }),
        events: [event(1, { line: `<@U0AAA0001> noted: ${ATTACK_ESCAPED}` })],
      }),
    );
    expect(timelineLines(blocks)[1]).toBe(`• *23 Nov, 14:06* <@U0AAA0001> noted: ${ATTACK_ESCAPED}`);
    expect(sectionTexts(blocks)).toContain(ATTACK_ESCAPED);
    expect(findUnsafe(blocks)).toEqual([]);
  });

  it('shows the last 30 of 200 events and how many are hidden', () => {
    const events = Array.from({ length: 200 }, (_, i) => event(i));
    const blocks = caseSummaryBlocks(en, view({ events }));
    expectBlocksWithinLimits(blocks);
    const lines = timelineLines(blocks);
    expect(lines[1]).toBe('_170 older events are not shown._');
    const shown = lines.filter((l) => l.startsWith('• '));
    expect(shown).toHaveLength(30);
    expect(shown[0]).toContain('Note 170');
    expect(shown[29]).toContain('Note 199');
  });

  it('stays within the limits with 200 long events and a 3000-character description', () => {
    const events = Array.from({ length: 200 }, (_, i) => event(i, { line: '&lt;&amp;&gt;'.repeat(1000) }));
    const blocks = caseSummaryBlocks(
      en,
      view({
        case: makeCase({ description: '<'.repeat(3000), summary: '&'.repeat(150) }),
        events,
        deadlines: Array.from({ length: 40 }, () => ({ kind: 'resolution' as const, dueAt: NOW, state: 'breached' as const })),
      }),
    );
    expectBlocksWithinLimits(blocks);
    expect(timelineLines(blocks)[1]).toMatch(/^_\d+ older events are not shown\._$/);
    expect(findUnsafe(blocks)).toEqual([]);
  });
});

describe('caseListBlocks', () => {
  const listed = (n: number, overrides = {}) =>
    Array.from({ length: n }, (_, i) => ({ case: makeCase({ number: i + 1, ...overrides }), categoryName: 'Delivery' }));

  it('has the title and one line per case with status, severity, summary, owner and channel', () => {
    const blocks = caseListBlocks(en, {
      filter: 'open',
      cases: [
        { case: makeCase({ ownerId: 'U0OWN0001', escalated: true }), categoryName: 'Delivery' },
        { case: makeCase({ number: 43, status: 'responded', severity: 'low', channelId: null }), categoryName: 'Delivery' },
      ],
      now: NOW,
    });
    expect(blocks[0]).toEqual<HeaderBlock>({ type: 'header', text: { type: 'plain_text', text: 'Open cases' } });
    expect(sectionTexts(blocks).join('\n').split('\n')).toEqual([
      '*#42* · Open · :large_orange_circle: High · :mega: escalated · Parcel arrived broken · owner <@U0OWN0001> · opened 23 Nov, 14:05 (1 hr 55 mins ago) · <#C0CASE042>',
      '*#43* · Responded · :white_circle: Low · Parcel arrived broken · owner _none_ · opened 23 Nov, 14:05 (1 hr 55 mins ago)',
    ]);
    expect(blocks.some((b) => b.type === 'context')).toBe(false);
  });

  it('leads each line with the next running deadline: when it is due and how long is left, or how long overdue', () => {
    const hours = (h: number) => new Date(NOW.getTime() + h * 3600_000);
    const blocks = caseListBlocks(en, {
      filter: 'open',
      cases: [
        { case: makeCase({ number: 7 }), categoryName: 'Delivery', nextDeadline: { kind: 'first_response', dueAt: hours(-1.5) } },
        { case: makeCase({ number: 8, status: 'responded' }), categoryName: 'Delivery', nextDeadline: { kind: 'resolution', dueAt: hours(3) } },
      ],
      now: NOW,
    });
    const lines = sectionTexts(blocks).join('\n').split('\n');
    expect(lines[0]).toMatch(/^\*#7\* · :rotating_light: \*First response overdue by 1 hr 30 mins\* · Open · /);
    expect(lines[1]).toMatch(/^\*#8\* · :hourglass_flowing_sand: Resolution due 23 Nov, 19:00 \(3 hrs left\) · Responded · /);
  });

  it('says when there are no cases', () => {
    expect(sectionTexts(caseListBlocks(en, { filter: 'open', cases: [], now: NOW }))).toEqual(['_No cases._']);
  });

  it('shows at most 40 cases and counts the rest', () => {
    const blocks = caseListBlocks(en, { filter: 'open', cases: listed(55), now: NOW });
    expectBlocksWithinLimits(blocks);
    const lines = sectionTexts(blocks).join('\n').split('\n');
    expect(lines).toHaveLength(CASE_LIST_MAX_CASES);
    const more = blocks.at(-1) as ContextBlock;
    expect(more.elements).toEqual([{ type: 'mrkdwn', text: '…and 15 more' }]);
  });

  it('counts the rest from the total when only a page was loaded', () => {
    const blocks = caseListBlocks(en, { filter: 'open', cases: listed(40), total: 97, now: NOW });
    expect(allTexts(blocks.at(-1))).toContain('…and 57 more');
  });

  it('escapes and shortens summaries and stays within the limits', () => {
    const blocks = caseListBlocks(en, { filter: 'mine', cases: listed(40, { summary: ATTACK.repeat(20) }), now: NOW });
    expectBlocksWithinLimits(blocks);
    // The header is plain_text, which Slack never parses for pings or links.
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    expect(findUnsafe(blocks.slice(1))).toEqual([]);
    expect(sectionTexts(blocks).join('\n')).toContain('&lt;!channel&gt; hi');
  });
});

describe('/complaint show and list in the team’s language', () => {
  it('Polish: the timeline, hidden events and the list with case endings after numbers', () => {
    const pl = wordsIn('pl');
    const shown = caseSummaryBlocks(pl, view({ events: Array.from({ length: 35 }, (_, i) => event(i)) }));
    const lines = sectionTexts(shown).join('\n').split('\n');
    expect(lines).toContain('*Historia* _(strefa czasowa: Europe/Warsaw)_');
    expect(lines).toContain('_5 starszych zdarzeń jest ukrytych._');
    expect(lines.filter((l) => l.startsWith('• *23 lis, '))).toHaveLength(30);
    expect(timelineLinesIn(caseSummaryBlocks(pl, view({ events: Array.from({ length: 32 }, (_, i) => event(i)) })), '*Historia*')[1]).toBe(
      '_2 starsze zdarzenia są ukryte._',
    );
    expect(sectionTexts(caseSummaryBlocks(pl, view({ events: [] })))).toContain('*Historia* _(strefa czasowa: Europe/Warsaw)_\n_Jeszcze nic się nie wydarzyło._');
    expect(caseSummaryText(pl, makeCase())).toBe('Reklamacja #42');

    const list = caseListBlocks(pl, {
      filter: 'open',
      cases: Array.from({ length: 41 }, (_, i) => ({ case: makeCase({ number: i + 1, ownerId: i === 0 ? 'U0OWN0001' : null, escalated: i === 0 }), categoryName: 'Dostawa' })),
      total: 62,
      now: NOW,
    });
    expect(list[0]).toEqual<HeaderBlock>({ type: 'header', text: { type: 'plain_text', text: 'Otwarte reklamacje' } });
    const listLines = sectionTexts(list).join('\n').split('\n');
    expect(listLines[0]).toBe(
      '*#1* · Otwarta · :large_orange_circle: Wysoki · :mega: eskalowana · Parcel arrived broken · opiekun <@U0OWN0001> · otwarta 23 lis, 14:05 (1 godz. 55 min temu) · <#C0CASE042>',
    );
    expect(listLines[1]).toContain(' · bez opiekuna · ');
    expect(allTexts(list.at(-1))).toContain('…i 22 kolejne');
    expect(caseListText(pl, 'open', 22)).toBe('22 otwarte reklamacje');
    expect(caseListText(pl, 'mine', 5)).toBe('Masz 5 otwartych reklamacji');
    expect(caseListText(pl, 'mine', 1)).toBe('Masz 1 otwartą reklamację');
    expect(caseListText(pl, 'overdue', 0)).toBe('Żadna reklamacja nie jest po terminie.');
  });

  it('Russian and Swedish count what is left of the list', () => {
    const more = (language: Language, total: number) =>
      allTexts(caseListBlocks(wordsIn(language), { filter: 'open', cases: listedCases(40), total, now: NOW }).at(-1));
    expect(more('ru', 61)).toContain('…и ещё 21 жалоба');
    expect(more('ru', 62)).toContain('…и ещё 22 жалобы');
    expect(more('ru', 65)).toContain('…и ещё 25 жалоб');
    expect(more('sv', 41)).toContain('…och 1 till');
    expect(caseListText(wordsIn('ru'), 'overdue', 21)).toBe('21 просроченная жалоба');
    expect(caseListText(wordsIn('sv'), 'open', 1)).toBe('1 öppet ärende');
    expect(caseListText(wordsIn('sv'), 'open', 2)).toBe('2 öppna ärenden');
  });
});

function listedCases(n: number) {
  return Array.from({ length: n }, (_, i) => ({ case: makeCase({ number: i + 1 }), categoryName: 'Delivery' }));
}

function timelineLinesIn(blocks: KnownBlock[], heading: string): string[] {
  return sectionTexts(blocks.slice(blocks.findIndex((b) => b.type === 'section' && b.text?.text.startsWith(heading))))
    .join('\n')
    .split('\n');
}

describe('caseSummaryBlocks: the case record', () => {
  const permalink = 'https://acme.slack.com/files/U0BOT0001/F0000000001/complaint-42-record-2026-11-23.md';

  it('links the record of the latest close before the timeline once it is posted', () => {
    const texts = sectionTexts(caseSummaryBlocks(en, view({ case: makeCase({ status: 'closed' }), record: { closedAt: NOW, permalink } })));
    const link = texts.findIndex((text) => text.includes(`<${permalink}|open the file>`));
    expect(texts[link]).toBe(`:page_facing_up: *Case record* of the close on Mon, 23 Nov 2026, 16:00 CET: <${permalink}|open the file>`);
    expect(link).toBeLessThan(texts.findIndex((text) => text.startsWith('*Timeline*')));
  });

  it('has no record line without a posted record, or without a link Slack gave', () => {
    for (const record of [undefined, { closedAt: NOW, permalink: null }]) {
      const texts = sectionTexts(caseSummaryBlocks(en, view({ ...(record && { record }) })));
      expect(texts.some((text) => text.includes('Case record'))).toBe(false);
    }
  });
});
