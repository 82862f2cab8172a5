import type { Button, KnownBlock, SectionBlock } from '@slack/types';
import type { ActionItem } from '../domain/action-item.js';
import { byDueDate, dueState } from '../domain/action-item-rules.js';
import type { Case } from '../domain/case.js';
import type { Words } from '../i18n/words.js';
import { ACTION_IDS } from './action-ids.js';
import { channelLink, userMention } from './format.js';
import { SLACK_LIMITS } from './limits.js';
import { fitText, quoteUserText } from './plain-text.js';

/** Most items `/complaint list actions` shows; one section each, so the header, a notice and "and N more" fit 50 blocks. */
export const ACTION_ITEM_LIST_MAX = 40;

/**
 * `block_id`s of the Done buttons: each item of the list has `action_items_list:<item id>`,
 * the due-date DM has `action_item_due`. The listener tells by them what to put in place
 * of the clicked message: the list again, or the DM's answer.
 */
export const ACTION_ITEM_LIST_BLOCK = 'action_items_list';
export const ACTION_ITEM_DM_BLOCK = 'action_item_due';

const DESCRIPTION_LENGTH = 500;
const LINE_DESCRIPTION_LENGTH = 3000;

/** One open item of the list, with its case's number and channel. */
export interface ActionItemListEntry {
  readonly item: Pick<ActionItem, 'id' | 'description' | 'ownerId' | 'dueOn'>;
  readonly caseNumber: number;
  readonly channelId: string | null;
}

export interface ActionItemListView {
  readonly items: readonly ActionItemListEntry[];
  /** All open items when `items` is only the first page; drives the `and N more` line. */
  readonly total?: number;
  /** Today in the workspace zone, `YYYY-MM-DD`: what is overdue. */
  readonly today: string;
  /** Safe mrkdwn above the list: what the last click did. */
  readonly notice?: string;
}

/** Which message a Done button was clicked in, from its `block_id`. */
export function actionItemSurface(blockId: unknown): 'list' | 'dm' {
  return typeof blockId === 'string' && blockId.startsWith(`${ACTION_ITEM_LIST_BLOCK}:`) ? 'list' : 'dm';
}

function doneButton(words: Words, itemId: string): Button {
  return {
    type: 'button',
    action_id: ACTION_IDS.actionItemDone,
    text: { type: 'plain_text', text: fitText(words.t('actions.button.done'), SLACK_LIMITS.buttonText, 'plain_text') },
    style: 'primary',
    value: itemId,
  };
}

/** When it is due, marked when it is overdue or due today. */
function dueText(words: Words, dueOn: string, today: string): string {
  const date = words.day(dueOn);
  switch (dueState(dueOn, today)) {
    case 'overdue':
      return words.t('actions.due.overdue', { date });
    case 'today':
      return words.t('actions.due.today', { date });
    case 'upcoming':
      return words.t('actions.due.upcoming', { date });
  }
}

function entryText(words: Words, entry: ActionItemListEntry, today: string): string {
  const facts = [
    `*#${entry.caseNumber}*`,
    ...(entry.channelId !== null ? [channelLink(entry.channelId)] : []),
    dueText(words, entry.item.dueOn, today),
    words.t('actions.owner', { owner: userMention(entry.item.ownerId) }),
  ];
  return fitText(`${facts.join(' · ')}\n${quoteUserText(entry.item.description, DESCRIPTION_LENGTH)}`, SLACK_LIMITS.sectionText, 'markup');
}

/**
 * `/complaint list actions`: the workspace's open action items, earliest due first (the
 * overdue ones lead, marked), each with its case number and channel, its owner, its due
 * day in the team's language and a Done button; at most 40, then how many more there are.
 *
 * @example
 * await respond({ response_type: 'ephemeral', ...actionItemListMessage(words, { items, total, today: '2026-12-02' }) });
 */
export function actionItemListMessage(words: Words, view: ActionItemListView): { text: string; blocks: KnownBlock[] } {
  const shown = byDueDate(view.items).slice(0, ACTION_ITEM_LIST_MAX);
  const total = Math.max(view.total ?? 0, view.items.length);
  const text = total === 0 ? words.t('actions.list.none') : words.t('actions.list.count', { count: total });
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: fitText(words.t('actions.list.title'), SLACK_LIMITS.headerText, 'plain_text') } }];
  if (view.notice) blocks.push(section(fitText(view.notice, SLACK_LIMITS.sectionText, 'markup')));
  if (shown.length === 0) {
    blocks.push(section(words.t('actions.list.none')));
    return { text, blocks };
  }
  for (const entry of shown) {
    blocks.push({ ...section(entryText(words, entry, view.today)), block_id: `${ACTION_ITEM_LIST_BLOCK}:${entry.item.id}`, accessory: doneButton(words, entry.item.id) });
  }
  const more = total - shown.length;
  if (more > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: words.t('show.listMore', { count: more }) }] });
  return { text, blocks };
}

/** Where the case lives, for a DM: its channel, or `/complaint show #N` while it has none. */
function where(words: Words, c: Pick<Case, 'number' | 'channelId'>): string {
  return c.channelId ? words.t('actions.dm.where', { channel: channelLink(c.channelId) }) : words.t('actions.dm.where.noChannel', { number: c.number });
}

/**
 * The DM to an item's owner on its due day (or later, when it was written down late),
 * with the Done button.
 *
 * @example
 * actionItemDueMessage(words, { item, case: c, today: '2026-12-02' }).text
 * // ':pushpin: Your action item from the retro of complaint #42 is due today. The case is in <#C0CASE042>.'
 */
export function actionItemDueMessage(
  words: Words,
  input: { item: Pick<ActionItem, 'id' | 'description' | 'dueOn'>; case: Pick<Case, 'number' | 'channelId'>; today: string },
): { text: string; blocks: KnownBlock[] } {
  const { item } = input;
  const number = input.case.number;
  const due = dueState(item.dueOn, input.today) === 'overdue' ? words.t('actions.dm.overdue', { number, date: words.day(item.dueOn) }) : words.t('actions.dm.today', { number });
  const text = `${due} ${where(words, input.case)}`;
  const body = `${text}\n${quoteUserText(item.description, DESCRIPTION_LENGTH)}\n${words.t('actions.dm.hint')}`;
  return {
    text,
    blocks: [
      section(fitText(body, SLACK_LIMITS.sectionText, 'markup')),
      { type: 'actions', block_id: ACTION_ITEM_DM_BLOCK, elements: [doneButton(words, item.id)] },
    ],
  };
}

/** What the list says above itself once an item is marked done. */
export function actionItemDoneNotice(words: Words, input: { number: number; description: string }): string {
  return words.t('actions.done.notice', { number: input.number, description: fitText(input.description, DESCRIPTION_LENGTH, 'mrkdwn') });
}

/** What replaces the due-date DM once its item is marked done (its button goes). */
export function actionItemDoneDmText(words: Words, input: { number: number; description: string }): string {
  return `${words.t('actions.dm.done', { number: input.number })}\n${quoteUserText(input.description, DESCRIPTION_LENGTH)}`;
}

/** The answer to Done on an item someone already marked done: who, when; nothing changes. */
export function actionItemAlreadyDoneText(words: Words, input: { number: number; doneBy: string | null; doneAt: Date }): string {
  const actor = userMention(input.doneBy, words.t('line.someone'));
  return words.t('actions.done.already', { number: input.number, actor, at: words.dateTime(input.doneAt) });
}

/** The case channel's line (and the timeline's) for an item marked done; the description escaped. */
export function actionItemDoneLine(words: Words, input: { actor: string; description: unknown }): string {
  const description = typeof input.description === 'string' ? fitText(input.description, LINE_DESCRIPTION_LENGTH, 'mrkdwn') : '';
  return words.t('actions.line.done', { actor: input.actor, description });
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}
