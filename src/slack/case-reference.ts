import { isSeverity, type Severity } from '../domain/severity.js';

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
