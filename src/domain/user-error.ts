/**
 * A problem a person caused and can fix; shown to them as an ephemeral reply, never
 * thrown. `message` is plain words with no Slack syntax (no mentions, no commands);
 * `params` carries the facts (ids, numbers, the verb) so the Slack layer can say it in
 * Slack's terms (`userErrorText` in blocks/).
 */
export interface UserError {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export type Outcome<T> = ({ readonly ok: true } & T) | UserError;

export function userError(code: string, message: string, params: Readonly<Record<string, string | number>> = {}): UserError {
  return { ok: false, code, message, params };
}
