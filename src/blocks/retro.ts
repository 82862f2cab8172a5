import type { KnownBlock, ModalView } from '@slack/types';
import type { ActionItem } from '../domain/action-item.js';
import type { Case } from '../domain/case.js';
import { ROOT_CAUSES } from '../domain/closure.js';
import type { RetroNote, RetroRefusal } from '../domain/retro.js';
import type { Words } from '../i18n/words.js';
import { ACTION_IDS } from './action-ids.js';
import { channelLink, userMention } from './format.js';
import { SLACK_LIMITS } from './limits.js';
import { fitText, quoteUserText } from './plain-text.js';
import { causeLabel, dayText } from './retro-texts.js';

const SUMMARY_LENGTH = 200;
/** Longest a note's answer is shown in the summary; the whole note stays with the case. */
const ENTRY_LENGTH = 500;
const ACTION_LENGTH = 300;
const LINE_LENGTH = SLACK_LIMITS.sectionText - 100;

type CaseView = Pick<Case, 'number' | 'summary' | 'channelId'>;

/** Where the case lives: its channel, or `/complaint show #N` while it has none. */
function where(words: Words, c: CaseView): string {
  return c.channelId ? words.t('retro.where', { channel: channelLink(c.channelId) }) : words.t('retro.where.noChannel', { number: c.number });
}

function writeButton(words: Words, closureId: string): KnownBlock {
  return {
    type: 'actions',
    block_id: 'retro_actions',
    elements: [
      { type: 'button', action_id: ACTION_IDS.retroWrite, style: 'primary', text: { type: 'plain_text', text: fitText(words.t('retro.button.write'), SLACK_LIMITS.buttonText, 'plain_text') }, value: closureId },
    ],
  };
}

function askMessage(words: Words, input: { case: CaseView; closureId: string; dueAt: Date }, lead: string): { text: string; blocks: KnownBlock[] } {
  const c = input.case;
  const text = `${lead} ${where(words, c)}`;
  const summary = c.summary.trim() ? `\n${quoteUserText(c.summary, SUMMARY_LENGTH)}` : '';
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${text}${summary}` } },
      writeButton(words, input.closureId),
      { type: 'context', elements: [{ type: 'mrkdwn', text: words.t('retro.ask.after', { due: words.dateTime(input.dueAt) }) }] },
    ],
  };
}

/**
 * The DM to each participant when a case closes: asks for retro notes by the due time,
 * with the button that opens the retro form (its value is the close's id).
 *
 * @example
 * retroAskMessage(words, { case: c, closureId: '7', dueAt }).text
 * // ':memo: Complaint #42 is closed. What can we learn from it? … The case is in <#C0CASE042>.'
 */
export function retroAskMessage(words: Words, input: { case: CaseView; closureId: string; dueAt: Date }): { text: string; blocks: KnownBlock[] } {
  return askMessage(words, input, words.t('retro.ask', { number: input.case.number, due: words.dateTime(input.dueAt) }));
}

/** The one reminder, at half of `retro_due`, to those asked who have not written their notes. */
export function retroReminderMessage(words: Words, input: { case: CaseView; closureId: string; dueAt: Date }): { text: string; blocks: KnownBlock[] } {
  return askMessage(words, input, words.t('retro.remind', { number: input.case.number, due: words.dateTime(input.dueAt) }));
}

/** Lines packed into as few sections as fit Slack's 3000 characters each. */
function sections(lines: readonly string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const line of lines.map((l) => fitText(l, LINE_LENGTH, 'markup'))) {
    if (current && current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
  return blocks;
}

export interface RetroSummaryInput {
  readonly case: CaseView;
  readonly notes: readonly RetroNote[];
  readonly actionItems: readonly ActionItem[];
  /** Everyone asked (and anyone who wrote unasked). */
  readonly asked: readonly string[];
  /** Those asked who wrote nothing. */
  readonly missing: readonly string[];
  /** Of those, the people Slack could not reach. */
  readonly unreachable: readonly string[];
}

/** A person's words in a list, escaped and shortened, with who wrote them. */
const entry = (text: string, authorId: string, max: number): string => `• ${fitText(text.replace(/\s+/g, ' ').trim(), max, 'mrkdwn')} — ${userMention(authorId)}`;

/**
 * The retro summary, posted in the case channel and the team channel: how many wrote
 * notes, the root causes counted (with causes in the authors' words), what went well,
 * the lessons, the action items with owners and due days, and who did not answer.
 * Everything people typed is escaped; it stays within Slack's limits however much was written.
 *
 * @example
 * await ctx.slack.chat.postMessage({ channel, ...retroSummaryMessage(ctx.words, input) });
 */
export function retroSummaryMessage(words: Words, input: RetroSummaryInput): { text: string; blocks: KnownBlock[] } {
  const c = input.case;
  const counted = words.t('retro.summary.count', { answered: input.notes.length, asked: Math.max(input.asked.length, input.notes.length) });
  const text = words.t('retro.summary.text', { number: c.number, counted });
  const head: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: fitText(words.t('retro.summary.title', { number: c.number }), SLACK_LIMITS.headerText, 'plain_text') } },
    { type: 'section', text: { type: 'mrkdwn', text: [`${where(words, c)} ${counted}`, c.summary.trim() ? quoteUserText(c.summary, SUMMARY_LENGTH) : ''].filter(Boolean).join('\n') } },
  ];
  const body: KnownBlock[] = [];
  if (input.notes.length === 0) {
    body.push(...sections([words.t('retro.summary.noNotes')]));
  } else {
    // The list's order, then any stored cause this version does not know.
    const order = [...new Set<string>([...ROOT_CAUSES, ...input.notes.map((note) => note.rootCause)])];
    const causeLines = order.flatMap((cause) => {
      const notes = input.notes.filter((note) => note.rootCause === cause);
      if (notes.length === 0) return [];
      const details = notes.filter((note) => note.rootCauseDetail.trim()).map((note) => `    ${entry(note.rootCauseDetail, note.authorId, ENTRY_LENGTH)}`);
      return [words.t('retro.summary.cause', { cause: causeLabel(words, cause), count: notes.length }), ...details];
    });
    body.push(...sections([words.t('retro.summary.causes'), ...causeLines]));
    body.push(...sections([words.t('retro.summary.wentWell'), ...input.notes.map((note) => entry(note.wentWell, note.authorId, ENTRY_LENGTH))]));
    body.push(...sections([words.t('retro.summary.lessons'), ...input.notes.map((note) => entry(note.lesson, note.authorId, ENTRY_LENGTH))]));
  }
  const actions = input.actionItems.map((item) =>
    words.t('retro.summary.action', { description: fitText(item.description.replace(/\s+/g, ' ').trim(), ACTION_LENGTH, 'mrkdwn'), owner: userMention(item.ownerId), due: dayText(words, item.dueOn) }),
  );
  body.push(...sections([words.t('retro.summary.actions'), ...(actions.length > 0 ? actions : [words.t('retro.summary.noActions')])]));
  const missing = [
    ...(input.missing.length > 0 ? [words.t('retro.summary.missing', { people: words.list(input.missing.map((id) => userMention(id))) })] : []),
    ...(input.unreachable.length > 0 ? [words.t('retro.summary.unreachable', { people: words.list(input.unreachable.map((id) => userMention(id))) })] : []),
  ];
  if (missing.length > 0) body.push(...sections(missing));
  const tail: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: words.t('retro.summary.archiving', { number: c.number }) }] };
  const room = SLACK_LIMITS.blocksPerMessage - head.length - 1;
  const shown = body.length > room ? [...body.slice(0, room - 1), ...sections([words.t('retro.summary.more', { number: c.number })])] : body;
  return { text, blocks: [...head, ...shown, tail] };
}

/** What the person is told after saving their notes: in place of the form, so it stays readable. */
export function retroSavedView(
  words: Words,
  input: { caseNumber: number; rewritten: boolean; actionItem?: Pick<ActionItem, 'ownerId' | 'dueOn'>; summaryPostedAt: Date | null; summaryNow: boolean; dueAt: Date },
): ModalView {
  const lines = [
    words.t(input.rewritten ? 'retro.saved.rewritten' : 'retro.saved', { number: input.caseNumber }),
    ...(input.actionItem ? [words.t('retro.saved.action', { owner: userMention(input.actionItem.ownerId), due: dayText(words, input.actionItem.dueOn) })] : []),
    input.summaryPostedAt
      ? words.t('retro.saved.afterSummary', { at: words.dateTime(input.summaryPostedAt) })
      : input.summaryNow
        ? words.t('retro.saved.summaryNow')
        : words.t('retro.saved.summaryLater', { due: words.dateTime(input.dueAt) }),
  ];
  return {
    type: 'modal',
    callback_id: 'retro_saved',
    title: { type: 'plain_text', text: fitText(words.t('retro.form.title', { caseNumber: String(input.caseNumber) }), SLACK_LIMITS.viewTitle, 'plain_text') },
    close: { type: 'plain_text', text: fitText(words.t('retro.saved.close'), SLACK_LIMITS.buttonText, 'plain_text') },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n\n') } }],
  };
}

/**
 * Why the retro form cannot be opened or saved for this close: it is gone, or its case is
 * not closed (or was reopened since). Form problems are shown on their fields instead.
 *
 * @example
 * retroRefusalText(words, { ok: false, code: 'retro_not_closed', caseNumber: 42, reopened: true })
 * // 'Complaint #42 was reopened, so its retro is off for now. …'
 */
export function retroRefusalText(words: Words, refusal: Exclude<RetroRefusal, { code: 'retro_invalid' }>): string {
  if (refusal.code === 'retro_not_found') return words.t('retro.error.notFound');
  return words.t(refusal.reopened ? 'retro.error.reopened' : 'retro.error.notClosed', { number: refusal.caseNumber });
}
