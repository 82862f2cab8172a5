/** A Slack error answered as HTTP 200 `{ ok: false, error: code, ...details }`. */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/**
 * Typed access to a Web API call's parameters, whether they came form-encoded (all strings)
 * or as JSON (real booleans and numbers).
 */
export class MethodParams {
  constructor(readonly raw: Record<string, unknown>) {}

  /** The parameter as a string, or undefined when absent or empty. */
  string(name: string): string | undefined {
    const value = this.raw[name];
    if (typeof value === 'string') return value === '' ? undefined : value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return undefined;
  }

  /** The parameter as a string; throws `SlackApiError(error)` when absent. */
  required(name: string, error = 'invalid_arguments'): string {
    const value = this.string(name);
    if (value === undefined) throw new SlackApiError(error);
    return value;
  }

  boolean(name: string): boolean {
    const value = this.raw[name];
    return value === true || value === 'true' || value === '1' || value === 1;
  }

  integer(name: string): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    return Number.isInteger(value) ? value : undefined;
  }

  /** A comma-separated list such as `users=U1,U2`. */
  list(name: string): string[] {
    const text = this.string(name) ?? '';
    return text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  /** A decoded JSON parameter (arrays and objects are decoded when the request is read). */
  json(name: string): unknown {
    return this.raw[name];
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }
}
