import type { KnownBlock } from '@slack/types';
import type { Case } from '../domain/case.js';
import type { DeadlineKind } from '../domain/deadlines.js';
import type { Words } from '../i18n/words.js';
import { fitText, quoteUserText } from './plain-text.js';
import { ACTION_IDS } from './action-ids.js';
import { channelLink } from './format.js';

interface ReminderInput {
  readonly case: Case;
  readonly kind: DeadlineKind;
  readonly dueAt: Date;
  readonly now: Date;
}

const SUMMARY_LENGTH = 200;

/**
 * The DM sent at `warn_at` of a deadline: which deadline, how long is left, where the case
 * lives, and a button for the step that meets it.
 *
 * @example
 * deadlineWarningMessage(words, { case: c, kind: 'first_response', dueAt, now }).text
 * // ':warning: First response for complaint #42 is due in 45 mins (Mon, 23 Nov 2026, 16:45 CET) in <#C0CASE042>.'
 */
export function deadlineWarningMessage(words: Words, input: ReminderInput): { text: string; blocks: KnownBlock[] } {
  const c = input.case;
  const params = {
    deadline: input.kind,
    number: c.number,
    span: words.span(input.dueAt.getTime() - input.now.getTime()),
    due: words.dateTime(input.dueAt),
  };
  const text = c.channelId
    ? words.t('reminder.warning', { ...params, channel: channelLink(c.channelId) })
    : words.t('reminder.warning.noChannel', params);
  const button =
    input.kind === 'first_response'
      ? { action_id: ACTION_IDS.responded, text: words.t('card.button.responded') }
      : { action_id: ACTION_IDS.resolve, text: words.t('card.button.resolve') };
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${text}\n${quoteUserText(c.summary, SUMMARY_LENGTH)}` } },
      {
        type: 'actions',
        block_id: 'deadline_warning_actions',
        elements: [{ type: 'button', action_id: button.action_id, text: { type: 'plain_text', text: button.text }, style: 'primary', value: c.id }],
      },
    ],
  };
}

/** Where a lead stands with the case channel when told of a breach. */
export type LeadChannelState = 'invited' | 'not_invited' | 'no_channel';

const NEXT_STEP = { invited: 'breach.invited', not_invited: 'breach.notInvited', no_channel: 'breach.noChannel' } as const;

/**
 * The DM to each lead when a deadline passed. `channel` says whether they were added to
 * the case channel, Slack refused to add them, or the case has no channel (its set-up
 * stopped on a Slack error); without a channel they are pointed to `/complaint show`.
 */
export function breachMessage(words: Words, input: ReminderInput & { channel: LeadChannelState }): { text: string } {
  const c = input.case;
  const params = {
    deadline: input.kind,
    number: c.number,
    due: words.dateTime(input.dueAt),
    summary: fitText(c.summary, SUMMARY_LENGTH, 'mrkdwn'),
  };
  const passed = c.channelId
    ? words.t('breach.passed', { ...params, channel: channelLink(c.channelId) })
    : words.t('breach.passed.noChannel', params);
  return { text: `${passed} ${words.t(NEXT_STEP[input.channel], { number: c.number })}` };
}
