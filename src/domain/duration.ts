/** `d` counts business days (one business day's length); the rest is exact time. */
export interface Duration {
  readonly days: number;
  readonly milliseconds: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DURATION_PATTERN = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * Parses `45s`, `30m`, `4h`, `2d`, `1h30m`, `1d4h`: units in the order d, h, m, s, each at
 * most once, non-negative integers, at least one unit, total above zero. Surrounding
 * whitespace is ignored; units are lowercase. Returns undefined for anything else.
 *
 * @example
 * parseDuration('1h30m'); // { days: 0, milliseconds: 5_400_000 }
 * parseDuration('2d');    // { days: 2, milliseconds: 0 }
 * parseDuration('90');    // undefined
 */
export function parseDuration(text: string): Duration | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, d, h, m, s] = match;
  if (d === undefined && h === undefined && m === undefined && s === undefined) return undefined;
  const days = Number(d ?? 0);
  const milliseconds = Number(h ?? 0) * HOUR + Number(m ?? 0) * MINUTE + Number(s ?? 0) * SECOND;
  if (!Number.isSafeInteger(days) || !Number.isSafeInteger(milliseconds)) return undefined;
  if (days === 0 && milliseconds === 0) return undefined;
  return { days, milliseconds };
}

/**
 * Human form of a duration for messages; `d` stays business days, the rest is split into
 * h, m and s, zero parts left out.
 *
 * @example
 * formatDuration({ days: 1, milliseconds: 2 * 3_600_000 }); // '1d 2h'
 * formatDuration({ days: 0, milliseconds: 5_400_000 });     // '1h 30m'
 */
export function formatDuration(duration: Duration): string {
  const parts = duration.days > 0 ? [`${duration.days}d`] : [];
  parts.push(...clockParts(Math.max(0, Math.floor(duration.milliseconds / SECOND)) * SECOND));
  return parts.length > 0 ? parts.join(' ') : '0s';
}

/**
 * Formats milliseconds as time left: days of 24h, the two largest non-zero units, `0s`
 * for zero or less. Rounds up to a whole second so time that is not yet up never shows `0s`.
 *
 * @example
 * formatMilliseconds(7_500_000);  // '2h 5m'
 * formatMilliseconds(263_000_000); // '3d 1h'
 * formatMilliseconds(-5);          // '0s'
 */
export function formatMilliseconds(ms: number): string {
  if (!(ms > 0)) return '0s';
  const rounded = Math.ceil(ms / SECOND) * SECOND;
  const days = Math.floor(rounded / DAY);
  const parts = days > 0 ? [`${days}d`] : [];
  parts.push(...clockParts(rounded - days * DAY));
  return parts.slice(0, 2).join(' ');
}

/** Non-zero h, m and s parts of whole seconds, hours not capped at 24. */
function clockParts(ms: number): string[] {
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const seconds = Math.floor((ms % MINUTE) / SECOND);
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes > 0) parts.push(`${minutes}m`);
  if (seconds > 0) parts.push(`${seconds}s`);
  return parts;
}
