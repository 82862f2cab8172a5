import type { Case } from './case.js';
import { userError, type UserError } from './user-error.js';

/**
 * Whether an action may happen to a case in its current status.
 * Returns undefined when allowed, or the error to show.
 *
 * @example
 * checkTransition(caseInStatus('closed'), 'take') // => { code: 'case_closed', ... }
 */
export type CaseAction = 'take' | 'assign' | 'respond' | 'note';

export function checkTransition(current: Case, action: CaseAction): UserError | undefined {
  if (current.status === 'closed' && action !== 'note') {
    return userError('case_closed', `Case #${current.number} is closed. Reopen it first.`);
  }
  if (action === 'respond' && current.status !== 'open') {
    return userError('already_responded', `The first response for case #${current.number} is already recorded.`);
  }
  return undefined;
}
