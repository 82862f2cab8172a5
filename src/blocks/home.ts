import type { HomeView, KnownBlock } from '@slack/types';
import type { Policy } from '../config/policy.js';
import type { ListedCase } from '../db/case-repository.js';
import type { HomeActionItem, HomeApproval, HomeContent, HomeList, HomeRetro } from '../db/home-repository.js';
import type { PeriodStats } from '../db/stats-repository.js';
import { dueState } from '../domain/action-item-rules.js';
import { isCompensationKind } from '../domain/compensation.js';
import type { MessageKey } from '../i18n/translator.js';
import type { Words } from '../i18n/words.js';
import { nextDeadlineText } from './case-summary.js';
import { channelLink, userMention } from './format.js';
import { SLACK_LIMITS } from './limits.js';
import { escapeMrkdwn, fitText } from './plain-text.js';
import { teamFigureLines } from './stats.js';

const SUMMARY_LENGTH = 70;
const DESCRIPTION_LENGTH = 120;

/** What one person's App Home shows, read at `now`. */
export interface HomeViewInput {
  readonly content: HomeContent;
  /** The team's last 30 days and the 30 before, for the figures at the bottom. */
  readonly figures: { readonly current: PeriodStats; readonly previous: PeriodStats };
  readonly policy: Pick<Policy, 'categories'>;
  readonly now: Date;
  /** `YYYY-MM-DD` of `now` in the workspace zone: which action items are overdue. */
  readonly today: string;
}

/**
 * The App Home (`views.publish`): the person's open cases by next deadline, the
 * compensation waiting for their decision, the retro notes and action items they owe,
 * for leads the team's cases past a deadline, and the team's figures for the last 30
 * days beside the 30 before. Each list is cut with an `and N more` line pointing at the
 * command that shows all. Pure; every word from the catalog.
 *
 * @example
 * await ctx.slack.views.publish({ user_id: userId, view: homeView(ctx.words, { content, figures, policy, now }) });
 */
export function homeView(words: Words, input: HomeViewInput): HomeView {
  const { content, now } = input;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: fitText(words.t('home.title'), SLACK_LIMITS.headerText, 'plain_text') } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: words.t('home.updated', { at: words.dateTime(now) }) }] },
    listSection(words, 'home.cases.title', 'home.cases.none', 'home.cases.more', content.myCases, (listed) => caseLine(words, listed, now)),
    listSection(words, 'home.approvals.title', 'home.approvals.none', 'home.approvals.more', content.approvals, (approval) => approvalLine(words, approval)),
    listSection(words, 'home.retros.title', 'home.retros.none', 'home.retros.more', content.retros, (retro) => retroLine(words, retro)),
    listSection(words, 'home.items.title', 'home.items.none', 'home.items.more', content.actionItems, (item) => itemLine(words, item, input.today)),
  ];
  if (content.overdue) {
    blocks.push(listSection(words, 'home.overdue.title', 'home.overdue.none', 'home.overdue.more', content.overdue, (listed) => caseLine(words, listed, now)));
  }
  blocks.push(
    { type: 'divider' },
    section([words.t('home.figures.title'), ...teamFigureLines(words, input.figures.current, input.figures.previous)].join('\n')),
    { type: 'context', elements: [{ type: 'mrkdwn', text: words.t('home.figures.more') }] },
  );
  return { type: 'home', blocks };
}

function listSection<T>(words: Words, title: MessageKey, none: MessageKey, more: MessageKey, list: HomeList<T>, line: (item: T) => string): KnownBlock {
  const lines = [words.t(title, { count: list.total })];
  if (list.items.length === 0) lines.push(words.t(none));
  // Each line is bounded, so eight of them and the title fit one section.
  lines.push(...list.items.map((item) => `• ${line(item)}`));
  const hidden = list.total - list.items.length;
  if (hidden > 0) lines.push(words.t(more, { count: hidden }));
  return section(lines.join('\n'));
}

function caseLine(words: Words, listed: ListedCase, now: Date): string {
  const c = listed.case;
  const parts = [`*#${c.number}*`, ...(listed.nextDeadline ? [nextDeadlineText(words, listed.nextDeadline, now)] : []), fitText(c.summary, SUMMARY_LENGTH, 'mrkdwn')];
  if (c.channelId !== null) parts.push(channelLink(c.channelId));
  return parts.join(' · ');
}

function approvalLine(words: Words, approval: HomeApproval): string {
  const kind = isCompensationKind(approval.kind) ? words.t(`comp.kind.${approval.kind}`) : escapeMrkdwn(approval.kind);
  const text = words.t('home.approvals.line', {
    caseNumber: String(approval.caseNumber),
    amount: words.amount(approval.amountMinor),
    kind,
    proposer: userMention(approval.proposedBy),
    summary: fitText(approval.caseSummary, SUMMARY_LENGTH, 'mrkdwn'),
  });
  return approval.channelId !== null ? `${text} · ${channelLink(approval.channelId)}` : text;
}

function retroLine(words: Words, retro: HomeRetro): string {
  return words.t('home.retros.line', { caseNumber: String(retro.caseNumber), summary: fitText(retro.caseSummary, SUMMARY_LENGTH, 'mrkdwn'), due: words.dateTime(retro.dueAt) });
}

function itemLine(words: Words, item: HomeActionItem, today: string): string {
  const date = words.day(item.dueOn);
  const due = words.t(`actions.due.${dueState(item.dueOn, today)}`, { date });
  return words.t('home.items.line', { caseNumber: String(item.caseNumber), description: fitText(item.description, DESCRIPTION_LENGTH, 'mrkdwn'), due });
}

function section(text: string): KnownBlock {
  // Catalog text with every value escaped or bounded where it was put in.
  return { type: 'section', text: { type: 'mrkdwn', text: fitText(text, SLACK_LIMITS.sectionText, 'markup') } };
}
