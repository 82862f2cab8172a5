import type { Case } from './case.js';
import { userError, type UserError } from './user-error.js';

export type CaseAction = 'take' | 'assign' | 'respond' | 'note' | 'severity' | 'escalate' | 'resolve' | 'reopen' | 'compensate' | 'close';

/**
 * Whether an action may happen to a case in its current status: undefined when it may,
 * otherwise the error to show. `open` → `responded` → `resolved` → `closed`; reopening
 * returns a resolved or closed case to `open`; notes are welcome in every status.
 *
 * @example
 * checkTransition(closedCase, 'take') // => { ok: false, code: 'case_closed', ... }
 */
export function checkTransition(current: Case, action: CaseAction): UserError | undefined {
  const n = current.number;
  switch (action) {
    case 'note':
      return undefined;
    case 'reopen':
      return current.status === 'resolved' || current.status === 'closed'
        ? undefined
        : userError('not_resolved', { caseNumber: n, status: current.status });
    case 'respond':
      if (current.status === 'closed') return closed(n);
      return current.status === 'open' ? undefined : userError('already_responded', { caseNumber: n });
    case 'resolve':
      if (current.status === 'closed') return closed(n);
      return current.status === 'resolved' ? userError('already_resolved', { caseNumber: n }) : undefined;
    case 'close':
      return current.status === 'closed' ? userError('already_closed', { caseNumber: n }) : undefined;
    case 'escalate':
      if (current.status === 'closed') return closed(n);
      return current.escalated ? userError('already_escalated', { caseNumber: n }) : undefined;
    default:
      return current.status === 'closed' ? closed(n) : undefined;
  }
}

function closed(number: number): UserError {
  return userError('case_closed', { caseNumber: number });
}
