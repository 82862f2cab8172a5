import type { Case } from './case.js';
import { userError, type Refusal, type UserError } from './user-error.js';

/** What Slack says about a person (`users.info`), as far as access depends on it. */
export interface SlackAccount {
  readonly id: string;
  /** The name Slack shows for them (display name, else full name), when Slack has one: text they typed. */
  readonly name?: string;
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

/** What the intake keeps of the people named as staff involved, or why it refuses them. */
export type StaffInvolvedCheck =
  | { readonly ok: true; readonly ids: readonly string[] }
  | { readonly ok: false; readonly code: 'unknown_user' | 'bot'; readonly count: number };

/**
 * The staff involved the intake keeps: Anthill's own bot is dropped (Slack offers it in the
 * people menu, and naming it changes nothing); anyone Slack does not know, and any other
 * bot, is refused with how many there were. Guests, people from other organisations and
 * deactivated accounts are kept: being involved is a fact about them, and it only takes
 * rights away (they could not own the case anyway).
 *
 * @example
 * checkStaffInvolved([{ id: 'U0BOT0001', account: bot }, { id: 'U0AAA0001', account: member }], 'U0BOT0001')
 * // { ok: true, ids: ['U0AAA0001'] }
 */
export function checkStaffInvolved(
  chosen: readonly { readonly id: string; readonly account: SlackAccount | undefined }[],
  botUserId: string,
): StaffInvolvedCheck {
  const named = chosen.filter((person) => person.id !== botUserId);
  const unknown = named.filter((person) => person.account === undefined).length;
  if (unknown > 0) return { ok: false, code: 'unknown_user', count: unknown };
  const bots = named.filter((person) => person.account?.isBot === true).length;
  if (bots > 0) return { ok: false, code: 'bot', count: bots };
  return { ok: true, ids: named.map((person) => person.id) };
}
