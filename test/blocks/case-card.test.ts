import type { ActionsBlock, Button, HeaderBlock, KnownBlock, SectionBlock, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../../src/domain/case.js';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { caseCardBlocks, caseCardText, type CaseCardView } from '../../src/blocks/case-card.js';
import { expectBlocksWithinLimits } from '../support/slack-limits.js';
import { ATTACK, ATTACK_ESCAPED, NOW, findUnsafe, makeCase } from './fixtures.js';

function view(overrides: Partial<CaseCardView> = {}): CaseCardView {
  return { case: makeCase(), categoryName: 'Late or damaged delivery', currency: 'PLN', timeZone: 'Europe/Warsaw', now: NOW, ...overrides };
}

const sections = (blocks: KnownBlock[]): SectionBlock[] => blocks.filter((b): b is SectionBlock => b.type === 'section');
const sectionTexts = (blocks: KnownBlock[]): string[] => sections(blocks).flatMap((s) => (s.text ? [s.text.text] : []));
const fieldTexts = (blocks: KnownBlock[]): string[] => sections(blocks).flatMap((s) => (s.fields ?? []).map((f) => f.text));
const field = (blocks: KnownBlock[], label: string): string | undefined =>
  fieldTexts(blocks).find((text) => text.startsWith(`*${label}*\n`))?.slice(label.length + 3);
const buttons = (blocks: KnownBlock[]): Button[] =>
  blocks.filter((b): b is ActionsBlock => b.type === 'actions').flatMap((b) => b.elements as Button[]);

describe('caseCardBlocks', () => {
  const blocks = caseCardBlocks(view());

  it('starts with the header Complaint #N', () => {
    expect(blocks[0]).toEqual<HeaderBlock>({ type: 'header', text: { type: 'plain_text', text: 'Complaint #42' } });
    expectBlocksWithinLimits(blocks);
  });

  it('shows the summary and the facts as fields', () => {
    expect(sectionTexts(blocks)).toContain('Parcel arrived broken');
    expect(field(blocks, 'Customer')).toBe('Anna Nowak\nanna@example.com');
    expect(field(blocks, 'Category')).toBe('Late or damaged delivery');
    expect(field(blocks, 'Severity')).toBe(':large_orange_circle: High');
    expect(field(blocks, 'Source')).toBe('Email');
    expect(field(blocks, 'Status')).toBe('Open');
    expect(field(blocks, 'Owner')).toBe('_Nobody yet_');
    expect(field(blocks, 'Reported by')).toBe('<@U0REP0001>');
    expect(field(blocks, 'Opened')).toBe('Mon 23 Nov 2026, 14:05 CET');
    expect(field(blocks, 'Claimed loss')).toBe('123.45 PLN');
    expect(field(blocks, 'Escalated')).toBeUndefined();
  });

  it('shows the description quoted', () => {
    expect(sectionTexts(blocks)).toContain('*Description*\n>The box was crushed and the vase inside broke.');
  });

  it('mentions a valid owner, flags escalation and leaves out an absent loss', () => {
    const other = caseCardBlocks(view({ case: makeCase({ ownerId: 'U0OWN0001', escalated: true, claimedLossMinor: null }) }));
    expect(field(other, 'Owner')).toBe('<@U0OWN0001>');
    expect(field(other, 'Escalated')).toContain('Yes');
    expect(field(other, 'Claimed loss')).toBeUndefined();
  });

  it('never mentions an owner id that is not a Slack user id', () => {
    const other = caseCardBlocks(view({ case: makeCase({ ownerId: '!channel' }) }));
    expect(field(other, 'Owner')).toBe('!channel');
    expect(findUnsafe(other)).toEqual([]);
  });

  it('escapes every typed text', () => {
    const risky = caseCardBlocks(
      view({
        case: makeCase({ summary: ATTACK, customerName: ATTACK, customerContact: ATTACK, description: ATTACK }),
        categoryName: ATTACK,
        deadlines: [{ label: ATTACK, dueAt: new Date('2026-11-23T16:00:00Z'), state: 'pending' }],
      }),
    );
    expect(sectionTexts(risky)).toContain(ATTACK_ESCAPED);
    expect(field(risky, 'Customer')).toBe(`${ATTACK_ESCAPED}\n${ATTACK_ESCAPED}`);
    expect(field(risky, 'Category')).toBe(ATTACK_ESCAPED);
    expect(findUnsafe(risky)).toEqual([]);
    expect(findUnsafe(caseCardText(view({ case: makeCase({ summary: ATTACK }) })))).toEqual([]);
  });

  it('keeps a 3000-character description, however many characters escaping adds, within the limits', () => {
    for (const description of ['x'.repeat(3000), '<'.repeat(3000), '&\n'.repeat(1500), '😀'.repeat(1500)]) {
      const long = caseCardBlocks(view({ case: makeCase({ description, summary: '>'.repeat(150), customerName: '&'.repeat(200), customerContact: '<'.repeat(200) }) }));
      expectBlocksWithinLimits(long);
      const text = sectionTexts(long).find((t) => t.startsWith('*Description*'));
      expect(text?.endsWith('…')).toBe(true);
    }
  });

  it('shows deadlines with time left and urgent markers', () => {
    const withDeadlines = caseCardBlocks(
      view({
        deadlines: [
          { label: 'First response', dueAt: new Date('2026-11-23T15:45:00Z'), state: 'warning' },
          { label: 'Resolution', dueAt: new Date('2026-11-25T17:00:00Z'), state: 'pending' },
          { label: 'Follow-up', dueAt: new Date('2026-11-23T13:40:00Z'), state: 'breached' },
          { label: 'Old one', dueAt: new Date('2026-11-23T14:00:00Z'), state: 'met' },
        ],
      }),
    );
    const text = sectionTexts(withDeadlines).find((t) => t.startsWith('*Deadlines*'));
    expect(text).toBeDefined();
    const lines = text!.split('\n').slice(1);
    expect(lines[0]).toBe(':warning: *First response*: due Mon 23 Nov 2026, 16:45 CET, *45m left*');
    expect(lines[1]).toBe(':hourglass_flowing_sand: *Resolution*: due Wed 25 Nov 2026, 18:00 CET, 2d 2h left');
    expect(lines[2]).toBe(':rotating_light: *Follow-up*: *overdue by 1h 20m* (was due Mon 23 Nov 2026, 14:40 CET)');
    expect(lines[3]).toBe(':white_check_mark: *Old one*: met (was due Mon 23 Nov 2026, 15:00 CET)');
  });

  it('has no deadline section without deadlines', () => {
    expect(sectionTexts(blocks).some((t) => t.startsWith('*Deadlines*'))).toBe(false);
    expect(sectionTexts(caseCardBlocks(view({ deadlines: [] }))).some((t) => t.startsWith('*Deadlines*'))).toBe(false);
  });

  it.each<[CaseStatus, string[]]>([
    ['open', [ACTION_IDS.take, ACTION_IDS.responded, ACTION_IDS.resolve, ACTION_IDS.severity]],
    ['responded', [ACTION_IDS.take, ACTION_IDS.resolve, ACTION_IDS.severity]],
    ['resolved', [ACTION_IDS.take, ACTION_IDS.severity]],
    ['closed', []],
  ])('shows the controls that make sense when %s', (status, actionIds) => {
    const card = caseCardBlocks(view({ case: makeCase({ status }) }));
    expect(buttons(card).map((b) => b.action_id)).toEqual(actionIds);
    expect(card.some((b) => b.type === 'actions')).toBe(actionIds.length > 0);
    expectBlocksWithinLimits(card);
  });

  it('labels the buttons and gives each the case id as value', () => {
    expect(buttons(blocks).filter((b) => b.type === 'button').map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      ['case_take', 'Take ownership', makeCase().id],
      ['case_responded', 'First response sent', makeCase().id],
      ['case_resolve', 'Resolve', makeCase().id],
    ]);
  });

  it('offers every severity, the current one selected, each option naming the case', () => {
    const select = buttons(blocks).find((b) => (b as { action_id?: string }).action_id === ACTION_IDS.severity) as unknown as StaticSelect;
    expect(select.options?.map((o) => o.value)).toEqual(['critical', 'high', 'normal', 'low'].map((s) => `${makeCase().id}:${s}`));
    expect(select.initial_option?.value).toBe(`${makeCase().id}:${makeCase().severity}`);
  });
});

describe('caseCardText', () => {
  it('names the case, its severity, status and summary', () => {
    expect(caseCardText(view())).toBe('Complaint #42 (High, Open): Parcel arrived broken');
  });

  it('escapes the summary', () => {
    expect(caseCardText(view({ case: makeCase({ summary: ATTACK }) }))).toBe(`Complaint #42 (High, Open): ${ATTACK_ESCAPED}`);
  });
});
