import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** How many items are handled between two yields: about a millisecond of work each. */
const SLICE = 500;

/**
 * `items.flatMap(map)`, yielding to the event loop after every slice. Reconciling tens of
 * thousands of reminders in one synchronous stretch held every job of the process up by
 * over 100 ms each minute (the reminders due then were that late); in slices, a due
 * reminder waits a millisecond at most.
 */
export async function flatMapInSlices<T, U>(items: readonly T[], map: (item: T) => readonly U[]): Promise<U[]> {
  const out: U[] = [];
  for (let start = 0; start < items.length; start += SLICE) {
    if (start > 0) await yieldToEventLoop();
    for (const item of items.slice(start, start + SLICE)) out.push(...map(item));
  }
  return out;
}

/** `items.filter(keep)`, yielding to the event loop after every slice. */
export async function filterInSlices<T>(items: readonly T[], keep: (item: T) => boolean): Promise<T[]> {
  return flatMapInSlices(items, (item) => (keep(item) ? [item] : []));
}
