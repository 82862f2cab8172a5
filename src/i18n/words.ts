import type { Language } from '../config/policy-schema.js';
import { formatAmount, formatDateTime, formatDay, formatExactDateTime, formatShortDateTime, formatSpan } from './format.js';
import { createTranslator, type Translator } from './translator.js';

/**
 * Everything the bot says, in the team's language: catalog messages (`t`) and the values
 * put into them (dates in the workspace zone, amounts in the policy currency, lengths of
 * time, lists), all formatted by `Intl` in the language's locale. One per process, made
 * from the policy; builders take it as their first argument. Results are plain text:
 * the caller escapes them for `mrkdwn` where they hold someone else's words.
 */
export interface Words extends Translator {
  readonly timeZone: string;
  readonly currency: string;
  /** `Tue 1 Dec 2026, 14:05 CET`, `wt., 1 gru 2026, 14:05 CET`. */
  dateTime(at: Date): string;
  /** To the second, for the case record: `Tue 1 Dec 2026, 14:05:07 CET`. */
  exactDateTime(at: Date): string;
  /** `1 Dec, 14:05`, for lists. */
  shortDateTime(at: Date): string;
  /** A day stored as `YYYY-MM-DD`: `Tue, 1 Dec 2026`, `wt., 1 gru 2026`. */
  day(day: string): string;
  /** Minor units in the policy currency: `1234,50 zł`. */
  amount(minor: number): string;
  /** A length of time in its two largest units: `2 godz. 30 min`. */
  span(ms: number): string;
  /** `a, b and c` / `a, b i c`. */
  list(items: readonly string[]): string;
}

export interface WordsSetting {
  readonly language: Language;
  readonly timeZone: string;
  readonly currency: string;
}

export function createWords({ language, timeZone, currency }: WordsSetting): Words {
  const translator = createTranslator(language);
  const { locale } = translator;
  const lists = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  return {
    language,
    locale,
    timeZone,
    currency,
    t: translator.t,
    dateTime: (at) => formatDateTime(at, timeZone, locale),
    exactDateTime: (at) => formatExactDateTime(at, timeZone, locale),
    shortDateTime: (at) => formatShortDateTime(at, timeZone, locale),
    day: (day) => formatDay(day, locale),
    amount: (minor) => formatAmount(minor, currency, locale),
    span: (ms) => formatSpan(ms, locale),
    list: (items) => lists.format(items),
  };
}

/** The words of a loaded policy. */
export function wordsFor(policy: { readonly language: Language; readonly calendar: { readonly timeZone: string }; readonly currency: string }): Words {
  return createWords({ language: policy.language, timeZone: policy.calendar.timeZone, currency: policy.currency });
}
