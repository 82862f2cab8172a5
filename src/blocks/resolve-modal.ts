import type { View } from '@slack/types';
import { fitText } from './plain-text.js';
import { SLACK_LIMITS } from './limits.js';

export const RESOLVE_CALLBACK_ID = 'case_resolve';
export const RESOLVE_FIELD = { blockId: 'resolve_how', actionId: 'how' } as const;
const HOW_MAX_LENGTH = 3000;
const SUMMARY_LENGTH = 500;

/**
 * Asks how the case was resolved; the case id travels in `private_metadata`.
 *
 * @example
 * await client.views.open({ trigger_id, view: resolveModal({ caseId, number: 42, summary }) });
 */
export function resolveModal(input: { caseId: string; number: number; summary: string }): View {
  return {
    type: 'modal',
    callback_id: RESOLVE_CALLBACK_ID,
    private_metadata: input.caseId,
    title: { type: 'plain_text', text: fitText(`Resolve #${input.number}`, SLACK_LIMITS.viewTitle, 'plain_text') },
    submit: { type: 'plain_text', text: 'Resolve' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: fitText(input.summary, SUMMARY_LENGTH, 'mrkdwn') || '_No summary_' } },
      {
        type: 'input',
        block_id: RESOLVE_FIELD.blockId,
        label: { type: 'plain_text', text: 'How was it resolved?' },
        element: { type: 'plain_text_input', action_id: RESOLVE_FIELD.actionId, multiline: true, max_length: HOW_MAX_LENGTH },
      },
    ],
  };
}
