import type { KnownBlock } from '@slack/types';
import type { Policy } from '../config/policy.js';
import { ROOT_CAUSES } from '../domain/closure.js';
import { isCompensationKind } from '../domain/compensation.js';
import type { Period } from '../domain/period.js';
import { change, share, sparkline } from '../domain/stats.js';
import type { PeriodStats } from '../db/stats-repository.js';
import type { MessageKey } from '../i18n/translator.js';
import type { Words } from '../i18n/words.js';
import { categoryName } from './card-message.js';
import { SLACK_LIMITS } from './limits.js';
import { escapeMrkdwn, fitText } from './plain-text.js';

const DAY = 86_400_000;

/** What `/complaint stats` and the weekly digest show: a period's figures beside the period before. */
export interface StatsView {
  readonly period: Pick<Period, 'from' | 'to'>;
  readonly current: PeriodStats;
  readonly previous: PeriodStats;
  readonly policy: Pick<Policy, 'categories'>;
  /** Title, notification text and empty-period line in place of the stats command's (the weekly digest's). */
  readonly heading?: { readonly title: string; readonly text: string; readonly empty: string };
}

/** How one kind of figure is written, and its difference. */
interface Unit {
  value(value: number): string;
  delta(delta: number): string;
}

/**
 * The stats message: each figure with the previous period's value and the change, durations
 * in business time, money in the policy currency, categories by name, root causes by their
 * label, and a text chart of cases opened; an empty period says so. Pure.
 *
 * @example
 * await respond({ response_type: 'ephemeral', ...statsMessage(ctx.words, { period, current, previous, policy: ctx.policy }) });
 */
export function statsMessage(words: Words, view: StatsView): { text: string; blocks: KnownBlock[] } {
  const { current, previous, period } = view;
  const range = { from: words.dateTime(period.from), to: words.dateTime(period.to) };
  const length = period.to.getTime() - period.from.getTime();
  const text = view.heading?.text ?? words.t('stats.text', range);
  const title = section(`${view.heading?.title ?? words.t('stats.title', range)}\n${words.t('stats.openNow', { count: current.openNow })}`);
  if (isEmpty(current)) return { text, blocks: [title, section(view.heading?.empty ?? words.t('stats.empty'))] };

  const count = countUnit(words);
  const span = spanUnit(words);
  const figure = (key: MessageKey, now: number | null, before: number | null, unit: Unit): string => trendLine(words, key, now, before, unit);
  const blocks: KnownBlock[] = [
    title,
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: words.t('stats.comparedWith', {
            days: Math.round(length / DAY),
            from: words.dateTime(new Date(period.from.getTime() - length)),
            to: words.dateTime(period.from),
          }),
        },
      ],
    },
    lines('stats.section.cases', [
      figure('stats.opened', current.opened, previous.opened, count),
      figure('stats.resolved', current.resolved, previous.resolved, count),
      figure('stats.closed', current.closed, previous.closed, count),
    ]),
    lines('stats.section.times', [
      figure('stats.response.median', current.firstResponse.medianMs, previous.firstResponse.medianMs, span),
      figure('stats.response.p90', current.firstResponse.p90Ms, previous.firstResponse.p90Ms, span),
      figure('stats.resolution.median', current.resolution.medianMs, previous.resolution.medianMs, span),
      figure('stats.resolution.p90', current.resolution.p90Ms, previous.resolution.p90Ms, span),
    ]),
    lines('stats.section.deadlines', [
      breachLine(words, 'stats.deadline.firstResponse', current.deadlines.firstResponse, previous.deadlines.firstResponse),
      breachLine(words, 'stats.deadline.resolution', current.deadlines.resolution, previous.deadlines.resolution),
    ]),
    lines('stats.section.compensation', [
      figure('stats.compensation.total', current.compensation.totalMinor, previous.compensation.totalMinor, moneyUnit(words)),
      figure('stats.compensation.count', current.compensation.count, previous.compensation.count, count),
      ...current.compensation.byKind.map((entry) =>
        `• ${words.t('stats.compensation.kind', { kind: kindLabel(words, entry.kind), amount: words.amount(entry.totalMinor), count: entry.count })}`,
      ),
    ]),
    lines('stats.section.satisfaction', [figure('stats.satisfaction.average', current.satisfaction, previous.satisfaction, scoreUnit(words))]),
  ];
  if (current.topCategories.length > 0) {
    blocks.push(
      lines(
        'stats.section.categories',
        current.topCategories.map((entry) => `• ${words.t('stats.count.line', { name: escapeMrkdwn(categoryName(view.policy as Policy, entry.categoryId)), count: count.value(entry.count) })}`),
      ),
    );
  }
  if (current.rootCauses.length > 0) {
    blocks.push(
      lines(
        'stats.section.causes',
        current.rootCauses.map((entry) => `• ${words.t('stats.count.line', { name: causeLabel(words, entry.cause), count: count.value(entry.count) })}`),
      ),
    );
  }
  const counts = current.openedPerBucket.counts;
  if (counts.length > 0) {
    const heading = current.openedPerBucket.bucketMs <= DAY ? 'stats.section.chart.day' : 'stats.section.chart.week';
    const peak = words.t('stats.chart.peak', { count: count.value(Math.max(...counts)) });
    blocks.push(section(`${words.t(heading)}\n\`${sparkline(counts)}\`  ${peak}`));
  }
  return { text, blocks };

  function lines(heading: MessageKey, body: readonly string[]): KnownBlock {
    return section([words.t(heading), ...body.map((line) => (line.startsWith('•') ? line : `• ${line}`))].join('\n'));
  }
}

/**
 * The few figures the App Home shows for the team, each beside the period before: cases
 * opened and resolved, the median first response, the share of resolution deadlines
 * breached and the average satisfaction. Lines of mrkdwn, bulleted.
 */
export function teamFigureLines(words: Words, current: PeriodStats, previous: PeriodStats): string[] {
  const count = countUnit(words);
  const span = spanUnit(words);
  return [
    trendLine(words, 'stats.opened', current.opened, previous.opened, count),
    trendLine(words, 'stats.resolved', current.resolved, previous.resolved, count),
    trendLine(words, 'stats.response.median', current.firstResponse.medianMs, previous.firstResponse.medianMs, span),
    breachLine(words, 'home.figures.breached', current.deadlines.resolution, previous.deadlines.resolution),
    trendLine(words, 'home.figures.satisfaction', current.satisfaction, previous.satisfaction, scoreUnit(words)),
  ].map((line) => `• ${line}`);
}

function trendLine(words: Words, key: MessageKey, now: number | null, before: number | null, unit: Unit): string {
  const shown = words.t('stats.figure', { label: words.t(key), value: now === null ? words.t('stats.none') : unit.value(now) });
  return words.t('stats.trend', { figure: shown, previous: before === null ? words.t('stats.none') : unit.value(before), change: changeText(words, now, before, unit) });
}

/** Nothing at all happened in the period. */
function isEmpty(stats: PeriodStats): boolean {
  return (
    stats.opened === 0 &&
    stats.resolved === 0 &&
    stats.closed === 0 &&
    stats.firstResponse.count === 0 &&
    stats.compensation.count === 0 &&
    stats.rootCauses.length === 0 &&
    stats.deadlines.firstResponse.due === 0 &&
    stats.deadlines.resolution.due === 0
  );
}

function section(text: string): KnownBlock {
  // Composed of catalog text and values escaped where they were put in.
  return { type: 'section', text: { type: 'mrkdwn', text: fitText(text, SLACK_LIMITS.sectionText, 'markup') } };
}

function changeText(words: Words, now: number | null, before: number | null, unit: Unit): string {
  const moved = change(now, before);
  if (moved === null) return words.t('stats.none');
  if (moved.delta === 0) return words.t('stats.change.same');
  const delta = unit.delta(moved.delta);
  if (moved.percent === null) return words.t('stats.change.delta', { delta });
  return words.t('stats.change.both', { delta, percent: percentText(words, moved.percent, true) });
}

function breachLine(words: Words, key: MessageKey, now: { due: number; breached: number }, before: { due: number; breached: number }): string {
  const nowShare = share(now.breached, now.due);
  const beforeShare = share(before.breached, before.due);
  const shown = (counts: { due: number; breached: number }, percent: number | null): string =>
    percent === null ? words.t('stats.none') : words.t('stats.deadline.value', { percent: percentText(words, percent, false), breached: counts.breached, due: counts.due });
  const moved = change(nowShare, beforeShare);
  const changed =
    moved === null ? words.t('stats.none') : moved.delta === 0 ? words.t('stats.change.same') : words.t('stats.change.points', { delta: signed(words, moved.delta) });
  return words.t('stats.trend', {
    figure: words.t('stats.figure', { label: words.t(key), value: shown(now, nowShare) }),
    previous: shown(before, beforeShare),
    change: changed,
  });
}

function percentText(words: Words, percent: number, withSign: boolean): string {
  return new Intl.NumberFormat(words.locale, { style: 'percent', ...(withSign && { signDisplay: 'exceptZero' }) }).format(percent / 100);
}

function signed(words: Words, value: number): string {
  return new Intl.NumberFormat(words.locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(value);
}

function countUnit(words: Words): Unit {
  const format = new Intl.NumberFormat(words.locale);
  return { value: (value) => format.format(value), delta: (delta) => signed(words, delta) };
}

function scoreUnit(words: Words): Unit {
  const format = new Intl.NumberFormat(words.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const delta = new Intl.NumberFormat(words.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return { value: (value) => format.format(value), delta: (value) => delta.format(value) };
}

/** The sign before a difference, as the locale writes it for numbers (`+`, `-` or `−`). */
function signOf(words: Words, value: number): string {
  const parts = new Intl.NumberFormat(words.locale, { signDisplay: 'exceptZero' }).formatToParts(value < 0 ? -1 : 1);
  return parts.find((part) => part.type === 'minusSign' || part.type === 'plusSign')?.value ?? '';
}

function spanUnit(words: Words): Unit {
  return { value: (ms) => words.span(ms), delta: (ms) => `${signOf(words, ms)}${words.span(Math.abs(ms))}` };
}

function moneyUnit(words: Words): Unit {
  return { value: (minor) => words.amount(minor), delta: (minor) => `${signOf(words, minor)}${words.amount(Math.abs(minor))}` };
}

function kindLabel(words: Words, kind: string): string {
  return isCompensationKind(kind) ? words.t(`comp.kind.${kind}`) : escapeMrkdwn(kind);
}

function causeLabel(words: Words, cause: string): string {
  const known = ROOT_CAUSES.find((code) => code === cause);
  return known ? words.t(`retro.cause.${known}`) : escapeMrkdwn(cause);
}
