import type { ModalView } from '@slack/types';
import type { Words } from '../i18n/words.js';
import { INTAKE_CALLBACK_ID } from './intake-modal.js';
import { fitText } from './plain-text.js';
import { SLACK_LIMITS } from './limits.js';

/** Callback ids of the shortcuts, as manifest.yml declares them. */
export const SHORTCUT_CALLBACK_IDS = {
  /** "Open a complaint" in a message's menu. */
  message: 'open_complaint_from_message',
  /** "New complaint" in the shortcut menu. */
  global: 'new_complaint',
} as const;

/**
 * What "Open a complaint" shows at once, inside Slack's 3 seconds, while the message is
 * read (its author, the people it mentions, cases it already has); the intake form
 * replaces it a moment later. No submit button: there is nothing to submit yet.
 */
export function loadingModal(words: Words): ModalView {
  return {
    type: 'modal',
    callback_id: INTAKE_CALLBACK_ID,
    title: { type: 'plain_text', text: fitText(words.t('intake.title'), SLACK_LIMITS.viewTitle, 'plain_text') },
    close: { type: 'plain_text', text: fitText(words.t('intake.close'), SLACK_LIMITS.viewTitle, 'plain_text') },
    blocks: [{ type: 'section', text: { type: 'plain_text', text: fitText(words.t('shortcut.loading'), SLACK_LIMITS.sectionText, 'plain_text') } }],
  };
}
