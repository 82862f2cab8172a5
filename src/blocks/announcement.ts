import type { KnownBlock } from '@slack/types';
import type { Case } from '../domain/case.js';
import { fitText } from './plain-text.js';
import { ACTION_IDS } from './action-ids.js';
import { SEVERITY_LABELS, SEVERITY_TEXT, channelLink } from './format.js';

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
 * The "stick in the anthill" post for the team channel: the one deliberate `<!here>`,
 * the summary and a link to the case channel (and a Join button when that channel is
 * private, since a link to a private channel opens nothing for someone outside it).
 *
 * @example
 * await client.chat.postMessage({ channel: policy.teamChannel, ...announcementMessage({ case: c, channelId, categoryName }) });
 */
export function announcementMessage(input: AnnouncementInput): SlackMessage {
  const c = input.case;
  const summary = fitText(c.summary, SUMMARY_LENGTH, 'mrkdwn');
  const channel = channelLink(input.channelId);
  const details = [
    `*Severity:* ${SEVERITY_LABELS[c.severity]}`,
    `*Category:* ${fitText(input.categoryName, CATEGORY_LENGTH, 'mrkdwn')}`,
    `*Case channel:* ${channel}`,
  ].join('   ');
  return {
    text: `<!here> New complaint #${c.number}: ${summary} · ${SEVERITY_TEXT[c.severity]} · ${channel}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `<!here> :mega: *New complaint #${c.number}*: ${summary}` },
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: details }],
      },
      ...(input.withJoinButton ? [joinButton(c.id)] : []),
    ],
  };
}

function joinButton(caseId: string): KnownBlock {
  return {
    type: 'actions',
    block_id: 'announcement_join',
    elements: [{ type: 'button', action_id: ACTION_IDS.join, value: caseId, style: 'primary', text: { type: 'plain_text', text: 'Join the case channel' } }],
  };
}
