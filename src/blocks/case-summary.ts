import type { KnownBlock, SectionBlock } from '@slack/types';
import type { Case } from '../domain/case.js';
import { escapeMrkdwn, fitText } from './plain-text.js';
import { caseFactBlocks, sectionText, type CaseCardView } from './case-card.js';
import {
  SEVERITY_LABELS,
  STATUS_LABELS,
  channelLink,
  formatTimeSpan,
  formatShortZonedTime,
  userMention,
} from './format.js';
import { SLACK_LIMITS } from './limits.js';
import type { Words } from '../i18n/words.js';

export interface TimelineEventView {
  at: Date;
  /** The event as safe mrkdwn (people's text already escaped, see slack/event-lines.ts). */
  line: string;
}

export interface CaseSummaryView extends CaseCardView {
  events: readonly TimelineEventView[];
}

export interface CaseListView {
  title: string;
  cases: readonly { case: Case; categoryName: string }[];
  timeZone: string;
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
 * `/complaint show`: the card's facts, then the timeline, oldest first, in the workspace
 * time zone; older events beyond the last 30 are counted, not shown.
 *
 * @example
 * await respond({ response_type: 'ephemeral', text: `Complaint #${c.number}`, blocks: caseSummaryBlocks(words, view) });
 */
export function caseSummaryBlocks(words: Words, view: CaseSummaryView): KnownBlock[] {
  const facts = caseFactBlocks(words, view);
  const budget = SLACK_LIMITS.blocksPerMessage - facts.length;
  const events = [...view.events].sort((a, b) => a.at.getTime() - b.at.getTime());
  let shown = events.slice(-TIMELINE_MAX_EVENTS);
  let timeline = timelineSections(words.timeZone, shown, events.length - shown.length);
  // Each event is bounded, so this only trims when many long events meet many fact blocks.
  while (timeline.length > budget && shown.length > 0) {
    shown = shown.slice(1);
    timeline = timelineSections(words.timeZone, shown, events.length - shown.length);
  }
  return [...facts, ...timeline];
}

/**
 * `/complaint list`: one line per case (number, status, severity, summary, owner, case
 * channel), at most 40, then how many more there are.
 *
 * @example
 * caseListBlocks({ title: 'Open cases', cases, timeZone: 'Europe/Warsaw', now, total });
 */
export function caseListBlocks(view: CaseListView): KnownBlock[] {
  const title = fitText(view.title.trim(), SLACK_LIMITS.headerText, 'plain_text') || 'Cases';
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title } }];
  const shown = view.cases.slice(0, CASE_LIST_MAX_CASES);
  if (shown.length === 0) {
    blocks.push(sectionText('_No cases._'));
    return blocks;
  }
  blocks.push(...packLines(shown.map(({ case: c }) => caseLine(c, view.timeZone, view.now))));
  const more = Math.max(view.total ?? 0, view.cases.length) - shown.length;
  if (more > 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${more} more` }] });
  }
  return blocks;
}

function timelineSections(timeZone: string, events: readonly TimelineEventView[], hidden: number): SectionBlock[] {
  const lines = [`*Timeline* _(times in ${escapeMrkdwn(timeZone)})_`];
  if (hidden > 0) lines.push(`_${hidden} older ${hidden === 1 ? 'event is' : 'events are'} not shown._`);
  if (events.length === 0 && hidden === 0) lines.push('_Nothing has happened yet._');
  lines.push(...events.map((event) => timelineLine(event, timeZone)));
  return packLines(lines);
}

function timelineLine(event: TimelineEventView, timeZone: string): string {
  return `• *${formatShortZonedTime(event.at, timeZone)}* ${fitText(event.line, EVENT_LINE_LENGTH, 'markup')}`;
}

function caseLine(c: Case, timeZone: string, now: Date): string {
  const parts = [
    `*#${c.number}*`,
    STATUS_LABELS[c.status],
    SEVERITY_LABELS[c.severity],
    ...(c.escalated ? [':mega: escalated'] : []),
    fitText(c.summary, LIST_SUMMARY_LENGTH, 'mrkdwn'),
    `owner ${userMention(c.ownerId, '_none_')}`,
    `opened ${formatShortZonedTime(c.createdAt, timeZone)} (${formatTimeSpan(now.getTime() - c.createdAt.getTime())} ago)`,
    ...(c.channelId !== null ? [channelLink(c.channelId)] : []),
  ];
  return parts.join(' · ');
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
