import type { KnownBlock } from '@slack/types';
import type { Case } from '../domain/case.js';
import { DEADLINE_LABELS, type DeadlineKind } from '../domain/deadlines.js';
import { fitText, quoteUserText } from './plain-text.js';
import { ACTION_IDS } from './action-ids.js';
import { channelLink, formatTimeSpan, formatZonedTime } from './format.js';

interface ReminderInput {
  readonly case: Case;
  readonly kind: DeadlineKind;
  readonly dueAt: Date;
  readonly timeZone: string;
  readonly now: Date;
}

const SUMMARY_LENGTH = 200;

function where(c: Case): string {
  return c.channelId ? ` in ${channelLink(c.channelId)}` : '';
}

/**
 * The DM sent at `warn_at` of a deadline: which deadline, how long is left, where the case
 * lives, and a button for the step that meets it.
 */
export function deadlineWarningMessage(input: ReminderInput): { text: string; blocks: KnownBlock[] } {
  const c = input.case;
  const label = DEADLINE_LABELS[input.kind];
  const left = formatTimeSpan(input.dueAt.getTime() - input.now.getTime());
  const text = `:warning: ${label} for complaint #${c.number} is due in ${left} (${formatZonedTime(input.dueAt, input.timeZone)})${where(c)}.`;
  const button =
    input.kind === 'first_response'
      ? { action_id: ACTION_IDS.responded, text: 'First response sent', style: 'primary' as const }
      : { action_id: ACTION_IDS.resolve, text: 'Resolve', style: 'primary' as const };
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${text}\n${quoteUserText(c.summary, SUMMARY_LENGTH)}` } },
      {
        type: 'actions',
        block_id: 'deadline_warning_actions',
        elements: [{ type: 'button', action_id: button.action_id, text: { type: 'plain_text', text: button.text }, style: button.style, value: c.id }],
      },
    ],
  };
}

/** Where a lead stands with the case channel when told of a breach. */
export type LeadChannelState = 'invited' | 'not_invited' | 'no_channel';

/**
 * The DM to each lead when a deadline passed. `channel` says whether they were added to
 * the case channel, Slack refused to add them, or the case has no channel (its set-up
 * stopped on a Slack error); without a channel they are pointed to `/complaint show`.
 */
export function breachMessage(input: ReminderInput & { channel: LeadChannelState }): { text: string } {
  const c = input.case;
  const label = DEADLINE_LABELS[input.kind];
  const show = `\`/complaint show #${c.number}\``;
  const next = {
    invited: 'You have been added to the case channel.',
    not_invited: `Slack would not let Anthill add you to the case channel; see ${show}.`,
    no_channel: `Its channel could not be set up; see ${show}.`,
  }[input.channel];
  return {
    text:
      `:rotating_light: ${label} deadline for complaint #${c.number} passed ` +
      `(was due ${formatZonedTime(input.dueAt, input.timeZone)})${where(c)}: ${fitText(c.summary, SUMMARY_LENGTH, 'mrkdwn')}. ${next}`,
  };
}
