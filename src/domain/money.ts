/**
 * Money as integers in a currency's minor units (grosze, cents, fils). Amounts people type
 * are read by string arithmetic: no floating-point number ever holds an amount.
 */

/**
 * The largest amount accepted, in minor units: 1,000,000,000 of a two-decimal currency.
 * Far below `Number.MAX_SAFE_INTEGER`, so a case's total of thousands of such amounts is
 * still exact.
 */
export const MAX_AMOUNT_MINOR = 100_000_000_000;

/**
 * How many minor-unit digits the currency has, from `Intl`'s currency data.
 *
 * @example
 * currencyDigits('PLN') // 2
 * currencyDigits('JPY') // 0
 * currencyDigits('KWD') // 3
 */
export function currencyDigits(currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  if (digits === undefined) throw new Error(`Intl gives no fraction digits for ${currency}`);
  return digits;
}

/**
 * Whether `Intl` knows the ISO 4217 code; for a code it does not know it would guess two
 * decimals, which may be wrong.
 */
export function isKnownCurrency(currency: string): boolean {
  return Intl.supportedValuesOf('currency').includes(currency);
}

/** Why a typed amount was refused; the caller words it in the person's language. */
export type AmountRefusal =
  | { readonly ok: false; readonly code: 'not_a_number' }
  | { readonly ok: false; readonly code: 'negative' }
  | { readonly ok: false; readonly code: 'too_many_decimals'; readonly allowedDigits: number }
  | { readonly ok: false; readonly code: 'too_large'; readonly maxMinor: number };

export type ParsedAmount = { readonly ok: true; readonly minor: number } | AmountRefusal;

/** Spaces that may stand between groups of thousands: space, no-break, thin, narrow no-break. */
const GROUP_SEPARATOR = '[ \\u00a0\\u2009\\u202f]';
const AMOUNT = new RegExp(`^(\\d{1,3}(?:${GROUP_SEPARATOR}\\d{3})+|\\d+)(?:[.,](\\d+))?$`);
const MINUS = /^[-\u2212]/;

/**
 * Reads an amount a person typed into minor units of a currency with `digits` decimals.
 *
 * Accepted: ASCII digits; `.` or `,` as the decimal mark with at most `digits` decimals;
 * single spaces (also no-break and thin) between groups of three digits. Refused, never
 * guessed: a currency code or symbol, a `+`, commas or dots between thousands (`1,000.50`,
 * `1.000`: with two decimals `1.000` is too many decimals, not a thousand), exponents,
 * digits of other scripts, a mark without digits on both sides (`.5`, `5.`).
 *
 * @example
 * parseAmount('1 299,00', 2) // { ok: true, minor: 129900 }
 * parseAmount('500.5', 2)    // { ok: true, minor: 50050 }
 * parseAmount('1.234', 2)    // { ok: false, code: 'too_many_decimals', allowedDigits: 2 }
 * parseAmount('12 PLN', 2)   // { ok: false, code: 'not_a_number' }
 */
export function parseAmount(text: string, digits: number): ParsedAmount {
  assertDigits(digits);
  let body = text.trim();
  const negative = MINUS.test(body);
  if (negative) body = body.slice(1);
  const match = AMOUNT.exec(body);
  if (match === null) return { ok: false, code: 'not_a_number' };
  if (negative) return { ok: false, code: 'negative' };
  const whole = (match[1] ?? '').replace(/\D/g, '');
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return { ok: false, code: 'too_many_decimals', allowedDigits: digits };
  const minor = BigInt(whole + fraction.padEnd(digits, '0'));
  if (minor > BigInt(MAX_AMOUNT_MINOR)) return { ok: false, code: 'too_large', maxMinor: MAX_AMOUNT_MINOR };
  return { ok: true, minor: Number(minor) };
}

/**
 * An amount in minor units as plain decimal text, `.` as the mark, no grouping: what
 * {@link parseAmount} reads back, and exact input for `Intl.NumberFormat.format`.
 *
 * @example
 * minorToDecimalText(129900, 2) // '1299.00'
 * minorToDecimalText(500, 0)    // '500'
 */
export function minorToDecimalText(minor: number, digits: number): string {
  assertDigits(digits);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not a whole number of minor units`);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${text}`;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

function assertDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new RangeError(`${digits} is not a number of decimals`);
}
