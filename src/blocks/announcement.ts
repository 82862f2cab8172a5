import type { KnownBlock } from '@slack/types';
import type { Case } from '../domain/case.js';
import type { Words } from '../i18n/words.js';
import { fitText } from './plain-text.js';
import { ACTION_IDS } from './action-ids.js';
import { channelLink, severityLabel, severityText } from './format.js';
import { SLACK_LIMITS } from './limits.js';

export interface AnnouncementInput {
  case: Case;
  /** The new case channel. */
  channelId: string;
  categoryName: string;
  /** Private case channels: a Join button lets the team in (each click is checked). */
  withJoinButton?: boolean;
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Keeps the post short; every part is bounded, so the blocks stay far below the limits. */
const SUMMARY_LENGTH = 500;
const CATEGORY_LENGTH = 200;

/**
 * The "stick in the anthill" post for the team channel, in the team's language: the one
 * deliberate `<!here>` (written here, so no translation can drop or repeat it), the
 * summary and a link to the case channel (and a Join button when that channel is
 * private, since a link to a private channel opens nothing for someone outside it).
 *
 * @example
 * await client.chat.postMessage({ channel: policy.teamChannel, ...announcementMessage(ctx.words, { case: c, channelId, categoryName }) });
 */
export function announcementMessage(words: Words, input: AnnouncementInput): SlackMessage {
  const c = input.case;
  const summary = fitText(c.summary, SUMMARY_LENGTH, 'mrkdwn');
  const channel = channelLink(input.channelId);
  const details = words.t('announce.details', {
    severity: severityLabel(words, c.severity),
    category: fitText(input.categoryName, CATEGORY_LENGTH, 'mrkdwn'),
    channel,
  });
  return {
    text: `<!here> ${words.t('announce.text', { number: c.number, summary, severity: severityText(words, c.severity), channel })}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `<!here> :mega: ${words.t('announce.heading', { number: c.number, summary })}` },
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: details }],
      },
      ...(input.withJoinButton ? [joinButton(words, c.id)] : []),
    ],
  };
}

function joinButton(words: Words, caseId: string): KnownBlock {
  const text = fitText(words.t('announce.join'), SLACK_LIMITS.buttonText, 'plain_text');
  return {
    type: 'actions',
    block_id: 'announcement_join',
    elements: [{ type: 'button', action_id: ACTION_IDS.join, value: caseId, style: 'primary', text: { type: 'plain_text', text } }],
  };
}
