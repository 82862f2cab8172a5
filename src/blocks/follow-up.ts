import type { KnownBlock } from '@slack/types';
import type { Case } from '../domain/case.js';
import type { Words } from '../i18n/words.js';
import { ACTION_IDS } from './action-ids.js';
import { channelLink, userMention } from './format.js';
import { quoteUserText } from './plain-text.js';

/** How many follow-ups a case gets at most; the DMs say "2 of 3". */
export const FOLLOW_UP_ROUNDS_SHOWN = 3;

const SUMMARY_LENGTH = 200;

/** Where the case lives: its channel, or `/complaint show #N` while it has none. */
function where(words: Words, c: Pick<Case, 'number' | 'channelId'>): string {
  return c.channelId ? words.t('followUp.where', { channel: channelLink(c.channelId) }) : words.t('followUp.where.noChannel', { number: c.number });
}

/**
 * The DM `follow_up_after` after resolving (and after each Not yet): check that the
 * customer is satisfied, with Customer satisfied and Not yet; each button carries the round's id.
 *
 * @example
 * followUpMessage(words, { case: c, followUpId: '7', round: 1 }).text
 * // ':telephone_receiver: Check that the customer is satisfied with how complaint #42 was resolved. The case is in <#C0CASE042>.'
 */
export function followUpMessage(words: Words, input: { case: Case; followUpId: string; round: number }): { text: string; blocks: KnownBlock[] } {
  const c = input.case;
  const ask =
    input.round <= 1
      ? words.t('followUp.ask', { number: c.number })
      : words.t('followUp.askAgain', { number: c.number, round: input.round, rounds: FOLLOW_UP_ROUNDS_SHOWN });
  const text = `${ask} ${where(words, c)}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${text}\n${quoteUserText(c.summary, SUMMARY_LENGTH)}` } },
      {
        type: 'actions',
        block_id: 'follow_up_actions',
        elements: [
          {
            type: 'button',
            action_id: ACTION_IDS.followUpSatisfied,
            text: { type: 'plain_text', text: words.t('followUp.button.satisfied') },
            style: 'primary',
            value: input.followUpId,
          },
          { type: 'button', action_id: ACTION_IDS.followUpNotYet, text: { type: 'plain_text', text: words.t('followUp.button.notYet') }, value: input.followUpId },
        ],
      },
    ],
  };
}

/** What the follow-up DM says once answered (it replaces the question, so its buttons go). */
export function followUpAnsweredText(
  words: Words,
  input: { number: number; answer: 'satisfied' | 'not_yet'; nextAt?: Date },
): string {
  if (input.answer === 'satisfied') return words.t('followUp.answered.satisfied', { number: input.number });
  return input.nextAt
    ? words.t('followUp.answered.notYet', { number: input.number, at: words.dateTime(input.nextAt) })
    : words.t('followUp.answered.lastNotYet', { number: input.number });
}

/** The answer to a round already answered, or cancelled by reopening the case. */
export function followUpStaleText(words: Words, number: number): string {
  return words.t('followUp.stale', { number });
}

/** The DM to each lead after the last Not yet: the customer is still not satisfied. */
export function followUpLeadsMessage(words: Words, input: { case: Case; answeredBy: string | null }): { text: string } {
  const c = input.case;
  const told = words.t('followUp.leads', { number: c.number, rounds: FOLLOW_UP_ROUNDS_SHOWN, actor: userMention(input.answeredBy, words.t('line.someone')) });
  return { text: `${told} ${where(words, c)}` };
}
