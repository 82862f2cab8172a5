import type { ActionsBlock, Button, KnownBlock, MrkdwnElement } from '@slack/types';
import { answersLeft, type Compensation, type CustomerAnswer } from '../domain/compensation.js';
import type { Words } from '../i18n/words.js';
import { ACTION_IDS } from './action-ids.js';
import { fieldSections, labelledField, sectionText } from './case-card.js';
import { answerLabel, kindLabel, peopleText } from './compensation-texts.js';
import { channelLink, userMention } from './format.js';
import { SLACK_LIMITS } from './limits.js';
import { fitText, quoteUserText } from './plain-text.js';

export const APPROVAL_ACTIONS_BLOCK_ID = 'comp_actions';

export interface ApprovalRequestView {
  readonly compensation: Compensation;
  readonly caseNumber: number;
  readonly caseChannelId: string | null;
  readonly claimedLossMinor: number | null;
  /** The category's `compensation_guide`, when it has one. */
  readonly guide?: string;
  /** The case's approved total now (this proposal included once approved). */
  readonly approvedTotalMinor: number;
  /** `dm`: the copy sent to one approver; `nudge`: the reminder after a business hour. */
  readonly copy: 'channel' | 'dm' | 'nudge';
  readonly now: Date;
}

const TEXT_LENGTH = 1500;

const ANSWER_ACTIONS: Record<CustomerAnswer, string> = {
  offered: ACTION_IDS.compOffered,
  accepted: ACTION_IDS.compAccepted,
  declined: ACTION_IDS.compDeclined,
};

/**
 * The approval request: who proposes what, the guide, the claimed loss (saying plainly
 * when the offer is below it), the case's approved total and who may decide; Approve and
 * Reject while pending, the decision in place of them afterwards, then the buttons for
 * the customer's answer. The same message goes to the channel and to each approver.
 *
 * @example
 * await slack.chat.update({ channel, ts, ...approvalRequestMessage(words, view) });
 */
export function approvalRequestMessage(words: Words, view: ApprovalRequestView): { text: string; blocks: KnownBlock[] } {
  const c = view.compensation;
  const amount = words.amount(c.amountMinor);
  const kind = kindLabel(words, c.kind);
  const caseNumber = String(view.caseNumber);
  const text = words.t('comp.request.text', { caseNumber, amount, kind, proposer: userMention(c.proposedBy) });
  const blocks: KnownBlock[] = [];
  if (view.copy === 'nudge') blocks.push(sectionText(words.t('comp.nudge.text', { caseNumber, since: words.dateTime(c.proposedAt) })));
  if (view.copy !== 'channel' && view.caseChannelId) blocks.push(sectionText(words.t('comp.request.dmIntro', { caseNumber, channel: channelLink(view.caseChannelId) })));
  blocks.push(sectionText(`*${words.t('comp.request.title', { caseNumber })}*\n${words.t('comp.request.proposedBy', { proposer: userMention(c.proposedBy), amount, kind })}`));

  const fields: MrkdwnElement[] = [
    labelledField(words.t('comp.request.field.amount'), amount),
    labelledField(words.t('comp.request.field.kind'), kind),
    labelledField(words.t('comp.request.field.approvedTotal'), words.amount(view.approvedTotalMinor)),
    labelledField(
      words.t('comp.request.field.claimedLoss'),
      view.claimedLossMinor === null ? words.t('comp.request.noClaimedLoss') : words.amount(view.claimedLossMinor),
    ),
  ];
  blocks.push(...fieldSections(fields));
  if (view.claimedLossMinor !== null && c.amountMinor < view.claimedLossMinor) {
    blocks.push(
      sectionText(words.t('comp.request.belowClaimed', { gap: words.amount(view.claimedLossMinor - c.amountMinor), claimed: words.amount(view.claimedLossMinor) })),
    );
  }
  const details: string[] = [];
  if (c.note) details.push(`*${words.t('comp.request.note')}*\n${quoteUserText(c.note, TEXT_LENGTH)}`);
  if (c.customerAsked) details.push(`*${words.t('comp.request.asked')}*\n${quoteUserText(c.customerAsked, TEXT_LENGTH)}`);
  if (view.guide?.trim()) details.push(`*${words.t('comp.request.guide')}*\n${quoteUserText(view.guide.trim(), TEXT_LENGTH)}`);
  if (details.length > 0) blocks.push(sectionText(details.join('\n')));

  if (c.state === 'pending') {
    blocks.push(sectionText(words.t('comp.request.approvers', { people: peopleText(words, c.approverIds) })));
    blocks.push(actions([button(words, ACTION_IDS.compApprove, 'comp.button.approve', c.id, 'primary'), button(words, ACTION_IDS.compReject, 'comp.button.reject', c.id, 'danger')]));
  } else {
    const by = userMention(c.decidedBy, words.t('line.someone'));
    const at = c.decidedAt ? words.dateTime(c.decidedAt) : '—';
    blocks.push(
      sectionText(
        c.state === 'approved'
          ? words.t('comp.request.approved', { by, at })
          : // A quote only reads as one from the start of a line.
            words.t('comp.request.rejected', { by, at, reason: `\n${quoteUserText(c.rejectReason ?? '', TEXT_LENGTH)}` }),
      ),
    );
  }
  if (c.state === 'approved') {
    if (c.customerAnswer) {
      const answeredAt = c.answeredAt ? words.dateTime(c.answeredAt) : '—';
      blocks.push(sectionText(words.t('comp.request.answer', { answer: answerLabel(words, c.customerAnswer), by: userMention(c.answeredBy, words.t('line.someone')), at: answeredAt })));
      if (c.customerWants) blocks.push(sectionText(`*${words.t('comp.request.wants')}*\n${quoteUserText(c.customerWants, TEXT_LENGTH)}`));
    }
    const left = answersLeft(c.customerAnswer);
    if (left.length > 0) blocks.push(actions(left.map((answer) => button(words, ANSWER_ACTIONS[answer], `comp.button.${answer}`, c.id))));
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: words.t('card.updated', { at: words.dateTime(view.now) }) }] });
  return { text: fitText(text, SLACK_LIMITS.sectionText, 'markup'), blocks };
}

function actions(elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: APPROVAL_ACTIONS_BLOCK_ID, elements };
}

function button(words: Words, actionId: string, label: Parameters<Words['t']>[0], value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: fitText(words.t(label), SLACK_LIMITS.buttonText, 'plain_text') },
    value,
    ...(style && { style }),
  };
}
