import type { View } from '@slack/types';
import { fitText } from './plain-text.js';
import { SLACK_LIMITS } from './limits.js';
import type { Words } from '../i18n/words.js';

export const RESOLVE_CALLBACK_ID = 'case_resolve';
export const RESOLVE_FIELD = { blockId: 'resolve_how', actionId: 'how' } as const;
const HOW_MAX_LENGTH = 3000;
const SUMMARY_LENGTH = 500;

/**
 * Asks how the case was resolved, in the team's language; the case id travels in `private_metadata`.
 *
 * @example
 * await client.views.open({ trigger_id, view: resolveModal(ctx.words, { caseId, number: 42, summary }) });
 */
export function resolveModal(words: Words, input: { caseId: string; number: number; summary: string }): View {
  return {
    type: 'modal',
    callback_id: RESOLVE_CALLBACK_ID,
    private_metadata: input.caseId,
    title: { type: 'plain_text', text: fitText(words.t('resolve.title', { caseNumber: String(input.number) }), SLACK_LIMITS.viewTitle, 'plain_text') },
    submit: { type: 'plain_text', text: words.t('resolve.submit') },
    close: { type: 'plain_text', text: words.t('resolve.cancel') },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: fitText(input.summary, SUMMARY_LENGTH, 'mrkdwn') || words.t('resolve.noSummary') } },
      {
        type: 'input',
        block_id: RESOLVE_FIELD.blockId,
        label: { type: 'plain_text', text: words.t('resolve.label') },
        element: { type: 'plain_text_input', action_id: RESOLVE_FIELD.actionId, multiline: true, max_length: HOW_MAX_LENGTH },
      },
    ],
  };
}
