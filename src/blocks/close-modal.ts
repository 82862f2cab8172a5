import type { KnownBlock, PlainTextOption, View } from '@slack/types';
import { CLOSE_OUTCOMES, SATISFACTION_SCORES } from '../domain/closure.js';
import type { Words } from '../i18n/words.js';
import { fitText } from './plain-text.js';
import { SLACK_LIMITS } from './limits.js';

export const CLOSE_CALLBACK_ID = 'case_close';

/** The close form's inputs: block id and action id of each. */
export const CLOSE_FIELDS = {
  outcome: { blockId: 'close_outcome', actionId: 'outcome' },
  explanation: { blockId: 'close_explanation', actionId: 'explanation' },
  satisfaction: { blockId: 'close_satisfaction', actionId: 'satisfaction' },
  agreement: { blockId: 'close_agreement', actionId: 'agreement' },
  thanked: { blockId: 'close_thanked', actionId: 'thanked' },
} as const;

/** Longest explanation and agreement: they go into the case record word for word. */
export const CLOSE_TEXT_MAX_LENGTH = 3000;
const SUMMARY_LENGTH = 500;

const option = (text: string, value: string): PlainTextOption => ({
  text: { type: 'plain_text', text: fitText(text, SLACK_LIMITS.optionText, 'plain_text') },
  value,
});

/**
 * The close form, in the team's language: outcome (with what the customer was told),
 * satisfaction 1–5, the agreement reached and whether the customer was thanked. The case
 * id travels in `private_metadata`.
 *
 * @example
 * await client.views.open({ trigger_id, view: closeModal(ctx.words, { caseId, number: 42, summary }) });
 */
export function closeModal(words: Words, input: { caseId: string; number: number; summary: string }): View {
  const outcomes = CLOSE_OUTCOMES.map((outcome) => option(words.t(`close.outcome.${outcome}`), outcome));
  const scores = SATISFACTION_SCORES.map((score) => option(words.t(`close.satisfaction.${score}`), String(score)));
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: fitText(input.summary, SUMMARY_LENGTH, 'mrkdwn') || words.t('resolve.noSummary') } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: words.t('close.intro') }] },
    {
      type: 'input',
      block_id: CLOSE_FIELDS.outcome.blockId,
      label: { type: 'plain_text', text: words.t('close.outcome.label') },
      element: { type: 'radio_buttons', action_id: CLOSE_FIELDS.outcome.actionId, options: outcomes },
    },
    {
      type: 'input',
      block_id: CLOSE_FIELDS.explanation.blockId,
      label: { type: 'plain_text', text: words.t('close.explanation.label') },
      element: { type: 'plain_text_input', action_id: CLOSE_FIELDS.explanation.actionId, multiline: true, max_length: CLOSE_TEXT_MAX_LENGTH },
    },
    {
      type: 'input',
      block_id: CLOSE_FIELDS.satisfaction.blockId,
      label: { type: 'plain_text', text: words.t('close.satisfaction.label') },
      element: { type: 'static_select', action_id: CLOSE_FIELDS.satisfaction.actionId, options: scores },
    },
    {
      type: 'input',
      block_id: CLOSE_FIELDS.agreement.blockId,
      label: { type: 'plain_text', text: words.t('close.agreement.label') },
      hint: { type: 'plain_text', text: words.t('close.agreement.hint') },
      element: { type: 'plain_text_input', action_id: CLOSE_FIELDS.agreement.actionId, multiline: true, max_length: CLOSE_TEXT_MAX_LENGTH },
    },
    {
      type: 'input',
      block_id: CLOSE_FIELDS.thanked.blockId,
      label: { type: 'plain_text', text: words.t('close.thanked.label') },
      element: {
        type: 'radio_buttons',
        action_id: CLOSE_FIELDS.thanked.actionId,
        options: [option(words.t('close.thanked.yes'), 'yes'), option(words.t('close.thanked.no'), 'no')],
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: CLOSE_CALLBACK_ID,
    private_metadata: input.caseId,
    title: { type: 'plain_text', text: fitText(words.t('close.title', { caseNumber: String(input.number) }), SLACK_LIMITS.viewTitle, 'plain_text') },
    submit: { type: 'plain_text', text: fitText(words.t('close.submit'), SLACK_LIMITS.buttonText, 'plain_text') },
    close: { type: 'plain_text', text: fitText(words.t('close.cancel'), SLACK_LIMITS.buttonText, 'plain_text') },
    blocks,
  };
}
