import type { ChecklistClick } from '../domain/playbook.js';
import { isSeverity, type Severity } from '../domain/severity.js';
import { CHECKLIST_ACTION_PREFIX } from '../blocks/action-ids.js';

/**
 * The one reader of case references Slack hands back: a button's `value`, a menu
 * option's value, a form's `private_metadata`. Anything but exactly what Anthill wrote
 * is an old or forged payload. The case it names is then checked against the request's
 * workspace by the use case that loads it (`findTargetCase`, `changeCase`).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A case id as buttons and forms carry it, or undefined.
 *
 * @example
 * parseCaseId('7d0c…-…') // '7d0c…-…'
 * parseCaseId('../etc')  // undefined
 */
export function parseCaseId(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;
}

/**
 * The card's severity menu option, `<case id>:<severity>`, or undefined.
 *
 * @example
 * parseSeverityOption(`${caseId}:critical`) // { caseId, severity: 'critical' }
 */
export function parseSeverityOption(value: unknown): { caseId: string; severity: Severity } | undefined {
  if (typeof value !== 'string') return undefined;
  const [id, severity, ...rest] = value.split(':');
  const caseId = parseCaseId(id);
  return caseId && severity !== undefined && isSeverity(severity) && rest.length === 0 ? { caseId, severity } : undefined;
}

const CHECKLIST_GROUP = /^(\d{1,4}):([01]{1,10}):([0-9a-f]{12})$/;
const STEP_INDEX = /^\d{1,4}$/;

/**
 * A click on the card's playbook checklist: the group's `action_id` (see
 * `checklistActionId`) and the values of the options ticked after the click (step
 * indexes), or undefined when either is not what Anthill wrote.
 *
 * @example
 * parseChecklistClick(`case_playbook:${caseId}:0:010:b7c1d2e3f4a5`, [{ value: '1' }, { value: '2' }])
 * // { caseId, first: 0, shownDone: [false, true, false], selected: [1, 2], version: 'b7c1d2e3f4a5' }
 */
export function parseChecklistClick(
  actionId: unknown,
  selectedOptions: unknown,
): (ChecklistClick & { caseId: string; version: string }) | undefined {
  if (typeof actionId !== 'string' || !actionId.startsWith(`${CHECKLIST_ACTION_PREFIX}:`)) return undefined;
  const rest = actionId.slice(CHECKLIST_ACTION_PREFIX.length + 1);
  const caseId = parseCaseId(rest.slice(0, 36));
  const group = CHECKLIST_GROUP.exec(rest.slice(37));
  if (!caseId || rest[36] !== ':' || !group) return undefined;
  if (!Array.isArray(selectedOptions)) return undefined;
  const selected: number[] = [];
  for (const option of selectedOptions) {
    const value: unknown = (option as { value?: unknown } | null)?.value;
    if (typeof value !== 'string' || !STEP_INDEX.test(value)) return undefined;
    selected.push(Number(value));
  }
  const [, first = '', shown = '', version = ''] = group;
  return { caseId, first: Number(first), shownDone: [...shown].map((bit) => bit === '1'), selected, version };
}

const PROPOSAL_ID = /^[1-9]\d{0,17}$/;

/**
 * A compensation proposal's id as the approval request's buttons and forms carry it, or
 * undefined. The proposal is then checked against the request's workspace (`findProposal`).
 *
 * @example
 * parseProposalId('42')   // '42'
 * parseProposalId('4e2')  // undefined
 */
export function parseProposalId(value: unknown): string | undefined {
  return typeof value === 'string' && PROPOSAL_ID.test(value) ? value : undefined;
}

/**
 * An action item's id as its Done buttons carry it (the list and the due-date DM), or
 * undefined. The item is then checked against the request's workspace (`completeActionItem`).
 *
 * @example
 * parseActionItemId('12')   // '12'
 * parseActionItemId('1 OR 1=1')  // undefined
 */
export function parseActionItemId(value: unknown): string | undefined {
  return typeof value === 'string' && PROPOSAL_ID.test(value) ? value : undefined;
}

/**
 * A follow-up round's id as the follow-up DM's buttons carry it, or undefined. The round
 * is then checked against the request's workspace (`answerFollowUp`).
 *
 * @example
 * parseFollowUpId('7')   // '7'
 * parseFollowUpId('-7')  // undefined
 */
export function parseFollowUpId(value: unknown): string | undefined {
  return typeof value === 'string' && PROPOSAL_ID.test(value) ? value : undefined;
}

/**
 * A close's id as the retro DM's button and the retro form carry it, or undefined. The
 * close is then checked against the request's workspace (`findRetroTarget`, `writeRetro`).
 *
 * @example
 * parseClosureId('12')  // '12'
 * parseClosureId('1 2') // undefined
 */
export function parseClosureId(value: unknown): string | undefined {
  return typeof value === 'string' && PROPOSAL_ID.test(value) ? value : undefined;
}
