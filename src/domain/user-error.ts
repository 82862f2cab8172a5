/** A problem a person caused and can fix; shown to them as an ephemeral reply, never thrown. */
export interface UserError {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
}

export type Outcome<T> = ({ readonly ok: true } & T) | UserError;

export function userError(code: string, message: string): UserError {
  return { ok: false, code, message };
}
