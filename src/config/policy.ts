import { isMap, isScalar, isSeq, parseDocument, LineCounter, type Document } from 'yaml';
import type { ApprovalTier } from '../domain/authority.js';
import type { BusinessCalendar } from '../domain/business-calendar.js';
import type { Duration } from '../domain/duration.js';
import { currencyDigits } from '../domain/money.js';
import type { Severity } from '../domain/severity.js';
import { ConfigError } from './config-error.js';
import { describeIssue, firstIssueMessage } from './first-issue-message.js';
import { policyFileSchema, type Language, type PolicyFile } from './policy-schema.js';

export type { ApprovalTier };

/** A typical conflict situation and the steps the team follows for it. */
export interface Category {
  readonly id: string;
  readonly name: string;
  readonly playbook: readonly string[];
  /** What the team usually offers in this situation, shown when compensation is proposed. */
  readonly compensationGuide?: string;
}

/** Deadlines of one severity, counted in business time from when the case opened. */
export interface SlaTarget {
  readonly firstResponse: Duration;
  readonly resolution: Duration;
}

/** The team's rules from `anthill.yml`, validated once at start-up. */
export interface Policy {
  readonly teamChannel: string;
  /** `private`: case channels are private and the announcement offers a Join button. */
  readonly caseChannels: 'public' | 'private';
  /** What the bot speaks to people: `en` (the default), `pl`, `sv` or `ru`. */
  readonly language: Language;
  /** User ids (U…/W…) or user group ids (S…), invited into every case channel. */
  readonly responders: readonly string[];
  /** User ids, invited and pinged on escalation and on a breach. */
  readonly leads: readonly string[];
  readonly calendar: BusinessCalendar;
  readonly sla: Readonly<Record<Severity, SlaTarget>>;
  /** Share of a deadline's window after which the reminder goes out, between 0 and 1. */
  readonly warnAt: number;
  readonly followUpAfter: Duration;
  readonly retroDue: Duration;
  /** ISO 4217 code, e.g. `PLN`. */
  readonly currency: string;
  /** The currency's minor-unit digits (PLN 2, JPY 0, KWD 3): every amount is kept in minor units. */
  readonly currencyDigits: number;
  /** Strictly ascending by `upToMinor`; the last has `upToMinor: null`. */
  readonly approvalTiers: readonly ApprovalTier[];
  /** At least one; ids are unique. */
  readonly categories: readonly Category[];
}

/**
 * The playbook of a category as the policy words it now; none for a category the policy
 * no longer has (a case keeps its category id when the file changes).
 */
export function categoryPlaybook(policy: Pick<Policy, 'categories'>, categoryId: string): readonly string[] {
  return policy.categories.find((category) => category.id === categoryId)?.playbook ?? [];
}

/**
 * Parses and validates the policy file's text. The first problem throws a one-line
 * {@link ConfigError} naming the field, e.g. `sla.high.first_response: "2 hours" is not
 * a duration like 2h or 90m`; `source` names the file in syntax errors.
 *
 * @example
 * const policy = parsePolicy(await readFile('anthill.yml', 'utf8'));
 * policy.sla.critical.firstResponse; // { days: 0, milliseconds: 3_600_000 }
 */
export function parsePolicy(yamlText: string, source = 'anthill.yml'): Policy {
  const data = parseYaml(yamlText, source);
  if (data === null || data === undefined) {
    throw new ConfigError(`${source}: is empty (expected settings such as team_channel)`);
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`${source}: must be a mapping of settings (team_channel: …, sla: …)`);
  }
  const result = policyFileSchema.safeParse(data, { error: describeIssue });
  if (!result.success) throw new ConfigError(firstIssueMessage(result.error.issues, source));
  return toPolicy(result.data);
}

function parseYaml(yamlText: string, source: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const error = document.errors[0];
  if (error !== undefined) {
    const { line } = lineCounter.linePos(error.pos[0]);
    throw new ConfigError(`${source}: YAML syntax error at line ${line}: ${error.message}`);
  }
  keepLimitsAsWritten(document);
  return document.toJS();
}

/**
 * Hands each plain number written as `approval_tiers[].up_to` to the schema as its source
 * text, so `199.99` becomes minor units by string arithmetic and a limit with more
 * decimals than a float holds is refused rather than rounded.
 */
function keepLimitsAsWritten(document: Document): void {
  const tiers = document.get('approval_tiers', true);
  if (!isSeq(tiers)) return;
  for (const tier of tiers.items) {
    const limit = isMap(tier) ? tier.get('up_to', true) : undefined;
    if (isScalar(limit) && typeof limit.value === 'number' && limit.source !== undefined) limit.value = limit.source;
  }
}

function toPolicy(file: PolicyFile): Policy {
  const slaTarget = (target: PolicyFile['sla'][Severity]): SlaTarget => ({
    firstResponse: target.first_response,
    resolution: target.resolution,
  });
  return {
    teamChannel: file.team_channel,
    caseChannels: file.case_channels,
    language: file.language,
    responders: file.responders,
    leads: file.leads,
    calendar: { timeZone: file.timezone, hours: file.business_hours, holidays: file.holidays },
    sla: {
      critical: slaTarget(file.sla.critical),
      high: slaTarget(file.sla.high),
      normal: slaTarget(file.sla.normal),
      low: slaTarget(file.sla.low),
    },
    warnAt: file.warn_at,
    followUpAfter: file.follow_up_after,
    retroDue: file.retro_due,
    currency: file.currency,
    currencyDigits: currencyDigits(file.currency),
    approvalTiers: file.approval_tiers,
    categories: file.categories.map(({ compensation_guide: compensationGuide, ...category }) =>
      compensationGuide === undefined ? category : { ...category, compensationGuide },
    ),
  };
}
