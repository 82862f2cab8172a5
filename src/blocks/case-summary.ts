import type { KnownBlock, SectionBlock } from '@slack/types';
import type { Case } from '../domain/case.js';
import type { DeadlineKind } from '../domain/deadlines.js';
import { escapeMrkdwn, fitText } from './plain-text.js';
import { caseFactBlocks, sectionText, type CaseCardView } from './case-card.js';
import { channelLink, severityLabel, statusLabel, userMention } from './format.js';
import { SLACK_LIMITS } from './limits.js';
import { playbookTextBlocks } from './playbook-checklist.js';
import type { Words } from '../i18n/words.js';
import { caseRecordLinkText } from './case-record.js';

export interface TimelineEventView {
  at: Date;
  /** The event as safe mrkdwn (people's text already escaped, see slack/event-lines.ts). */
  line: string;
}

export interface CaseSummaryView extends CaseCardView {
  events: readonly TimelineEventView[];
  /** The case record of the latest close (also after reopening), linked once it is posted. */
  record?: { readonly closedAt: Date; readonly permalink: string | null };
}

/** Which cases `/complaint list` shows: the typed filter. */
export type CaseListFilter = 'open' | 'mine' | 'overdue';

export interface CaseListView {
  filter: CaseListFilter;
  /** In the order shown: the next deadline first (see listCases). */
  cases: readonly { case: Case; categoryName: string; nextDeadline?: { kind: DeadlineKind; dueAt: Date } | null }[];
  now: Date;
  /** All matching cases when `cases` is only the first page; drives the `and N more` line. */
  total?: number;
}

/** Most recent timeline events shown by `/complaint show`. */
export const TIMELINE_MAX_EVENTS = 30;
/** Most cases shown by `/complaint list`. */
export const CASE_LIST_MAX_CASES = 40;

const EVENT_LINE_LENGTH = 500;
const LIST_SUMMARY_LENGTH = 80;

/**
 * `/complaint show`: the card's facts, the playbook's steps done (who, when) and left, the link to the latest case record, then the timeline, oldest first, in the workspace
 * time zone and the team's language; older events beyond the last 30 are counted, not shown.
 *
 * @example
 * await respond({ response_type: 'ephemeral', text: caseSummaryText(words, c), blocks: caseSummaryBlocks(words, view) });
 */
export function caseSummaryBlocks(words: Words, view: CaseSummaryView): KnownBlock[] {
  const recordLink = view.record && caseRecordLinkText(words, view.record);
  const facts = [...caseFactBlocks(words, view), ...playbookTextBlocks(words, view.playbook), ...(recordLink ? [sectionText(recordLink)] : [])];
  const budget = SLACK_LIMITS.blocksPerMessage - facts.length;
  const events = [...view.events].sort((a, b) => a.at.getTime() - b.at.getTime());
  let shown = events.slice(-TIMELINE_MAX_EVENTS);
  let timeline = timelineSections(words, shown, events.length - shown.length);
  // Each event is bounded, so this only trims when many long events meet many fact blocks.
  while (timeline.length > budget && shown.length > 0) {
    shown = shown.slice(1);
    timeline = timelineSections(words, shown, events.length - shown.length);
  }
  return [...facts, ...timeline];
}

/** The message `text` of `/complaint show`, for notifications: `Complaint #42`. */
export function caseSummaryText(words: Words, c: Pick<Case, 'number'>): string {
  return words.t('show.text', { caseNumber: String(c.number) });
}

/**
 * `/complaint list`: one line per case (number, status, severity, summary, owner, case
 * channel), at most 40, then how many more there are; times in the workspace zone.
 *
 * @example
 * caseListBlocks(words, { filter: 'open', cases, now, total });
 */
export function caseListBlocks(words: Words, view: CaseListView): KnownBlock[] {
  const title = fitText(words.t('show.listTitle', { filter: view.filter }), SLACK_LIMITS.headerText, 'plain_text');
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title } }];
  const shown = view.cases.slice(0, CASE_LIST_MAX_CASES);
  if (shown.length === 0) {
    blocks.push(sectionText(words.t('show.listEmpty')));
    return blocks;
  }
  blocks.push(...packLines(shown.map(({ case: c, nextDeadline }) => caseLine(words, c, nextDeadline ?? null, view.now))));
  const more = Math.max(view.total ?? 0, view.cases.length) - shown.length;
  if (more > 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: words.t('show.listMore', { count: more }) }] });
  }
  return blocks;
}

/**
 * The message `text` of `/complaint list`: how many cases match, or that none do.
 *
 * @example
 * caseListText(words, 'open', 3) // '3 open cases'
 */
export function caseListText(words: Words, filter: CaseListFilter, total: number): string {
  return total === 0 ? words.t('show.listNone', { filter }) : words.t('show.listCount', { filter, count: total });
}

function timelineSections(words: Words, events: readonly TimelineEventView[], hidden: number): SectionBlock[] {
  const lines = [words.t('show.timeline', { timeZone: escapeMrkdwn(words.timeZone) })];
  if (hidden > 0) lines.push(words.t('show.hidden', { count: hidden }));
  if (events.length === 0 && hidden === 0) lines.push(words.t('show.nothingYet'));
  lines.push(...events.map((event) => timelineLine(words, event)));
  return packLines(lines);
}

function timelineLine(words: Words, event: TimelineEventView): string {
  return `• *${words.shortDateTime(event.at)}* ${fitText(event.line, EVENT_LINE_LENGTH, 'markup')}`;
}

function caseLine(words: Words, c: Case, next: { kind: DeadlineKind; dueAt: Date } | null, now: Date): string {
  const opened = { at: words.shortDateTime(c.createdAt), ago: words.span(now.getTime() - c.createdAt.getTime()) };
  const parts = [
    `*#${c.number}*`,
    ...(next ? [nextDeadlineText(words, next, now)] : []),
    statusLabel(words, c.status),
    severityLabel(words, c.severity),
    ...(c.escalated ? [words.t('show.lineEscalated')] : []),
    fitText(c.summary, LIST_SUMMARY_LENGTH, 'mrkdwn'),
    c.ownerId === null ? words.t('show.lineNoOwner') : words.t('show.lineOwner', { owner: userMention(c.ownerId) }),
    words.t('show.lineOpened', opened),
    ...(c.channelId !== null ? [channelLink(c.channelId)] : []),
  ];
  return parts.join(' · ');
}

/** `:hourglass: First response due 14:30 (2 h left)`, or overdue by how long. */
export function nextDeadlineText(words: Words, next: { kind: DeadlineKind; dueAt: Date }, now: Date): string {
  const label = words.t(`deadline.${next.kind}`);
  const leftMs = next.dueAt.getTime() - now.getTime();
  const due = words.shortDateTime(next.dueAt);
  return leftMs <= 0
    ? words.t('show.lineOverdue', { label, due, span: words.span(-leftMs) })
    : words.t('show.lineDue', { label, due, span: words.span(leftMs) });
}

/** Lines joined into as few sections as the 3000-character limit allows. */
function packLines(lines: readonly string[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let current = '';
  for (const raw of lines) {
    const line = fitText(raw, SLACK_LIMITS.sectionText, 'markup');
    if (current !== '' && current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      sections.push(sectionText(current));
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') sections.push(sectionText(current));
  return sections;
}
