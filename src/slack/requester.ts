import type { Context } from '@slack/bolt';

/**
 * Who sent a request, once the requester gate let it through: a full member of this
 * workspace, and the workspace the request came from (every case reference is checked
 * against it).
 */
export interface Requester {
  readonly userId: string;
  readonly teamId: string;
}

const KEY = 'anthillRequester';

/** Called by the gate only: the request passed it. */
export function admitRequester(context: Context, requester: Requester): void {
  context[KEY] = requester;
}

/**
 * The requester of a request the gate let through; every listener starts here.
 *
 * @example
 * const { userId, teamId } = requesterOf(context);
 */
export function requesterOf(context: Context): Requester {
  const requester = context[KEY] as Requester | undefined;
  // The gate runs before every listener, so a missing requester is a wiring bug.
  if (requester === undefined) throw new Error('request reached a listener without passing the requester gate');
  return requester;
}
