import type { AppContext } from '../context.js';
import { checkRequester } from '../domain/access.js';
import type { Refusal } from '../domain/user-error.js';

/** The form must be answered within Slack's 3 seconds; the requester gate's own lookup came first. */
const LOOKUP_WAIT_MS = 1500;

/**
 * Whether the person chosen to carry out a procedure change may use Anthill (a full
 * member of this workspace: they will be reminded of it and see the case), asked of
 * Slack (`users.info`, cached): undefined when they may, else why not, or `cannot_check`
 * when Slack does not answer in time.
 *
 * @example
 * const refusal = await changeOwnerRefusal(ctx, 'U0GUEST01'); // 'guest'
 */
export async function changeOwnerRefusal(ctx: Pick<AppContext, 'accounts' | 'workspace' | 'logger'>, ownerId: string, waitMs = LOOKUP_WAIT_MS): Promise<Refusal | 'cannot_check' | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`users.info took longer than ${waitMs} ms`)), waitMs);
  });
  try {
    const account = await Promise.race([ctx.accounts.lookup(ownerId), late]);
    const refused = checkRequester(account, ctx.workspace);
    return refused ? (refused.code as Refusal) : undefined;
  } catch (error) {
    ctx.logger.warn({ err: error }, 'could not look up the owner of a procedure change in Slack');
    return 'cannot_check';
  } finally {
    clearTimeout(timer);
  }
}
