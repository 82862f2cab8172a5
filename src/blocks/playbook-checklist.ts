import type { ActionsBlock, Checkboxes, KnownBlock, PlainTextOption, SectionBlock } from '@slack/types';
import type { Case } from '../domain/case.js';
import type { ChecklistStep } from '../domain/playbook.js';
import type { Words } from '../i18n/words.js';
import { checklistActionId } from './action-ids.js';
import { userMention } from './format.js';
import { SLACK_LIMITS } from './limits.js';
import { fitText } from './plain-text.js';

/** The case's playbook as the card and `/complaint show` display it. */
export interface PlaybookView {
  /** `playbookVersion` of the steps: a click on a card drawn from another version is refused. */
  readonly version: string;
  readonly steps: readonly ChecklistStep[];
}

/** Most blocks of checkboxes the card gives the checklist. */
export const CHECKLIST_MAX_BLOCKS = 5;
/** Most groups of 10 steps side by side in one block (Slack allows 25 elements; 10 still read as columns). */
export const CHECKLIST_GROUPS_PER_BLOCK = Math.min(10, SLACK_LIMITS.actionsElements);
/** Steps the card can show as checkboxes; a longer playbook's rest is in `/complaint show`. */
export const CHECKLIST_MAX_STEPS = CHECKLIST_MAX_BLOCKS * CHECKLIST_GROUPS_PER_BLOCK * SLACK_LIMITS.checkboxOptions;

const STEP_LINE_LENGTH = 300;

/**
 * The card's playbook: a heading with how many steps are done, then the steps as
 * checkboxes (ticked ones show when they were done), 10 to a group and one group to a block
 * (more to a block only for a very long playbook). A closed case shows the steps as text.
 * Nothing for a category without a playbook.
 *
 * @example
 * blocks.push(...playbookChecklistBlocks(words, view.case, view.playbook));
 */
export function playbookChecklistBlocks(words: Words, c: Pick<Case, 'id' | 'status'>, playbook: PlaybookView | undefined): KnownBlock[] {
  if (playbook === undefined || playbook.steps.length === 0) return [];
  if (c.status === 'closed') return playbookTextBlocks(words, playbook);
  const shown = playbook.steps.slice(0, CHECKLIST_MAX_STEPS);
  const groups: Checkboxes[] = [];
  for (let first = 0; first < shown.length; first += SLACK_LIMITS.checkboxOptions) {
    groups.push(checkboxGroup(words, c.id, playbook.version, shown.slice(first, first + SLACK_LIMITS.checkboxOptions)));
  }
  const perBlock = Math.min(CHECKLIST_GROUPS_PER_BLOCK, Math.ceil(groups.length / CHECKLIST_MAX_BLOCKS));
  const blocks: KnownBlock[] = [headingSection(words, playbook)];
  for (let i = 0; i < groups.length; i += perBlock) {
    const block: ActionsBlock = { type: 'actions', block_id: `case_playbook_${i / perBlock}`, elements: groups.slice(i, i + perBlock) };
    blocks.push(block);
  }
  const hidden = playbook.steps.length - shown.length;
  if (hidden > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: words.t('playbook.more', { count: hidden }) }] });
  return blocks;
}

/**
 * The playbook as text, for `/complaint show` and the card of a closed case: each step done
 * (who ticked it, when) or left.
 *
 * @example
 * blocks.push(...playbookTextBlocks(words, view.playbook));
 */
export function playbookTextBlocks(words: Words, playbook: PlaybookView | undefined): SectionBlock[] {
  if (playbook === undefined || playbook.steps.length === 0) return [];
  const lines = [words.t('playbook.heading', headingParams(playbook)), ...playbook.steps.map((step) => stepLine(words, step))];
  const sections: SectionBlock[] = [];
  let current = '';
  for (const line of lines) {
    if (current !== '' && current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      sections.push(section(current));
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') sections.push(section(current));
  return sections;
}

function stepLine(words: Words, step: ChecklistStep): string {
  const text = fitText(step.text, STEP_LINE_LENGTH, 'mrkdwn');
  if (step.done === undefined) return words.t('playbook.stepLeft', { step: text });
  return words.t('playbook.stepDone', { step: text, actor: userMention(step.done.byId), at: words.shortDateTime(step.done.at) });
}

function headingParams(playbook: PlaybookView): { done: number; total: number } {
  return { done: playbook.steps.filter((step) => step.done !== undefined).length, total: playbook.steps.length };
}

function headingSection(words: Words, playbook: PlaybookView): SectionBlock {
  return section(words.t('playbook.heading', headingParams(playbook)));
}

function section(markup: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: fitText(markup, SLACK_LIMITS.sectionText, 'markup') } };
}

function checkboxGroup(words: Words, caseId: string, version: string, steps: readonly ChecklistStep[]): Checkboxes {
  const first = steps[0]?.index ?? 0;
  const options = steps.map((step) => stepOption(words, step));
  const ticked = options.filter((_option, i) => steps[i]?.done !== undefined);
  return {
    type: 'checkboxes',
    action_id: checklistActionId({ caseId, first, shownDone: steps.map((step) => step.done !== undefined), version }),
    options,
    ...(ticked.length > 0 ? { initial_options: ticked } : {}),
  };
}

/** A step as a checkbox: its text as the policy words it (plain text: nothing in it can ping), and when it was done. */
function stepOption(words: Words, step: ChecklistStep): PlainTextOption {
  // The policy refuses blank steps; a blank one would make Slack refuse the whole card, so it shows its number.
  const text = step.text.trim() === '' ? String(step.index + 1) : fitText(step.text, SLACK_LIMITS.optionText, 'plain_text');
  const option: PlainTextOption = { text: { type: 'plain_text', text }, value: String(step.index) };
  if (step.done === undefined) return option;
  const done = words.t('playbook.doneAt', { at: words.shortDateTime(step.done.at) });
  return { ...option, description: { type: 'plain_text', text: fitText(done, SLACK_LIMITS.optionText, 'plain_text') } };
}
