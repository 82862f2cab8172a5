import type { ActionsBlock, Checkboxes, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/config/policy-schema.js';
import { caseCardBlocks, type CaseCardView } from '../../src/blocks/case-card.js';
import { caseSummaryBlocks } from '../../src/blocks/case-summary.js';
import { eventLine } from '../../src/blocks/event-lines.js';
import { CHECKLIST_MAX_STEPS, playbookChecklistBlocks, playbookTextBlocks, type PlaybookView } from '../../src/blocks/playbook-checklist.js';
import { checklist, playbookVersion } from '../../src/domain/playbook.js';
import { createWords } from '../../src/i18n/words.js';
import { parseChecklistClick } from '../../src/slack/case-reference.js';
import { expectBlocksWithinLimits } from '../support/slack-limits.js';
import { ATTACK, ATTACK_ESCAPED, NOW, findUnsafe, makeCase } from './fixtures.js';

const wordsIn = (language: Language) => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const en = wordsIn('en');

const STEPS = ['Thank the customer', 'Listen and confirm the facts', 'Apologise', 'Explain the cause', 'Fix it', 'Compensate', 'Confirm satisfaction'];
const TICKED_AT = new Date('2026-11-23T14:30:00Z');

function playbook(steps: readonly string[] = STEPS, doneIndexes: readonly number[] = [0, 2]): PlaybookView {
  const done = doneIndexes.map((index) => ({ index, text: steps[index] ?? '', doneBy: 'U0AAA0001', doneAt: TICKED_AT }));
  return { version: playbookVersion(steps), steps: checklist(steps, done) };
}

function view(overrides: Partial<CaseCardView> = {}): CaseCardView {
  return { case: makeCase(), categoryName: 'Late or damaged delivery', now: NOW, playbook: playbook(), ...overrides };
}

const checkboxGroups = (blocks: KnownBlock[]): Checkboxes[] =>
  blocks.filter((b): b is ActionsBlock => b.type === 'actions').flatMap((b) => b.elements.filter((e): e is Checkboxes => e.type === 'checkboxes'));
const sectionTexts = (blocks: KnownBlock[]): string[] =>
  blocks.filter((b): b is SectionBlock => b.type === 'section').flatMap((s) => (s.text ? [s.text.text] : []));

describe('the playbook checklist on the card', () => {
  it('shows the steps as checkboxes, the ticked ones ticked with when, under a heading that counts them', () => {
    const blocks = caseCardBlocks(en, view());
    expectBlocksWithinLimits(blocks);
    expect(sectionTexts(blocks)).toContain('*Playbook*: 2 of 7 steps done');
    const [group, ...others] = checkboxGroups(blocks);
    expect(others).toEqual([]);
    expect(group?.options.map((o) => o.text.text)).toEqual(STEPS);
    expect(group?.options.map((o) => o.value)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(group?.initial_options?.map((o) => o.value)).toEqual(['0', '2']);
    expect(group?.options[0]?.description?.text).toBe('Done 23 Nov, 15:30');
    expect(group?.options[1]?.description).toBeUndefined();
    // Slack ticks an initial option only when it is exactly one of the options.
    for (const initial of group?.initial_options ?? []) expect(group?.options).toContainEqual(initial);
  });

  it('sits between the facts and the card buttons, in blocks of its own', () => {
    const blocks = caseCardBlocks(en, view());
    const checklistAt = blocks.findIndex((b) => b.type === 'actions' && b.block_id?.startsWith('case_playbook_'));
    const buttonsAt = blocks.findIndex((b) => b.type === 'actions' && b.block_id === 'case_card_actions');
    expect(checklistAt).toBeGreaterThan(0);
    expect(buttonsAt).toBeGreaterThan(checklistAt);
  });

  it('names in each group the case, the steps it shows, how they were shown and the playbook version', () => {
    const [group] = checkboxGroups(caseCardBlocks(en, view()));
    const click = parseChecklistClick(group?.action_id, [{ value: '0' }, { value: '2' }, { value: '3' }]);
    expect(click).toEqual({
      caseId: makeCase().id,
      first: 0,
      shownDone: [true, false, true, false, false, false, false],
      selected: [0, 2, 3],
      version: playbookVersion(STEPS),
    });
  });

  it('splits a long playbook into groups of at most 10, one group to a block, each group naming its first step', () => {
    const steps = Array.from({ length: 25 }, (_, i) => `Step ${i + 1}`);
    const blocks = caseCardBlocks(en, view({ playbook: playbook(steps, [12]) }));
    expectBlocksWithinLimits(blocks);
    const groups = checkboxGroups(blocks);
    expect(groups.map((g) => g.options.length)).toEqual([10, 10, 5]);
    expect(blocks.filter((b) => b.type === 'actions' && b.block_id?.startsWith('case_playbook_'))).toHaveLength(3);
    expect(groups.map((g) => parseChecklistClick(g.action_id, [])?.first)).toEqual([0, 10, 20]);
    expect(groups[1]?.initial_options?.map((o) => o.value)).toEqual(['12']);
    expect(new Set(groups.map((g) => g.action_id)).size).toBe(3);
  });

  it('packs a very long playbook ten groups to a block and counts the steps beyond what a card holds', () => {
    const steps = Array.from({ length: CHECKLIST_MAX_STEPS + 37 }, (_, i) => `Step ${i + 1}`);
    const blocks = caseCardBlocks(en, view({ playbook: playbook(steps, []) }));
    expectBlocksWithinLimits(blocks);
    const checklistBlocks = blocks.filter((b): b is ActionsBlock => b.type === 'actions' && (b.block_id?.startsWith('case_playbook_') ?? false));
    expect(checklistBlocks.length).toBeLessThanOrEqual(5);
    for (const block of checklistBlocks) expect(block.elements.length).toBeLessThanOrEqual(10);
    expect(checkboxGroups(blocks).flatMap((g) => g.options)).toHaveLength(CHECKLIST_MAX_STEPS);
    const more = blocks.find((b): b is ContextBlock => b.type === 'context' && JSON.stringify(b).includes('/complaint show'));
    expect(JSON.stringify(more)).toContain('37 more steps are listed in `/complaint show`.');
  });

  it('cuts a long step to the 75 characters of an option, as plain text that cannot ping', () => {
    const steps = [`${ATTACK} ${'x'.repeat(200)}`, 'Apologise'];
    const blocks = caseCardBlocks(en, view({ playbook: playbook(steps, [0]) }));
    expectBlocksWithinLimits(blocks);
    const [group] = checkboxGroups(blocks);
    const text = group?.options[0]?.text;
    expect(text?.type).toBe('plain_text');
    expect(text?.text.length).toBeLessThanOrEqual(75);
    expect(text?.text.startsWith('<!channel> hi')).toBe(true);
    expect(text?.text.endsWith('…')).toBe(true);
  });

  it('shows a closed case’s playbook as text, without checkboxes', () => {
    const blocks = caseCardBlocks(en, view({ case: makeCase({ status: 'closed' }) }));
    expect(checkboxGroups(blocks)).toEqual([]);
    expect(sectionTexts(blocks).join('\n')).toContain(':white_check_mark: Thank the customer: ticked by <@U0AAA0001>, 23 Nov, 15:30');
  });

  it('shows nothing for a category without a playbook', () => {
    expect(playbookChecklistBlocks(en, makeCase(), playbook([], []))).toEqual([]);
    expect(playbookChecklistBlocks(en, makeCase(), undefined)).toEqual([]);
    expect(playbookTextBlocks(en, undefined)).toEqual([]);
  });

  it.each(LANGUAGES)('fits Slack’s limits in %s', (language) => {
    expectBlocksWithinLimits(caseCardBlocks(wordsIn(language), view()));
  });
});

describe('the playbook in /complaint show', () => {
  it('lists the steps done (who, when) and the steps left, in order, with typed text escaped', () => {
    const steps = [...STEPS.slice(0, 3), ATTACK];
    const blocks = caseSummaryBlocks(en, { ...view({ playbook: playbook(steps, [0, 2]) }), events: [] });
    expectBlocksWithinLimits(blocks);
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    const text = sectionTexts(blocks).find((t) => t.startsWith('*Playbook*'));
    expect(text?.split('\n')).toEqual([
      '*Playbook*: 2 of 4 steps done',
      ':white_check_mark: Thank the customer: ticked by <@U0AAA0001>, 23 Nov, 15:30',
      ':white_large_square: Listen and confirm the facts',
      ':white_check_mark: Apologise: ticked by <@U0AAA0001>, 23 Nov, 15:30',
      `:white_large_square: ${ATTACK_ESCAPED}`,
    ]);
    expect(findUnsafe(blocks)).toEqual([]);
  });

  it('keeps a long playbook within the 3000 characters of a section', () => {
    const steps = Array.from({ length: 60 }, (_, i) => `${'Step'.repeat(20)} ${i + 1}`);
    const blocks = playbookTextBlocks(en, playbook(steps, [1, 2, 3]));
    expect(blocks.length).toBeGreaterThan(1);
    expectBlocksWithinLimits(blocks);
    expect(blocks.map((b) => b.text?.text ?? '').join('\n').split('\n')).toHaveLength(61);
  });
});

describe('the playbook in every language', () => {
  const cases: Record<Language, { heading: string; done: string; left: string; option: string; ticked: string; unticked: string }> = {
    en: {
      heading: '*Playbook*: 2 of 7 steps done',
      done: ':white_check_mark: Thank the customer: ticked by <@U0AAA0001>, 23 Nov, 15:30',
      left: ':white_large_square: Listen and confirm the facts',
      option: 'Done 23 Nov, 15:30',
      ticked: ':ballot_box_with_check: <@U0AAA0001> ticked step 3 of the playbook: Apologise',
      unticked: '<@U0AAA0001> unticked step 3 of the playbook: Apologise',
    },
    pl: {
      heading: '*Procedura*: zrobiono 2 z 7 kroków',
      done: ':white_check_mark: Thank the customer: odhaczone przez <@U0AAA0001>, 23 lis, 15:30',
      left: ':white_large_square: Listen and confirm the facts',
      option: 'Zrobione 23 lis, 15:30',
      ticked: ':ballot_box_with_check: <@U0AAA0001> odhacza krok 3 procedury: Apologise',
      unticked: '<@U0AAA0001> cofa odhaczenie kroku 3 procedury: Apologise',
    },
    sv: {
      heading: '*Arbetsgång*: 2 av 7 steg klara',
      done: ':white_check_mark: Thank the customer: avbockat av <@U0AAA0001>, 23 nov. 15:30',
      left: ':white_large_square: Listen and confirm the facts',
      option: 'Klart 23 nov. 15:30',
      ticked: ':ballot_box_with_check: <@U0AAA0001> bockade av steg 3 i arbetsgången: Apologise',
      unticked: '<@U0AAA0001> tog bort bocken för steg 3 i arbetsgången: Apologise',
    },
    ru: {
      heading: '*Порядок действий*: выполнено 2 из 7 шагов',
      done: ':white_check_mark: Thank the customer: отмечено — <@U0AAA0001>, 23 нояб., 15:30',
      left: ':white_large_square: Listen and confirm the facts',
      option: 'Выполнено 23 нояб., 15:30',
      ticked: ':ballot_box_with_check: <@U0AAA0001> отмечает шаг 3 порядка действий как выполненный: Apologise',
      unticked: '<@U0AAA0001> снимает отметку с шага 3 порядка действий: Apologise',
    },
  };

  it.each(LANGUAGES)('%s: the heading, the steps done and left, the tick’s time, the channel lines', (language) => {
    const words = wordsIn(language);
    const expected = cases[language];
    const lines = playbookTextBlocks(words, playbook()).map((b) => b.text?.text ?? '').join('\n').split('\n');
    expect(lines.slice(0, 3)).toEqual([expected.heading, expected.done, expected.left]);
    const [group] = checkboxGroups(caseCardBlocks(words, view()));
    expect(group?.options[0]?.description?.text).toBe(expected.option);
    const data = { step: 2, text: 'Apologise' };
    expect(eventLine(words, { kind: 'playbook_step_ticked', actorId: 'U0AAA0001', data })).toBe(expected.ticked);
    expect(eventLine(words, { kind: 'playbook_step_unticked', actorId: 'U0AAA0001', data })).toBe(expected.unticked);
  });

  it('counts steps with the plural forms of Polish and Russian', () => {
    const heading = (language: Language, total: number) =>
      playbookTextBlocks(wordsIn(language), playbook(Array.from({ length: total }, (_, i) => `S${i}`), [0]))[0]?.text?.text.split('\n')[0];
    expect([1, 2, 5, 21, 22].map((n) => heading('pl', n))).toEqual([
      '*Procedura*: zrobiono 1 z 1 kroku',
      '*Procedura*: zrobiono 1 z 2 kroków',
      '*Procedura*: zrobiono 1 z 5 kroków',
      '*Procedura*: zrobiono 1 z 21 kroków',
      '*Procedura*: zrobiono 1 z 22 kroków',
    ]);
    expect([1, 2, 5, 21, 22].map((n) => heading('ru', n))).toEqual([
      '*Порядок действий*: выполнено 1 из 1 шага',
      '*Порядок действий*: выполнено 1 из 2 шагов',
      '*Порядок действий*: выполнено 1 из 5 шагов',
      '*Порядок действий*: выполнено 1 из 21 шага',
      '*Порядок действий*: выполнено 1 из 22 шагов',
    ]);
  });
});
