import type { Case } from '../domain/case.js';
import type { CaseEvent } from '../domain/case-event.js';
import type { Closure } from '../domain/closure.js';
import type { Compensation } from '../domain/compensation.js';
import type { DoneStep } from '../domain/playbook.js';
import { isSeverity } from '../domain/severity.js';
import type { Words } from '../i18n/words.js';
import type { MessageKey } from '../i18n/translator.js';
import { answerLabel, kindLabel } from './compensation-texts.js';
import { timelineText } from './event-lines.js';
import { escapeMarkdownInline, markdownQuote, mrkdwnToMarkdown } from './markdown-text.js';
import { severityText } from './format.js';
import { sourceLabel } from './source-label.js';

/** What the case record of one close is written from: the case as PostgreSQL holds it at the close. */
export interface CaseRecordView {
  readonly case: Case;
  readonly categoryName: string;
  readonly closure: Closure;
  /** The case's timeline, oldest first; the record keeps what happened up to this close. */
  readonly events: readonly CaseEvent[];
  /** The playbook steps ticked, as worded when ticked. */
  readonly doneSteps: readonly DoneStep[];
  /** How many steps the category's playbook has. */
  readonly playbookLength: number;
  /** Every compensation proposal of the case, oldest first. */
  readonly compensations: readonly Compensation[];
  /** People's names as Slack shows them, by Slack id; someone missing is named by id alone. */
  readonly names: ReadonlyMap<string, string>;
}

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>/g;

/**
 * The case record of a close as a Markdown document in the team's language: the parties
 * (names with their Slack ids, since a file shows no mentions), the complaint as
 * submitted, the whole timeline to the second in the workspace zone, the playbook steps
 * done, every compensation proposal with who decided and the customer's answer, and the
 * close with the agreement word for word. Everything a person typed is escaped
 * (markdown-text.ts); headings and labels come from the catalogs.
 *
 * @example
 * const markdown = caseRecordMarkdown(words, view); // '# Case record of complaint #42: Parcel arrived broken\n\n…'
 */
export function caseRecordMarkdown(words: Words, view: CaseRecordView): string {
  const plain = plainNamer(view.names);
  const person: Namer = (id) => escapeMarkdownInline(plain(id));
  const sections = [
    titleSection(words, view),
    partiesSection(words, view, person),
    complaintSection(words, view, person),
    timelineSection(words, view, plain),
    playbookSection(words, view, person),
    compensationSection(words, view, person),
    closeSection(words, view, person),
    `---\n\n_${words.t('record.footer')}_`,
  ];
  return `${sections.join('\n\n')}\n`;
}

/**
 * Everyone the record names, by Slack id, in order of appearance: the names to look up
 * before writing it. Includes the people the timeline's lines mention.
 */
export function caseRecordPeople(words: Words, view: Omit<CaseRecordView, 'names'>): string[] {
  const ids = [
    view.case.reporterId,
    ...(view.case.ownerId ? [view.case.ownerId] : []),
    ...view.case.staffInvolvedIds,
    ...view.compensations.flatMap((c) => [c.proposedBy, ...c.approverIds, ...(c.decidedBy ? [c.decidedBy] : []), ...(c.answeredBy ? [c.answeredBy] : [])]),
    ...view.doneSteps.map((step) => step.doneBy),
    view.closure.closedBy,
    ...recordEvents(view).flatMap((event) => [
      ...(event.actorId ? [event.actorId] : []),
      ...[...timelineText(words, event).matchAll(MENTION)].map((match) => match[1] ?? ''),
    ]),
  ];
  return unique(ids.filter((id) => id !== ''));
}

/** The record's file name, in the team's language: `complaint-42-record-2026-12-03.md`. */
export function caseRecordFileName(words: Words, input: { number: number; closedAt: Date }): string {
  return words.t('record.fileName', { number: input.number, date: zoneDate(input.closedAt, words.timeZone) });
}

/** The file's title as Slack shows it. */
export function caseRecordTitle(words: Words, number: number): string {
  return words.t('record.fileTitle', { number });
}

/** The message that goes with the file in the case channel (our words only: safe mrkdwn). */
export function caseRecordComment(words: Words, number: number): string {
  return words.t('record.comment', { number });
}

const PERMALINK = /^https:\/\/[^\s<>|]+$/;

/**
 * `/complaint show`'s line linking the record of the latest close (safe mrkdwn), or
 * undefined while it is not posted or Slack gave no usable link.
 *
 * @example
 * caseRecordLinkText(words, { closedAt, permalink: 'https://acme.slack.com/files/U0BOT/F1/record.md' })
 * // ':page_facing_up: *Case record* of the close on Thu 3 Dec 2026, 14:05 CET: <https://acme.slack.com/files/U0BOT/F1/record.md|open the file>'
 */
export function caseRecordLinkText(words: Words, record: { readonly closedAt: Date; readonly permalink: string | null }): string | undefined {
  if (!record.permalink || !PERMALINK.test(record.permalink)) return undefined;
  return words.t('record.show', { at: words.dateTime(record.closedAt), link: `<${record.permalink}|${words.t('record.show.link')}>` });
}

/** The events up to and including this close's own `closed` event (or, lacking it, up to its time). */
function recordEvents(view: Pick<CaseRecordView, 'events' | 'closure'>): readonly CaseEvent[] {
  const closedAt = view.events.findIndex((event) => event.kind === 'closed' && String(event.data.closureId) === view.closure.id);
  if (closedAt >= 0) return view.events.slice(0, closedAt + 1);
  return view.events.filter((event) => event.at.getTime() <= view.closure.closedAt.getTime());
}

type Namer = (id: string) => string;

/** `Anna Nowak (U0AAA0001)`, or the id alone when Slack gave no name; plain text. */
function plainNamer(names: ReadonlyMap<string, string>): Namer {
  return (id) => {
    const name = names.get(id)?.trim();
    return name && name !== id ? `${name} (${id})` : id;
  };
}

function titleSection(words: Words, view: CaseRecordView): string {
  const title = words.t('record.title', { number: view.case.number, summary: escapeMarkdownInline(view.case.summary) });
  const intro = words.t('record.intro', { at: words.exactDateTime(view.closure.closedAt), timeZone: escapeMarkdownInline(words.timeZone) });
  return `# ${title}\n\n${intro}`;
}

function partiesSection(words: Words, view: CaseRecordView, person: Namer): string {
  const c = view.case;
  const people = (ids: readonly string[]): string => (ids.length === 0 ? words.t('record.nobody') : words.list(unique(ids).map(person)));
  const deciders = view.compensations.flatMap((comp) => (comp.decidedBy ? [comp.decidedBy] : []));
  const acted = recordEvents(view).flatMap((event) => (event.actorId ? [event.actorId] : []));
  return [
    heading(words, 'record.parties'),
    [
      field(words, 'record.reporter', person(c.reporterId)),
      field(words, 'record.owner', c.ownerId ? person(c.ownerId) : words.t('record.nobody')),
      field(words, 'record.customer', escapeMarkdownInline(c.customerName)),
      field(words, 'record.customerContact', escapeMarkdownInline(c.customerContact)),
      field(words, 'record.staffInvolved', people(c.staffInvolvedIds)),
      field(words, 'record.askedToDecide', people(view.compensations.flatMap((comp) => comp.approverIds))),
      field(words, 'record.deciders', people(deciders)),
      field(words, 'record.closedBy', person(view.closure.closedBy)),
      field(words, 'record.actors', people(acted)),
    ].join('\n'),
  ].join('\n\n');
}

function complaintSection(words: Words, view: CaseRecordView, person: Namer): string {
  const c = view.case;
  const opened = view.events.find((event) => event.kind === 'opened');
  const openedSeverity = opened?.data.severity;
  const submitted = typeof openedSeverity === 'string' && isSeverity(openedSeverity) ? openedSeverity : c.severity;
  const severity =
    submitted === c.severity
      ? severityText(words, c.severity)
      : words.t('record.severityChanged', { submitted: severityText(words, submitted), now: severityText(words, c.severity) });
  const claimed = c.claimedLossMinor === null ? words.t('record.noClaimedLoss') : words.amount(c.claimedLossMinor);
  return [
    heading(words, 'record.complaint'),
    [
      field(words, 'record.opened', words.t('record.openedAt', { at: words.exactDateTime(c.createdAt), person: person(c.reporterId) })),
      field(words, 'record.summary', escapeMarkdownInline(c.summary)),
      field(words, 'record.category', escapeMarkdownInline(view.categoryName)),
      field(words, 'record.severity', severity),
      field(words, 'record.source', sourceLabel(words, c.source)),
      field(words, 'record.claimedLoss', claimed),
    ].join('\n'),
    quoted(words, 'record.description', c.description),
  ].join('\n\n');
}

/** Every event of the close's timeline on a line of its own; `plain` names people without escaping (the line is escaped whole). */
function timelineSection(words: Words, view: CaseRecordView, plain: Namer): string {
  const lines = recordEvents(view).map((event) => `- **${words.exactDateTime(event.at)}**: ${mrkdwnToMarkdown(timelineText(words, event), plain)}`);
  return [heading(words, 'record.timeline'), lines.join('\n')].join('\n\n');
}

function playbookSection(words: Words, view: CaseRecordView, person: Namer): string {
  if (view.doneSteps.length === 0) return [heading(words, 'record.playbook'), words.t('record.playbookNone')].join('\n\n');
  const count = words.t('record.playbookCount', { done: view.doneSteps.length, total: Math.max(view.playbookLength, view.doneSteps.length) });
  const steps = [...view.doneSteps]
    .sort((a, b) => a.index - b.index)
    .map((step) => {
      const name = words.t('record.playbookStep', { number: step.index + 1, step: escapeMarkdownInline(step.text) });
      return `- **${name}**: ${words.t('record.playbookTicked', { person: person(step.doneBy), at: words.exactDateTime(step.doneAt) })}`;
    });
  return [heading(words, 'record.playbook'), count, steps.join('\n')].join('\n\n');
}

function compensationSection(words: Words, view: CaseRecordView, person: Namer): string {
  if (view.compensations.length === 0) return [heading(words, 'record.compensation'), words.t('record.compensationNone')].join('\n\n');
  const proposals = view.compensations.map((comp, index) => proposalText(words, comp, index + 1, person));
  const approved = view.compensations.filter((comp) => comp.state === 'approved').reduce((sum, comp) => sum + comp.amountMinor, 0);
  const total = `**${words.t('record.approvedTotal')}:** ${words.amount(approved)}`;
  return [heading(words, 'record.compensation'), ...proposals, total].join('\n\n');
}

function proposalText(words: Words, comp: Compensation, number: number, person: Namer): string {
  const byAt = (id: string, at: Date | null) => ({ person: person(id), at: at ? words.exactDateTime(at) : '—' });
  const decision =
    comp.decidedBy && comp.state !== 'pending'
      ? words.t(comp.state === 'approved' ? 'record.approved' : 'record.rejected', byAt(comp.decidedBy, comp.decidedAt))
      : words.t('record.pending');
  const answer =
    comp.customerAnswer && comp.answeredBy
      ? words.t('record.answer', { answer: answerLabel(words, comp.customerAnswer), ...byAt(comp.answeredBy, comp.answeredAt) })
      : words.t('record.noAnswer');
  const title = words.t('record.proposal', { number, amount: words.amount(comp.amountMinor), kind: kindLabel(words, comp.kind) });
  const fields = [
    field(words, 'record.proposedBy', words.t('record.byAt', byAt(comp.proposedBy, comp.proposedAt))),
    field(words, 'record.proposalApprovers', comp.approverIds.length === 0 ? words.t('record.nobody') : words.list(comp.approverIds.map(person))),
    field(words, 'record.decision', decision),
    field(words, 'record.customerAnswer', answer),
  ];
  const texts = [
    ...(comp.note.trim() ? [quoted(words, 'record.note', comp.note)] : []),
    ...(comp.customerAsked.trim() ? [quoted(words, 'record.customerAsked', comp.customerAsked)] : []),
    ...(comp.state === 'rejected' && comp.rejectReason ? [quoted(words, 'record.rejectReason', comp.rejectReason)] : []),
    ...(comp.customerWants?.trim() ? [quoted(words, 'record.customerWants', comp.customerWants)] : []),
  ];
  return [`### ${title}`, fields.join('\n'), ...texts].join('\n\n');
}

function closeSection(words: Words, view: CaseRecordView, person: Namer): string {
  const closure = view.closure;
  return [
    heading(words, 'record.close'),
    [
      field(words, 'record.outcome', words.t(`close.outcome.${closure.outcome}`)),
      field(words, 'record.satisfaction', words.t('record.satisfactionScore', { score: closure.satisfaction })),
      field(words, 'record.thanked', words.t(closure.customerThanked ? 'record.yes' : 'record.no')),
      field(words, 'record.closedBy', words.t('record.byAt', { person: person(closure.closedBy), at: words.exactDateTime(closure.closedAt) })),
    ].join('\n'),
    quoted(words, 'record.explanation', closure.explanation),
    quoted(words, 'record.agreement', closure.agreement),
  ].join('\n\n');
}

function heading(words: Words, key: MessageKey): string {
  return `## ${words.t(key)}`;
}

/** `- **Label:** value`; the value is already safe Markdown. */
function field(words: Words, label: MessageKey, value: string): string {
  return `- **${words.t(label)}:** ${value}`;
}

/** A label, then a person's text word for word as a quote. */
function quoted(words: Words, label: MessageKey, text: string): string {
  return `**${words.t(label)}:**\n\n${markdownQuote(text, words.t('record.empty'))}`;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** `YYYY-MM-DD` of a moment in the workspace zone. */
function zoneDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
