import type { Case } from './case.js';
import { userError, type Refusal, type UserError } from './user-error.js';

/** What Slack says about a person (`users.info`), as far as access depends on it. */
export interface SlackAccount {
  readonly id: string;
  /** The person's own workspace; in a Slack Connect channel it is the other organisation's. */
  readonly teamId: string;
  /** Their Enterprise Grid organisation, if any. */
  readonly enterpriseId?: string;
  readonly deleted: boolean;
  readonly isBot: boolean;
  /** Multi-channel guest. */
  readonly isRestricted: boolean;
  /** Single-channel guest. */
  readonly isUltraRestricted: boolean;
}

/** The workspace Anthill is installed in (from `auth.test`). */
export interface Workspace {
  readonly teamId: string;
  readonly enterpriseId?: string;
}

/** Looks people up in Slack; `undefined` when Slack knows no such user. */
export interface AccountDirectory {
  lookup(userId: string): Promise<SlackAccount | undefined>;
}

/**
 * Whether the account may see and change cases: a full member of this workspace (or of
 * its Enterprise Grid organisation). Guests, people from other organisations (Slack
 * Connect), bots and deactivated accounts may not: cases hold customers' personal data.
 */
function refusalFor(account: SlackAccount | undefined, workspace: Workspace): Refusal | undefined {
  if (account === undefined) return 'unknown_user';
  if (account.deleted) return 'deactivated';
  if (account.isBot) return 'bot';
  const sameOrganisation =
    account.teamId === workspace.teamId || (workspace.enterpriseId !== undefined && account.enterpriseId === workspace.enterpriseId);
  if (!sameOrganisation) return 'external';
  if (account.isRestricted || account.isUltraRestricted) return 'guest';
  return undefined;
}

/**
 * Refuses a person who may not use Anthill at all; the code says why (cases hold
 * customers' personal data, so only full members of the workspace may see them).
 *
 * @example
 * checkRequester({ ...account, isRestricted: true }, workspace) // { ok: false, code: 'guest', params: {} }
 */
export function checkRequester(account: SlackAccount | undefined, workspace: Workspace): UserError | undefined {
  const refusal = refusalFor(account, workspace);
  return refusal && userError(refusal);
}

/**
 * Refuses an owner who could not see the case: the same people the requester check
 * refuses, with codes about the owner (`assignee_guest`).
 */
export function checkAssignee(account: SlackAccount | undefined, workspace: Workspace): UserError | undefined {
  const refusal = refusalFor(account, workspace);
  return refusal && userError(`assignee_${refusal}`);
}

/** A case is only ever read or changed from the workspace it was opened in. */
export function checkCaseWorkspace(found: Pick<Case, 'teamId'>, requestTeamId: string): UserError | undefined {
  return found.teamId === requestTeamId ? undefined : userError('other_workspace');
}
