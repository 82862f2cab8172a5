import { z } from 'zod';
import { isValidTimeZone } from '../domain/business-calendar.js';
import { parseDuration } from '../domain/duration.js';
import { currencyDigits, isKnownCurrency, minorToDecimalText, parseAmount } from '../domain/money.js';
import { parseOpeningHours } from '../domain/opening-hours.js';
import type { Severity } from '../domain/severity.js';
import { describeValue } from './first-issue-message.js';

/** Slack shows a select option's text up to 75 characters; category names go there. */
export const CATEGORY_NAME_MAX = 75;
/** A category's compensation guide is shown in the compensation form and the approval request. */
export const COMPENSATION_GUIDE_MAX = 500;
/** A Slack static select holds at most 100 options. */
export const CATEGORIES_MAX = 100;
/** A category id is the value of its option in the intake form, which Slack caps at 150 characters. */
export const CATEGORY_ID_MAX = 150;

/** Text that must match `pattern`; otherwise `"value" <complaint>`. */
function textMatching(pattern: RegExp, complaint: string) {
  return z.string().check((ctx) => {
    if (!pattern.test(ctx.value)) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: `${JSON.stringify(ctx.value)} ${complaint}` });
    }
  });
}

const channelId = textMatching(/^[CG][A-Z0-9]{2,}$/, 'is not a Slack channel id like C0TEAM0001');
const userId = textMatching(/^[UW][A-Z0-9]{2,}$/, 'is not a Slack user id (U… or W…)');
const responderId = textMatching(
  /^[UWS][A-Z0-9]{2,}$/,
  'is not a Slack user id (U… or W…) or user group id (S…)',
);
const approverId = textMatching(/^(?:owner|[UW][A-Z0-9]{2,})$/, 'is not a Slack user id (U… or W…) or owner');

const duration = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'required' : `must be a duration like 2h or 90m, not ${describeValue(issue.input)}`,
  })
  .transform((text, ctx) => {
    const parsed = parseDuration(text);
    if (parsed === undefined) {
      ctx.issues.push({ code: 'custom', input: text, message: `${JSON.stringify(text)} is not a duration like 2h or 90m` });
      return z.NEVER;
    }
    return parsed;
  });

const timeZone = z.string().check((ctx) => {
  if (!isValidTimeZone(ctx.value)) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `${JSON.stringify(ctx.value)} is not a known time zone`,
    });
  }
});

const businessHours = z.string().transform((text, ctx) => {
  const result = parseOpeningHours(text);
  if (!result.ok) {
    ctx.issues.push({ code: 'custom', input: text, message: result.error });
    return z.NEVER;
  }
  return result.hours;
});

/** A real calendar date; YAML 1.1 documents turn unquoted dates into Date objects. */
const holiday = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
  z.string().check((ctx) => {
    if (!isIsoDate(ctx.value)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `${JSON.stringify(ctx.value)} is not a date like 2026-12-24`,
      });
    }
  }),
);

function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const slaTarget = z.strictObject({ first_response: duration, resolution: duration });
const sla = z.strictObject({
  critical: slaTarget,
  high: slaTarget,
  normal: slaTarget,
  low: slaTarget,
} satisfies Record<Severity, typeof slaTarget>);

const warnAt = z.number().check((ctx) => {
  if (!(ctx.value > 0 && ctx.value < 1)) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `${ctx.value} is not between 0 and 1 (a share of the deadline's window, like 0.75)`,
    });
  }
});

const currency = textMatching(/^[A-Z]{3}$/, 'is not a currency code like PLN or EUR (ISO 4217, uppercase)').check((ctx) => {
  // For a code it does not know, Intl guesses two decimals: amounts would be read wrong.
  if (/^[A-Z]{3}$/.test(ctx.value) && !isKnownCurrency(ctx.value)) {
    ctx.issues.push({ code: 'custom', input: ctx.value, message: `${JSON.stringify(ctx.value)} is not an ISO 4217 currency code known to Intl` });
  }
});

/**
 * An approval limit as written in the file. `parsePolicy` hands plain YAML numbers over as
 * their source text, so `199.99` is read by string arithmetic, never as a float; it is
 * turned into minor units once the currency is known ({@link tiersInMinorUnits}).
 */
const upTo = z
  .union([z.string(), z.number()], {
    error: (issue) =>
      issue.input === undefined
        ? 'required (an amount, or null for no upper limit)'
        : `must be an amount like 2000 or 199.99, or null (no upper limit), not ${describeValue(issue.input)}`,
  })
  // A number still gets here when the YAML reached it some other way (a merge key): its shortest decimal form.
  .transform((value) => (typeof value === 'number' ? String(value) : value))
  .nullable();

const approvalTier = z.strictObject({
  up_to: upTo,
  approvers: z.array(approverId).min(1, 'must list at least one approver'),
});

/**
 * Tiers go up in amount and the last has no limit, so every amount has approvers and a
 * proposal is never stuck for want of someone allowed to decide it. That the limits rise
 * is checked in minor units, once the currency's decimals are known.
 */
const approvalTiers = z
  .array(approvalTier)
  .min(1, 'must list at least one tier')
  .check((ctx) => {
    const tiers = ctx.value;
    tiers.forEach((tier, index) => {
      const report = (message: string): void => {
        ctx.issues.push({ code: 'custom', input: tier.up_to, path: [index, 'up_to'], message });
      };
      const isLast = index === tiers.length - 1;
      if (tier.up_to === null && !isLast) report('only the last tier may be null (no upper limit)');
      if (tier.up_to !== null && isLast) report('the last tier must be null (no upper limit) so every amount has approvers');
    });
  });

const category = z.strictObject({
  id: textMatching(new RegExp(`^[a-z0-9_-]{1,${CATEGORY_ID_MAX}}$`), `is not an id of at most ${CATEGORY_ID_MAX} characters a-z 0-9 _ - like late_delivery`),
  name: z
    .string()
    .trim()
    .min(1)
    .max(CATEGORY_NAME_MAX, `must be at most ${CATEGORY_NAME_MAX} characters (it is shown in a Slack menu)`),
  playbook: z.array(z.string().trim().min(1)).default([]),
  compensation_guide: z
    .string()
    .trim()
    .min(1, 'must not be empty (leave the setting out instead)')
    .max(
      COMPENSATION_GUIDE_MAX,
      `must be at most ${COMPENSATION_GUIDE_MAX} characters (it is shown in the compensation form and the approval request)`,
    )
    .optional(),
});

const categories = z
  .array(category)
  .min(1, 'must list at least one category')
  .max(CATEGORIES_MAX, `must list at most ${CATEGORIES_MAX} (a Slack menu holds ${CATEGORIES_MAX} options)`)
  .check((ctx) => {
    const firstIndex = new Map<string, number>();
    ctx.value.forEach((entry, index) => {
      const earlier = firstIndex.get(entry.id);
      if (earlier === undefined) {
        firstIndex.set(entry.id, index);
        return;
      }
      ctx.issues.push({
        code: 'custom',
        input: entry.id,
        path: [index, 'id'],
        message: `"${entry.id}" is already the id of categories[${earlier}]`,
      });
    });
  });

/** One approval tier with its limit in minor units of the policy currency; `null`: no limit. */
interface TierInMinorUnits {
  readonly upToMinor: number | null;
  readonly approvers: string[];
}

/**
 * Turns each tier's written limit into minor units of the currency, refusing more
 * decimals than the currency has, limits of zero or below, limits above the largest
 * amount Anthill accepts, and limits that do not rise.
 */
function tiersInMinorUnits(
  currency: string,
  tiers: readonly z.output<typeof approvalTier>[],
  issues: z.core.$ZodRawIssue[],
): TierInMinorUnits[] {
  const digits = currencyDigits(currency);
  let before: { text: string; minor: number } | undefined;
  return tiers.map((tier, index): TierInMinorUnits => {
    if (tier.up_to === null) return { upToMinor: null, approvers: tier.approvers };
    const text = tier.up_to;
    const report = (message: string): TierInMinorUnits => {
      issues.push({ code: 'custom', input: text, path: ['approval_tiers', index, 'up_to'], message });
      return { upToMinor: null, approvers: tier.approvers };
    };
    const parsed = parseAmount(text, digits);
    if (!parsed.ok) {
      switch (parsed.code) {
        case 'not_a_number':
          return report(`must be an amount like 2000 or 199.99, or null (no upper limit), not ${describeValue(text)}`);
        case 'negative':
          return report('must be above zero');
        case 'too_many_decimals':
          return report(`${text.trim()} has more decimals than ${currency} has (${parsed.allowedDigits})`);
        case 'too_large':
          return report(`must be at most ${minorToDecimalText(parsed.maxMinor, digits).replace(/\.0+$/, '')} (the largest amount Anthill accepts)`);
      }
    }
    if (parsed.minor === 0) return report('must be above zero');
    if (before !== undefined && parsed.minor <= before.minor) return report(`must be greater than the tier before (${before.text})`);
    before = { text: text.trim(), minor: parsed.minor };
    return { upToMinor: parsed.minor, approvers: tier.approvers };
  });
}

/** Who sees a case channel: the whole workspace, or only the people invited into it. */
const caseChannels = textMatching(/^(?:public|private)$/, 'is not public or private')
  .transform((value) => value as 'public' | 'private')
  .default('public');

/** The languages the catalogs are written in; the first is the default. */
export const LANGUAGES = ['en', 'pl', 'sv', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language of everything the bot says to people. */
const language = textMatching(new RegExp(`^(?:${LANGUAGES.join('|')})$`), `is not one of ${LANGUAGES.join(', ')}`)
  .transform((value) => value as Language)
  .default('en');

/** The shape of `anthill.yml`, keys as written there; unknown keys are typos and rejected. */
export const policyFileSchema = z.strictObject({
  team_channel: channelId,
  case_channels: caseChannels,
  language,
  responders: z.array(responderId).min(1, 'must list at least one user or user group'),
  leads: z.array(userId).min(1, 'must list at least one user'),
  timezone: timeZone,
  business_hours: businessHours,
  holidays: z.array(holiday).default([]),
  sla,
  warn_at: warnAt,
  follow_up_after: duration,
  retro_due: duration,
  currency,
  approval_tiers: approvalTiers,
  categories,
}).transform((file, ctx) => ({ ...file, approval_tiers: tiersInMinorUnits(file.currency, file.approval_tiers, ctx.issues) }));

export type PolicyFile = z.output<typeof policyFileSchema>;
