/**
 * Local wall time in an IANA zone, from Intl alone, so the process's own TZ never matters.
 * Days are counted since 1970-01-01; wall times are ms since that local midnight epoch.
 */
const DAY = 86_400_000;

/** The local day (days since 1970-01-01) that `instant` falls on in `zone`. */
export function localDayOf(zone: string, instant: number): number {
  return Math.floor((instant + offsetAt(zone, instant)) / DAY);
}

/**
 * Instant of local wall time `wall` (local fields read as if UTC). A time skipped by a
 * spring-forward change gives the instant of the change; a repeated time its earlier instant.
 */
export function wallToInstant(zone: string, wall: number): number {
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  const valid = [before, after].map((offset) => wall - offset).filter((instant) => instant + offsetAt(zone, instant) === wall);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: the change lies between the two readings; find its first instant.
  let low = wall - Math.max(before, after);
  let high = wall - Math.min(before, after);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(zone, middle) === before) low = middle;
    else high = middle;
  }
  return high;
}

const steadyOffsets = new Map<string, number | null>();

/** The zone's offset if it is the same all through local day `day`, else undefined. */
export function steadyOffset(zone: string, day: number): number | undefined {
  const key = `${zone}|${day}`;
  let offset = steadyOffsets.get(key);
  if (offset === undefined) {
    const wall = day * DAY;
    const guess = offsetAt(zone, wall);
    const steady = offsetAt(zone, wall - guess) === guess && offsetAt(zone, wall + DAY - guess) === guess;
    offset = steady ? guess : null;
    if (steadyOffsets.size >= 50_000) steadyOffsets.clear();
    steadyOffsets.set(key, offset);
  }
  return offset ?? undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local wall time minus UTC at `instant`, in ms, from Intl (never the process's TZ). */
function offsetAt(zone: string, instant: number): number {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  const second = Math.floor(instant / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(second)) fields[part.type] = Number(part.value);
  const wall = Date.UTC(fields.year!, fields.month! - 1, fields.day, fields.hour, fields.minute, fields.second);
  return wall - second;
}
