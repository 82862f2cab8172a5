import type { Case } from './case.js';
import { userError, type UserError } from './user-error.js';

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

type Refusal = 'unknown_user' | 'deactivated' | 'bot' | 'guest' | 'external';

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

const PERSONAL_DATA = 'Complaints hold customers’ names and contact details';

const REQUESTER_MESSAGES: Record<Refusal, string> = {
  unknown_user: 'Anthill could not find your Slack account, so it cannot show you complaints.',
  deactivated: 'Your Slack account is deactivated, so Anthill cannot show you complaints.',
  bot: 'Anthill does not take requests from bots or apps.',
  guest: `${PERSONAL_DATA}, so Anthill is not available to guest accounts. Ask a full member of the team to help.`,
  external: `${PERSONAL_DATA}, so Anthill is only for members of this workspace, not for people from other organisations (Slack Connect).`,
};

/**
 * Refuses a person who may not use Anthill at all, with a plain answer for them.
 *
 * @example
 * checkRequester({ ...account, isRestricted: true }, workspace) // { ok: false, code: 'guest', message: '… guest accounts …' }
 */
export function checkRequester(account: SlackAccount | undefined, workspace: Workspace): UserError | undefined {
  const refusal = refusalFor(account, workspace);
  return refusal && userError(refusal, REQUESTER_MESSAGES[refusal]);
}

const ASSIGNEE_MESSAGES: Record<Refusal, string> = {
  unknown_user: 'Slack does not know that person, so they cannot own a case.',
  deactivated: 'That person’s Slack account is deactivated, so they cannot own a case.',
  bot: 'A bot or app cannot own a case.',
  guest: `${PERSONAL_DATA}: a guest account cannot own a case.`,
  external: `${PERSONAL_DATA}: someone from another organisation (Slack Connect) cannot own a case.`,
};

/** Refuses an owner who could not see the case: the same people the requester check refuses. */
export function checkAssignee(account: SlackAccount | undefined, workspace: Workspace): UserError | undefined {
  const refusal = refusalFor(account, workspace);
  return refusal && userError(refusal, ASSIGNEE_MESSAGES[refusal]);
}

export const OTHER_WORKSPACE = 'That complaint belongs to another Slack workspace, so Anthill will not show or change it from here.';

/** A case is only ever read or changed from the workspace it was opened in. */
export function checkCaseWorkspace(found: Pick<Case, 'teamId'>, requestTeamId: string): UserError | undefined {
  return found.teamId === requestTeamId ? undefined : userError('other_workspace', OTHER_WORKSPACE);
}
