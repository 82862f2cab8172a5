import { CLOSE_FIELDS } from '../../src/blocks/close-modal.js';
import type { ViewStateValues } from '../../fake-slack/slack-requests.js';

export interface CloseForm {
  /** `in_favour`, `partly`, `not_upheld`; '' leaves it unchosen. */
  outcome: string;
  explanation: string;
  /** '1'…'5'; '' leaves it unchosen. */
  satisfaction: string;
  agreement: string;
  /** 'yes', 'no'; '' leaves it unchosen. */
  thanked: string;
}

/** The close form's state as Slack would submit it. */
export function closeValues(overrides: Partial<CloseForm> = {}): ViewStateValues {
  const form: CloseForm = {
    outcome: 'in_favour',
    explanation: 'We refunded the delivery fee and sent a new drum.',
    satisfaction: '5',
    agreement: 'Refund of PLN 49.00 by 2026-12-10; replacement drum delivered on 2026-12-08.',
    thanked: 'yes',
    ...overrides,
  };
  const chosen = (type: 'radio_buttons' | 'static_select', value: string) => ({ type, selected_option: value ? { value } : null });
  const typed = (value: string) => ({ type: 'plain_text_input', value });
  return {
    [CLOSE_FIELDS.outcome.blockId]: { [CLOSE_FIELDS.outcome.actionId]: chosen('radio_buttons', form.outcome) },
    [CLOSE_FIELDS.explanation.blockId]: { [CLOSE_FIELDS.explanation.actionId]: typed(form.explanation) },
    [CLOSE_FIELDS.satisfaction.blockId]: { [CLOSE_FIELDS.satisfaction.actionId]: chosen('static_select', form.satisfaction) },
    [CLOSE_FIELDS.agreement.blockId]: { [CLOSE_FIELDS.agreement.actionId]: typed(form.agreement) },
    [CLOSE_FIELDS.thanked.blockId]: { [CLOSE_FIELDS.thanked.actionId]: chosen('radio_buttons', form.thanked) },
  };
}
