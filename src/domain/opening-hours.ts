/** Minutes since local midnight; `startMinute < endMinute <= 1440`. */
export interface TimeRange {
  readonly startMinute: number;
  readonly endMinute: number;
}

/** `always` is 24/7; `weekly` has `days[0]` Monday ... `days[6]` Sunday, ranges sorted and non-overlapping. */
export type OpeningHours =
  | { readonly kind: 'always' }
  | { readonly kind: 'weekly'; readonly days: readonly (readonly TimeRange[])[] };

export type OpeningHoursResult = { ok: true; hours: OpeningHours } | { ok: false; error: string };

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const GROUP_PATTERN = /^([A-Za-z]{3}(?:\s*[-,]\s*[A-Za-z]{3})*)\s+(\d.*)$/;
const RANGE_PATTERN = /^(\d\d):(\d\d)\s*-\s*(\d\d):(\d\d)$/;

/**
 * Parses opening hours: `24/7`, or groups separated by `;`, each a day set and time ranges,
 * e.g. `Mon-Fri 08:00-12:00,13:00-17:00; Sat 10:00-14:00`. Days are Mon ... Sun (any case),
 * as ranges (`Mon-Fri`, `Fri-Mon` wraps over the weekend) or lists (`Mon,Wed`). Times are
 * `HH:MM`; `24:00` may end a range. Ranges that touch are merged; overlapping ranges,
 * a range ending at or before its start, and empty text are errors.
 *
 * @example
 * parseOpeningHours('Mon-Fri 09:00-17:00'); // { ok: true, hours: { kind: 'weekly', days: [...] } }
 * parseOpeningHours('Mon-Fri 9-17');
 * // { ok: false, error: '"Mon-Fri 9-17" is not like Mon-Fri 09:00-17:00 or 24/7' }
 */
export function parseOpeningHours(text: string): OpeningHoursResult {
  const trimmed = text.trim();
  if (trimmed === '24/7') return { ok: true, hours: { kind: 'always' } };
  const days: TimeRange[][] = DAY_NAMES.map(() => []);
  const groups = trimmed.split(';').map((group) => group.trim()).filter((group) => group !== '');
  if (groups.length === 0) return { ok: false, error: `"${trimmed}" has no opening time; write e.g. Mon-Fri 09:00-17:00 or 24/7` };
  for (const group of groups) {
    const parsed = parseGroup(group);
    if (typeof parsed === 'string') return { ok: false, error: parsed };
    for (const day of parsed.days) days[day]!.push(...parsed.ranges);
  }
  const normalised: TimeRange[][] = [];
  for (const [index, ranges] of days.entries()) {
    const merged = mergeRanges(DAY_NAMES[index]!, ranges);
    if (typeof merged === 'string') return { ok: false, error: merged };
    normalised.push(merged);
  }
  return { ok: true, hours: { kind: 'weekly', days: normalised } };
}

function notLike(text: string): string {
  return `"${text}" is not like Mon-Fri 09:00-17:00 or 24/7`;
}

function parseGroup(group: string): { days: number[]; ranges: TimeRange[] } | string {
  const match = GROUP_PATTERN.exec(group);
  if (!match) return notLike(group);
  const days = parseDays(match[1]!);
  if (days === undefined) return `"${group}" has an unknown day; use Mon Tue Wed Thu Fri Sat Sun`;
  const ranges: TimeRange[] = [];
  for (const part of match[2]!.split(',')) {
    const range = parseRange(part.trim());
    if (range === undefined) return notLike(group);
    if (range.endMinute <= range.startMinute) {
      return `"${group}": ${part.trim()} ends at or before it starts (ranges cannot cross midnight)`;
    }
    ranges.push(range);
  }
  return { days, ranges };
}

function parseDays(text: string): number[] | undefined {
  const days = new Set<number>();
  for (const item of text.split(',')) {
    const [first, last, ...rest] = item.split('-').map((name) => dayIndex(name.trim()));
    if (first === undefined || first < 0 || rest.length > 0) return undefined;
    if (last === undefined) {
      days.add(first);
      continue;
    }
    if (last < 0) return undefined;
    for (let day = first; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === last) break;
    }
  }
  return [...days];
}

function dayIndex(name: string): number {
  return DAY_NAMES.findIndex((day) => day.toLowerCase() === name.toLowerCase());
}

function parseRange(text: string): TimeRange | undefined {
  const match = RANGE_PATTERN.exec(text);
  if (!match) return undefined;
  const [startHour, startMinute, endHour, endMinute] = match.slice(1).map(Number) as [number, number, number, number];
  if (startHour > 23 || startMinute > 59 || endMinute > 59) return undefined;
  if (endHour > 24 || (endHour === 24 && endMinute !== 0)) return undefined;
  return { startMinute: startHour * 60 + startMinute, endMinute: endHour * 60 + endMinute };
}

function mergeRanges(dayName: string, ranges: TimeRange[]): TimeRange[] | string {
  const sorted = [...ranges].sort((a, b) => a.startMinute - b.startMinute);
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const previous = merged.at(-1);
    if (previous && range.startMinute < previous.endMinute) {
      return `${formatRange(range)} overlaps ${formatRange(previous)} on ${dayName}`;
    }
    if (previous && range.startMinute === previous.endMinute) {
      merged[merged.length - 1] = { startMinute: previous.startMinute, endMinute: range.endMinute };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

function formatRange(range: TimeRange): string {
  return `${formatMinute(range.startMinute)}-${formatMinute(range.endMinute)}`;
}

function formatMinute(minute: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}
