import { randomBytes } from 'node:crypto';

let issued = 0;

/**
 * A trigger id shaped like Slack's (`13345224609.738474920.8088930838d88f008e0`) whose first
 * part is the issue time in milliseconds, so the fake can enforce Slack's 3-second expiry.
 */
export function newTriggerId(now = Date.now()): string {
  issued += 1;
  return `${now}.${issued}.${randomBytes(10).toString('hex')}`;
}

/** When a trigger id from newTriggerId() was issued; undefined for ids made up by a test. */
export function triggerIssuedAt(triggerId: string): number | undefined {
  const match = /^(\d{13})\.\d+\.[0-9a-f]+$/.exec(triggerId);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
