import type { Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import {
  ACTION_ITEM_DM_BLOCK,
  ACTION_ITEM_LIST_MAX,
  actionItemAlreadyDoneText,
  actionItemDoneDmText,
  actionItemDoneLine,
  actionItemDoneNotice,
  actionItemDueMessage,
  actionItemListMessage,
  actionItemSurface,
  type ActionItemListEntry,
} from '../../src/blocks/action-items.js';
import { eventLine, timelineText } from '../../src/blocks/event-lines.js';
import type { Language } from '../../src/config/policy-schema.js';
import { LANGUAGES } from '../../src/config/policy-schema.js';
import { createWords, type Words } from '../../src/i18n/words.js';
import { hostileText } from '../support/hostile-text.js';
import { expectMessageWithinLimits } from '../support/slack-limits.js';
import { ATTACK, ATTACK_ESCAPED, findUnsafe } from './fixtures.js';
import fc from 'fast-check';

const wordsIn = (language: Language): Words => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const en = wordsIn('en');
const pl = wordsIn('pl');
/** Monday 23 November 2026 in Warsaw. */
const TODAY = '2026-11-23';

function entry(id: string, dueOn: string, caseNumber: number, overrides: Partial<ActionItemListEntry['item']> = {}, channelId: string | null = `C0CASE${caseNumber}`): ActionItemListEntry {
  return { item: { id, dueOn, description: `Item ${id}`, ownerId: 'U0OWNER01', ...overrides }, caseNumber, channelId };
}

const sections = (blocks: KnownBlock[]): SectionBlock[] => blocks.filter((b): b is SectionBlock => b.type === 'section');
const itemSections = (blocks: KnownBlock[]): SectionBlock[] => sections(blocks).filter((s) => s.accessory !== undefined);
const buttonOf = (s: SectionBlock): Button => s.accessory as Button;

describe('actionItemListMessage', () => {
  it('lists the earliest due first, so the overdue ones lead, marked; then today; then later', () => {
    const items = [entry('5', '2026-12-01', 7), entry('2', TODAY, 42), entry('9', '2026-11-20', 42), entry('3', '2026-11-20', 12), entry('4', TODAY, 42)];
    const { text, blocks } = actionItemListMessage(en, { items, today: TODAY });
    expect(text).toBe('5 open action items');
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Open action items' } });
    const shown = itemSections(blocks);
    expect(shown.map((s) => buttonOf(s).value)).toEqual(['3', '9', '2', '4', '5']);
    expect(shown.map((s) => s.text?.text)).toEqual([
      '*#12* · <#C0CASE12> · :warning: *Overdue*: due Fri, 20 Nov 2026 · owner <@U0OWNER01>\n>Item 3',
      '*#42* · <#C0CASE42> · :warning: *Overdue*: due Fri, 20 Nov 2026 · owner <@U0OWNER01>\n>Item 9',
      '*#42* · <#C0CASE42> · :alarm_clock: *Due today* (Mon, 23 Nov 2026) · owner <@U0OWNER01>\n>Item 2',
      '*#42* · <#C0CASE42> · :alarm_clock: *Due today* (Mon, 23 Nov 2026) · owner <@U0OWNER01>\n>Item 4',
      '*#7* · <#C0CASE7> · due Tue, 1 Dec 2026 · owner <@U0OWNER01>\n>Item 5',
    ]);
    expectMessageWithinLimits({ text, blocks });
  });

  it('gives each item a Done button carrying its id, in a block of its own the listener recognises', () => {
    const { blocks } = actionItemListMessage(en, { items: [entry('17', TODAY, 3), entry('18', TODAY, 3)], today: TODAY });
    const shown = itemSections(blocks);
    expect(shown.map((s) => s.block_id)).toEqual(['action_items_list:17', 'action_items_list:18']);
    for (const s of shown) {
      expect(buttonOf(s)).toMatchObject({ type: 'button', action_id: ACTION_IDS.actionItemDone, style: 'primary', text: { type: 'plain_text', text: 'Done' } });
      expect(actionItemSurface(s.block_id)).toBe('list');
    }
    expect(actionItemSurface(ACTION_ITEM_DM_BLOCK)).toBe('dm');
    expect(actionItemSurface(undefined)).toBe('dm');
  });

  it('leaves the channel out while the case has none', () => {
    const { blocks } = actionItemListMessage(en, { items: [entry('1', '2026-11-30', 9, {}, null)], today: TODAY });
    expect(itemSections(blocks)[0]?.text?.text).toBe('*#9* · due Mon, 30 Nov 2026 · owner <@U0OWNER01>\n>Item 1');
  });

  it('says kindly that there is nothing open', () => {
    const { text, blocks } = actionItemListMessage(en, { items: [], total: 0, today: TODAY });
    expect(text).toBe(':sparkles: No open action items: every procedure change from the retros is done. Nice work!');
    expect(blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Open action items' } },
      { type: 'section', text: { type: 'mrkdwn', text } },
    ]);
  });

  it('shows what the last click did above the list', () => {
    const notice = actionItemDoneNotice(en, { number: 42, description: ATTACK });
    const { blocks } = actionItemListMessage(en, { items: [entry('1', TODAY, 3)], today: TODAY, notice });
    expect(sections(blocks)[0]?.text?.text).toBe(`:white_check_mark: Marked done: ${ATTACK_ESCAPED} (complaint #42).`);
    expect(findUnsafe(blocks)).toEqual([]);
  });

  it('keeps to 40 items, says how many more there are, and stays within Slack limits however long the texts', () => {
    const long = `${'<!here> & a very long procedure change '.repeat(200)}`;
    const items = Array.from({ length: 120 }, (_, i) => entry(String(i + 1), `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`, 1000 + i, { description: long }));
    const notice = actionItemDoneNotice(en, { number: 1, description: long });
    const message = actionItemListMessage(en, { items: items.slice(0, ACTION_ITEM_LIST_MAX), total: 120, today: TODAY, notice });
    expect(itemSections(message.blocks)).toHaveLength(ACTION_ITEM_LIST_MAX);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const more = message.blocks.at(-1) as ContextBlock;
    expect(more).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '…and 80 more' }] });
    expect(message.text).toBe('120 open action items');
    expectMessageWithinLimits(message);
    expect(findUnsafe(message.blocks)).toEqual([]);
    // Given more than fit, it still shows the earliest 40 and counts the rest.
    const all = actionItemListMessage(en, { items, today: TODAY });
    expect(itemSections(all.blocks)).toHaveLength(ACTION_ITEM_LIST_MAX);
    expect((all.blocks.at(-1) as ContextBlock).elements).toEqual([{ type: 'mrkdwn', text: '…and 80 more' }]);
    expect(buttonOf(itemSections(all.blocks)[0]!).value).toBe('1');
    expectMessageWithinLimits(all);
  });

  it('shows what people typed as plain text: no ping, no hidden link', () => {
    const { blocks } = actionItemListMessage(en, { items: [entry('1', TODAY, 3, { description: ATTACK, ownerId: '<!channel>' })], today: TODAY });
    const text = itemSections(blocks)[0]?.text?.text ?? '';
    expect(text).toContain(`>${ATTACK_ESCAPED}`);
    expect(text).toContain('owner &lt;!channel&gt;');
    expect(findUnsafe(blocks)).toEqual([]);
  });

  it('speaks Polish', () => {
    const items = [entry('1', '2026-11-20', 42, { description: 'Zważ każdą paczkę' }), entry('2', TODAY, 42), entry('3', '2026-12-01', 7)];
    const { text, blocks } = actionItemListMessage(pl, { items, today: TODAY });
    expect(text).toBe('3 otwarte zadania');
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Otwarte zadania z retrospektyw' } });
    expect(itemSections(blocks).map((s) => s.text?.text)).toEqual([
      '*#42* · <#C0CASE42> · :warning: *Po terminie*: termin pt., 20 lis 2026 · odpowiada <@U0OWNER01>\n>Zważ każdą paczkę',
      '*#42* · <#C0CASE42> · :alarm_clock: *Termin dziś* (pon., 23 lis 2026) · odpowiada <@U0OWNER01>\n>Item 2',
      '*#7* · <#C0CASE7> · termin wt., 1 gru 2026 · odpowiada <@U0OWNER01>\n>Item 3',
    ]);
    expect(buttonOf(itemSections(blocks)[0]!).text.text).toBe('Zrobione');
    expect(actionItemListMessage(pl, { items: [entry('1', TODAY, 1)], total: 5, today: TODAY }).text).toBe('5 otwartych zadań');
    expect(actionItemListMessage(pl, { items: [], today: TODAY }).text).toBe(
      ':sparkles: Nie ma otwartych zadań: wszystkie zmiany w procedurach z retrospektyw są zrobione. Dobra robota!',
    );
  });

  it.each(LANGUAGES)('in %s: one shape, the same action ids, every text within limits', (language) => {
    const words = wordsIn(language);
    const message = actionItemListMessage(words, { items: [entry('1', '2026-11-20', 4), entry('2', TODAY, 5)], total: 50, today: TODAY });
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(itemSections(message.blocks).map((s) => buttonOf(s).action_id)).toEqual([ACTION_IDS.actionItemDone, ACTION_IDS.actionItemDone]);
    expect(message.text).toContain('50');
    expectMessageWithinLimits(message);
  });
});

describe('the due-date DM', () => {
  const item = { id: '12', description: 'Weigh every parcel before it ships', dueOn: TODAY };

  it('tells the owner it is due today, where the case is, with Done', () => {
    const message = actionItemDueMessage(en, { item, case: { number: 42, channelId: 'C0CASE042' }, today: TODAY });
    expect(message.text).toBe(':pushpin: Your action item from the retro of complaint #42 is due today. The case is in <#C0CASE042>.');
    expect(message.blocks).toEqual([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `${message.text}\n>Weigh every parcel before it ships\nOnce it is in place, click *Done*.` },
      },
      {
        type: 'actions',
        block_id: ACTION_ITEM_DM_BLOCK,
        elements: [{ type: 'button', action_id: ACTION_IDS.actionItemDone, text: { type: 'plain_text', text: 'Done' }, style: 'primary', value: '12' }],
      },
    ]);
    expectMessageWithinLimits(message);
  });

  it('says when it was due if that day has passed, and points to /complaint show without a channel', () => {
    const message = actionItemDueMessage(en, { item: { ...item, dueOn: '2026-11-20' }, case: { number: 42, channelId: null }, today: TODAY });
    expect(message.text).toBe(
      ':pushpin: Your action item from the retro of complaint #42 was due Fri, 20 Nov 2026 and is still open. See the case with `/complaint show #42`.',
    );
  });

  it('in Polish', () => {
    const message = actionItemDueMessage(pl, { item, case: { number: 42, channelId: 'C0CASE042' }, today: TODAY });
    expect(message.text).toBe(':pushpin: Dziś mija termin twojego zadania z retrospektywy reklamacji #42. Reklamacja jest w <#C0CASE042>.');
    expect(JSON.stringify(message.blocks)).toContain('Kiedy będzie gotowe, kliknij *Zrobione*.');
    expect(actionItemDoneDmText(pl, { number: 42, description: 'Zważ paczkę' })).toBe(
      ':white_check_mark: Zrobione, dzięki! Zadanie z reklamacji #42 jest oznaczone jako zrobione:\n>Zważ paczkę',
    );
  });

  it('shows the description escaped, and stays within limits however long it is', () => {
    const message = actionItemDueMessage(en, { item: { ...item, description: `${ATTACK} ${'x'.repeat(5000)}` }, case: { number: 42, channelId: 'C0CASE042' }, today: TODAY });
    expect(findUnsafe(message.blocks)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain(ATTACK_ESCAPED);
    expectMessageWithinLimits(message);
  });
});

describe('after Done', () => {
  it('the DM is replaced by thanks; a late click hears who was first and when, in the workspace zone', () => {
    expect(actionItemDoneDmText(en, { number: 42, description: ATTACK })).toBe(
      `:white_check_mark: Done, thank you! The action item from complaint #42 is marked done:\n>${ATTACK_ESCAPED}`,
    );
    expect(actionItemAlreadyDoneText(en, { number: 42, doneBy: 'U0LEAD001', doneAt: new Date('2026-11-23T15:00:00Z') })).toBe(
      'This action item of complaint #42 was already marked done by <@U0LEAD001> on Mon, 23 Nov 2026, 16:00 CET. Nothing was changed.',
    );
  });

  it.each(LANGUAGES)('the channel line and the timeline in %s name who, and the item escaped', (language) => {
    const words = wordsIn(language);
    const event = { kind: 'action_item_done' as const, actorId: 'U0OWNER01', data: { actionItemId: '12', description: ATTACK } };
    const line = eventLine(words, event);
    expect(line).toContain('<@U0OWNER01>');
    expect(line).toContain(ATTACK_ESCAPED);
    expect(timelineText(words, event)).toBe(line);
    expect(findUnsafe(line, ['<@U0OWNER01>'])).toEqual([]);
  });

  it('reads the English line', () => {
    expect(actionItemDoneLine(en, { actor: '<@U0OWNER01>', description: 'Weigh every parcel' })).toBe(':white_check_mark: <@U0OWNER01> marked an action item done: Weigh every parcel');
    expect(actionItemDoneLine(en, { actor: '<@U0OWNER01>', description: 42 })).toBe(':white_check_mark: <@U0OWNER01> marked an action item done: ');
  });
});

describe('whatever a person typed', () => {
  it('the list and the DM keep Slack limits and never ping', () => {
    const typed = fc.record({ id: fc.integer({ min: 1, max: 2 ** 53 - 1 }).map(String), description: hostileText(), caseNumber: fc.integer({ min: 1, max: 999_999_999 }) });
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGES), fc.uniqueArray(typed, { maxLength: 45, selector: (t) => t.id }), fc.nat(500), (language, listed, extra) => {
        const words = wordsIn(language);
        const items = listed.map(({ id, description, caseNumber }) => entry(id, '2026-11-20', caseNumber, { description }));
        const notice = listed[0] ? actionItemDoneNotice(words, { number: listed[0].caseNumber, description: listed[0].description }) : undefined;
        const list = actionItemListMessage(words, { items, total: items.length + extra, today: TODAY, ...(notice && { notice }) });
        expectMessageWithinLimits(list);
        expect(findUnsafe(list.blocks)).toEqual([]);
        for (const { item, caseNumber } of items.slice(0, 3)) {
          const dm = actionItemDueMessage(words, { item, case: { number: caseNumber, channelId: 'C0CASE042' }, today: TODAY });
          expectMessageWithinLimits(dm);
          expect(findUnsafe(dm.blocks)).toEqual([]);
          expectMessageWithinLimits({ text: actionItemDoneDmText(words, { number: caseNumber, description: item.description }) });
        }
      }),
      { numRuns: 15 },
    );
  });
});
