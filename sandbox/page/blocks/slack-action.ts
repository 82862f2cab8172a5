import type { BlockAction } from './types.js';

/**
 * An action as Slack puts it in `block_actions`' `actions` array, for the request the
 * sandbox signs and sends to the bot.
 *
 * @example
 * toSlackAction({ type: 'button', actionId: 'take', blockId: 'b', value: 'c1' }, '1700000000.000100')
 * // { type: 'button', action_id: 'take', block_id: 'b', action_ts: '1700000000.000100', value: 'c1' }
 */
export function toSlackAction(action: BlockAction, actionTs: string): Record<string, unknown> {
  const option = (o: { text: string; value: string }) => ({ text: { type: 'plain_text', text: o.text, emoji: true }, value: o.value });
  return {
    type: action.type,
    action_id: action.actionId,
    block_id: action.blockId,
    action_ts: actionTs,
    ...(action.value !== undefined && { value: action.value }),
    ...(action.selectedOption && { selected_option: option(action.selectedOption) }),
    ...(action.selectedOptions && { selected_options: action.selectedOptions.map(option) }),
    ...(action.selectedUser !== undefined && { selected_user: action.selectedUser }),
    ...(action.selectedUsers && { selected_users: action.selectedUsers }),
    ...(action.selectedDate !== undefined && { selected_date: action.selectedDate }),
    ...(action.selectedTime !== undefined && { selected_time: action.selectedTime }),
  };
}
