import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { describe, expect, it } from 'vitest';
import {
  caseRecordFileName,
  caseRecordLinkText,
  caseRecordMarkdown,
  caseRecordPeople,
  type CaseRecordView,
} from '../../src/blocks/case-record.js';
import { timelineText } from '../../src/blocks/event-lines.js';
import { mrkdwnToMarkdown } from '../../src/blocks/markdown-text.js';
import { CASE_EVENT_KINDS, type CaseEvent, type CaseEventKind } from '../../src/domain/case-event.js';
import type { Closure } from '../../src/domain/closure.js';
import type { Compensation } from '../../src/domain/compensation.js';
import { createWords } from '../../src/i18n/words.js';
import { makeCase } from './fixtures.js';
import { HOSTILE_TOKENS, propertyRuns } from '../support/hostile-text.js';

const words = createWords({ language: 'en', timeZone: 'Europe/Warsaw', currency: 'PLN' });
const polish = createWords({ language: 'pl', timeZone: 'Europe/Warsaw', currency: 'PLN' });
const markdown = new MarkdownIt({ html: true, linkify: false });

const REPORTER = 'U0REP0001';
const OWNER = 'U0OWN0001';
const LEAD = 'U0LEAD001';
const HEAD = 'U0HEAD001';
const STAFF = 'U0STAFF01';
const GONE = 'U0GONE001';

/** 1 Dec 2026 in UTC; Warsaw is an hour ahead (CET). */
const at = (time: string) => new Date(`2026-12-01T${time}Z`);

let nextId = 1;
const event = (kind: CaseEventKind, time: string, data: Record<string, unknown> = {}, actorId: string | null = OWNER): CaseEvent => ({
  id: String(nextId++),
  caseId: 'case-1',
  kind,
  actorId,
  data,
  at: at(time),
});

/** One event of every kind (a new kind fails this test until the record shows it), seconds apart, the case closed once, reopened and closed again (closure 7). */
const EVENTS: CaseEvent[] = [
  event('opened', '08:00:01', { severity: 'normal', categoryId: 'delivery' }, REPORTER),
  event('owner_changed', '08:01:02', { to: OWNER }),
  event('responded', '08:02:03', { note: 'Called the customer' }),
  event('note', '08:03:04', { text: 'Customer sent photos' }),
  event('playbook_step_ticked', '08:04:05', { step: 0, text: 'Thank the customer' }),
  event('playbook_step_unticked', '08:04:35', { step: 1, text: 'Apologise' }),
  event('severity_changed', '08:05:06', { from: 'normal', to: 'high' }),
  event('escalated', '08:06:07', { reason: 'Large loss', leads: [LEAD] }),
  event('compensation_proposed', '08:07:08', { compensationId: '1', amountMinor: 15000, kind: 'refund', approvers: [LEAD, HEAD] }),
  event('compensation_nudged', '08:08:09', { compensationId: '1', amountMinor: 15000, kind: 'refund', approvers: [LEAD, HEAD] }, null),
  event('compensation_rejected', '08:09:10', { compensationId: '1', amountMinor: 15000, kind: 'refund', reason: 'Too much for a late parcel' }, LEAD),
  event('compensation_proposed', '08:10:11', { compensationId: '2', amountMinor: 5000, kind: 'voucher', approvers: [LEAD] }),
  event('compensation_approved', '08:11:12', { compensationId: '2', amountMinor: 5000, kind: 'voucher' }, LEAD),
  event('compensation_answered', '08:12:13', { compensationId: '2', answer: 'declined', wants: 'Cash instead' }),
  event('deadline_breached', '08:13:14', { deadline: 'first_response', leads: [LEAD] }, null),
  event('slack_problem', '08:14:15', { step: 'dm', error: 'user_not_found', purpose: 'reminder', user: GONE }, null),
  event('resolved', '08:15:16', { how: 'Sent a new vase' }),
  event('follow_up_answered', '08:16:17', { round: 1, answer: 'not_yet', nextAt: at('09:16:17').toISOString() }),
  event('follow_up_escalated', '08:17:18', { round: 3, leads: [LEAD] }, null),
  event('closed', '08:18:19', { closureId: '6', outcome: 'partly', satisfaction: 2, thanked: false, from: 'resolved' }),
  event('case_record_posted', '08:19:20', { closureId: '6', fileId: 'F1', permalink: 'https://x.slack.com/files/U/F1/r.md' }, null),
  event('retro_submitted', '08:19:25', { closureId: '6', cause: 'delivery_partner', rewritten: false }),
  event('action_item_added', '08:19:30', { closureId: '6', actionItemId: '5', owner: OWNER, dueOn: '2026-12-10', rewritten: false }),
  event('retro_reminded', '08:19:35', { closureId: '6', people: [REPORTER] }, null),
  event('retro_summary_posted', '08:19:40', { closureId: '6', answered: 1, asked: 2 }, null),
  event('channel_archived', '08:19:45', { closureId: '6', already: false }, null),
  event('action_item_done', '08:19:50', { actionItemId: '5', description: 'Brief the couriers on fragile parcels' }),
  event('reopened', '08:20:21', { reason: 'Customer wrote again' }),
  event('channel_replaced', '08:20:51', { from: 'C0OLD0001', to: 'C0NEW0001' }, null),
  event('resolved', '08:21:22', { how: 'Refunded the voucher in cash' }),
  event('closed', '08:22:23', { closureId: '7', outcome: 'in_favour', satisfaction: 4, thanked: true, from: 'resolved' }),
  // After this close: not part of its record.
  event('note', '08:30:00', { text: 'Written after the close' }),
];

const CLOSURE: Closure = {
  id: '7',
  caseId: 'case-1',
  teamId: 'T0TEAM001',
  outcome: 'in_favour',
  explanation: 'We told her the voucher becomes cash.',
  satisfaction: 4,
  agreement: 'Refund of 50,00 zł to the card ending 1234 by 4 December.\n\nNo further claims about order 42.',
  customerThanked: true,
  closedBy: OWNER,
  closedAt: at('08:22:23'),
  recordFileId: null,
  recordPermalink: null,
  recordPostedAt: null,
  retroDueAt: at('16:00:00'),
  retroRemindAt: at('12:00:00'),
  retroRemindedAt: null,
  summaryPostedAt: null,
  archivedAt: null,
  retroAskedAt: null,
  cancelledAt: null,
};

const compensation = (overrides: Partial<Compensation>): Compensation => ({
  id: '1',
  caseId: 'case-1',
  teamId: 'T0TEAM001',
  kind: 'refund',
  amountMinor: 15000,
  note: '',
  customerAsked: '',
  proposedBy: OWNER,
  proposedAt: at('08:07:08'),
  state: 'pending',
  approverIds: [LEAD],
  decidedBy: null,
  decidedAt: null,
  rejectReason: null,
  customerAnswer: null,
  answeredBy: null,
  answeredAt: null,
  customerWants: null,
  requestChannelId: null,
  requestTs: null,
  version: 1,
  shownVersion: 1,
  nudgeDueAt: at('09:07:08'),
  nudgedAt: null,
  ...overrides,
});

const COMPENSATIONS: Compensation[] = [
  compensation({
    id: '1',
    note: 'Vase was expensive',
    customerAsked: 'Full refund',
    approverIds: [LEAD, HEAD],
    state: 'rejected',
    decidedBy: LEAD,
    decidedAt: at('08:09:10'),
    rejectReason: 'Too much for a late parcel',
  }),
  compensation({
    id: '2',
    kind: 'voucher',
    amountMinor: 5000,
    proposedAt: at('08:10:11'),
    state: 'approved',
    decidedBy: LEAD,
    decidedAt: at('08:11:12'),
    customerAnswer: 'declined',
    answeredBy: OWNER,
    answeredAt: at('08:12:13'),
    customerWants: 'Cash instead',
  }),
  compensation({ id: '3', kind: 'goodwill', amountMinor: 0, proposedAt: at('08:21:00'), approverIds: [] }),
];

const NAMES = new Map([
  [REPORTER, 'Rita Reporter'],
  [OWNER, 'Olek Owner'],
  [LEAD, 'Lena Lead'],
  [HEAD, 'Hugo Head'],
  [STAFF, 'Stefan Staff'],
]);

function view(overrides: Partial<CaseRecordView> = {}): CaseRecordView {
  return {
    case: makeCase({ reporterId: REPORTER, ownerId: OWNER, staffInvolvedIds: [STAFF], status: 'closed', severity: 'high', createdAt: at('08:00:01') }),
    categoryName: 'Late or damaged delivery',
    closure: CLOSURE,
    events: EVENTS,
    doneSteps: [{ index: 0, text: 'Thank the customer', doneBy: OWNER, doneAt: at('08:04:05') }],
    playbookLength: 7,
    compensations: COMPENSATIONS,
    names: NAMES,
    ...overrides,
  };
}

/** The document's lines between one `## ` heading and the next. */
function section(document: string, title: string): string {
  const start = document.indexOf(`\n## ${title}\n`);
  expect(start, `no section "${title}"`).toBeGreaterThanOrEqual(0);
  const end = document.indexOf('\n## ', start + 1);
  return document.slice(start, end < 0 ? undefined : end);
}

const tokensOf = (source: string): Token[] => markdown.parse(source, {}).flatMap((token) => [token, ...(token.children ?? [])]);

describe('caseRecordMarkdown', () => {
  const record = caseRecordMarkdown(words, view());

  it('has a title with the number and summary, the close time and the zone, then every section in order', () => {
    expect(record.startsWith('# Case record of complaint #42: Parcel arrived broken\n\nClosed on Tue, 1 Dec 2026, 09:22:23 CET. All times are in the Europe/Warsaw time zone.\n')).toBe(true);
    const headings = tokensOf(record).filter((token) => token.type === 'heading_open').map((token) => token.tag);
    expect(headings).toEqual(['h1', 'h2', 'h2', 'h2', 'h2', 'h2', 'h3', 'h3', 'h3', 'h2']);
    const order = ['Who was involved', 'The complaint as submitted', 'Timeline', 'Playbook steps done', 'Compensation', 'The close'].map((title) =>
      record.indexOf(`\n## ${title}\n`),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((index) => index > 0)).toBe(true);
  });

  it('names the parties with their Slack ids, and by id alone whom Slack could not name', () => {
    expect(section(record, 'Who was involved')).toBe(
      [
        '\n## Who was involved',
        '',
        '- **Reported by:** Rita Reporter (U0REP0001)',
        '- **Owner:** Olek Owner (U0OWN0001)',
        '- **Customer:** Anna Nowak',
        '- **Customer contact:** anna@example.com',
        '- **Staff involved:** Stefan Staff (U0STAFF01)',
        '- **Asked to decide on compensation:** Lena Lead (U0LEAD001) and Hugo Head (U0HEAD001)',
        '- **Decided on compensation:** Lena Lead (U0LEAD001)',
        '- **Closed by:** Olek Owner (U0OWN0001)',
        '- **Everyone who acted on the case:** Rita Reporter (U0REP0001), Olek Owner (U0OWN0001) and Lena Lead (U0LEAD001)',
        '',
      ].join('\n'),
    );
    expect(record).toContain('Slack could not deliver a direct message to U0GONE001 (user\\_not\\_found).');
    expect(record).not.toMatch(/<@|<#|<!/);
  });

  it('shows the complaint as submitted: the severity it came with, the source, the claimed loss and the description', () => {
    const complaint = section(record, 'The complaint as submitted');
    expect(complaint).toContain('- **Opened:** Tue, 1 Dec 2026, 09:00:01 CET, by Rita Reporter (U0REP0001)');
    expect(complaint).toContain('- **Summary:** Parcel arrived broken');
    expect(complaint).toContain('- **Category:** Late or damaged delivery');
    expect(complaint).toContain('- **Severity:** Normal (later changed to High)');
    expect(complaint).toContain('- **Source:** Email');
    expect(complaint).toContain(`- **Claimed loss:** ${words.amount(12345)}`);
    expect(complaint).toContain('**Description:**\n\n> The box was crushed and the vase inside broke.');
    expect(caseRecordMarkdown(words, view({ case: makeCase({ claimedLossMinor: null }) }))).toContain('- **Claimed loss:** none claimed');
  });

  it('lists every event up to this close, one line each, with its exact time in the workspace zone', () => {
    const timeline = section(record, 'Timeline');
    const shown = EVENTS.slice(0, -1);
    expect(new Set(shown.map((e) => e.kind))).toEqual(new Set(CASE_EVENT_KINDS));
    const lines = timeline.split('\n').filter((line) => line.startsWith('- '));
    expect(lines).toHaveLength(shown.length);
    shown.forEach((e, index) => {
      const local = new Date(e.at.getTime() + 3600_000).toISOString().slice(11, 19);
      const text = mrkdwnToMarkdown(timelineText(words, e), (id) => (NAMES.has(id) ? `${NAMES.get(id)} (${id})` : id));
      expect(lines[index]).toBe(`- **Tue, 1 Dec 2026, ${local} CET**: ${text}`);
    });
    expect(lines[0]).toBe('- **Tue, 1 Dec 2026, 09:00:01 CET**: Rita Reporter (U0REP0001) opened the case (Normal).');
    expect(lines).toContain('- **Tue, 1 Dec 2026, 09:06:07 CET**: Olek Owner (U0OWN0001) escalated the case: Large loss. Lena Lead (U0LEAD001): a central decision is needed.');
    expect(lines).toContain('- **Tue, 1 Dec 2026, 09:19:20 CET**: The case record was posted in the case channel as a file.');
    expect(lines.find((line) => line.startsWith('- **Tue, 1 Dec 2026, 09:20:51 CET**: '))).toContain('#C0OLD0001');
    expect(lines.find((line) => line.startsWith('- **Tue, 1 Dec 2026, 09:19:50 CET**: '))).toContain('Brief the couriers on fragile parcels');
    expect(timeline).not.toContain('Written after the close');
  });

  it('shows the playbook steps done, by whom and when', () => {
    expect(section(record, 'Playbook steps done')).toContain(
      '1 of 7 steps done.\n\n- **1. Thank the customer**: ticked by Olek Owner (U0OWN0001), Tue, 1 Dec 2026, 09:04:05 CET',
    );
    expect(caseRecordMarkdown(words, view({ doneSteps: [] }))).toContain('## Playbook steps done\n\nNo playbook step was ticked.');
  });

  it('shows each proposal with who proposed, who was asked, who decided and when, the reasons and the customer’s answer', () => {
    const compensations = section(record, 'Compensation');
    expect(compensations).toContain(
      [
        `### Proposal 1: ${words.amount(15000)} (Refund)`,
        '',
        '- **Proposed by:** Olek Owner (U0OWN0001), Tue, 1 Dec 2026, 09:07:08 CET',
        '- **Asked to decide:** Lena Lead (U0LEAD001) and Hugo Head (U0HEAD001)',
        '- **Decision:** Rejected by Lena Lead (U0LEAD001), Tue, 1 Dec 2026, 09:09:10 CET',
        '- **The customer’s answer:** not recorded',
        '',
        '**Note for the approvers:**\n\n> Vase was expensive',
        '',
        '**What the customer asked for:**\n\n> Full refund',
        '',
        '**Why it was rejected:**\n\n> Too much for a late parcel',
      ].join('\n'),
    );
    expect(compensations).toContain(
      [
        `### Proposal 2: ${words.amount(5000)} (Voucher)`,
        '',
        '- **Proposed by:** Olek Owner (U0OWN0001), Tue, 1 Dec 2026, 09:10:11 CET',
        '- **Asked to decide:** Lena Lead (U0LEAD001)',
        '- **Decision:** Approved by Lena Lead (U0LEAD001), Tue, 1 Dec 2026, 09:11:12 CET',
        '- **The customer’s answer:** Declined by the customer, recorded by Olek Owner (U0OWN0001), Tue, 1 Dec 2026, 09:12:13 CET',
        '',
        '**What the customer would value instead:**\n\n> Cash instead',
      ].join('\n'),
    );
    expect(compensations).toContain(`### Proposal 3: ${words.amount(0)} (Goodwill gesture)`);
    expect(compensations).toContain('- **Asked to decide:** nobody\n- **Decision:** Still waiting for a decision');
    expect(compensations).toContain(`**Approved in total:** ${words.amount(5000)}`);
    expect(caseRecordMarkdown(words, view({ compensations: [] }))).toContain('## Compensation\n\nNo compensation was proposed.');
  });

  it('ends with the close: outcome, satisfaction, thanks, who closed when, the explanation and the agreement word for word', () => {
    const close = section(record, 'The close');
    expect(close).toContain(
      [
        '- **Outcome:** Resolved in the customer’s favour',
        '- **Customer satisfaction:** 4/5',
        '- **Customer thanked for raising the complaint:** Yes',
        '- **Closed by:** Olek Owner (U0OWN0001), Tue, 1 Dec 2026, 09:22:23 CET',
      ].join('\n'),
    );
    expect(close).toContain('**What the customer was told about the outcome:**\n\n> We told her the voucher becomes cash.');
    expect(close).toContain(
      '**The agreement reached with the customer, word for word:**\n\n> Refund of 50,00 zł to the card ending 1234 by 4 December.\n>\n> No further claims about order 42.',
    );
    // A reader sees the agreement as typed: its last blockquote holds exactly its paragraphs.
    const tokens = tokensOf(record);
    const quotes = tokens.filter((token) => token.type === 'blockquote_open').length;
    expect(quotes).toBeGreaterThan(0);
    const start = tokens.map((t) => t.type).lastIndexOf('blockquote_open');
    const lastQuote = tokens.slice(start, tokens.findIndex((t, index) => index > start && t.type === 'blockquote_close'));
    const paragraphs = lastQuote.filter((token) => token.type === 'inline').map((token) => token.content);
    expect(paragraphs).toEqual(['Refund of 50,00 zł to the card ending 1234 by 4 December.', 'No further claims about order 42.']);
    expect(caseRecordMarkdown(words, view({ closure: { ...CLOSURE, customerThanked: false } }))).toContain('- **Customer thanked for raising the complaint:** No');
  });

  it('never lets text a person typed become markup: no link, HTML, table, list or heading of theirs', () => {
    const hostile = fc.string({ unit: fc.constantFrom('# ', '- ', '1. ', '> ', '[x](https://evil.example)', '<b>', '| a |', '\n', '```', '***', '&copy;', ...HOSTILE_TOKENS), maxLength: 30 });
    fc.assert(
      fc.property(hostile, hostile, hostile, (a, b, c) => {
        const document = caseRecordMarkdown(
          words,
          view({
            case: makeCase({ summary: a, customerName: b, customerContact: c, description: `${a}\n${b}`, staffInvolvedIds: [STAFF], ownerId: OWNER }),
            categoryName: c,
            closure: { ...CLOSURE, agreement: `${b}\n\n${c}`, explanation: a },
            events: [event('note', '08:03:04', { text: `${a}\n${c}` }), event('escalated', '08:04:00', { reason: b, leads: [LEAD] }), EVENTS.find((e) => e.kind === 'closed' && e.data.closureId === '7')!],
            doneSteps: [{ index: 0, text: b, doneBy: OWNER, doneAt: at('08:04:05') }],
            compensations: [compensation({ note: a, customerAsked: b, rejectReason: c, state: 'rejected', decidedBy: LEAD, decidedAt: at('08:09:10'), customerWants: a })],
            names: new Map([[OWNER, c], [LEAD, a]]),
          }),
        );
        const tokens = tokensOf(document);
        const types = new Set(tokens.map((token) => token.type));
        for (const forbidden of ['link_open', 'image', 'html_inline', 'html_block', 'table_open', 'code_inline', 'code_block', 'fence', 'ordered_list_open', 's_open', 'em_open', 'hr']) {
          // Our own document has exactly one rule (before the footer) and emphasis only in the footer.
          if (forbidden === 'hr') expect(tokens.filter((t) => t.type === 'hr')).toHaveLength(1);
          else if (forbidden === 'em_open') expect(tokens.filter((t) => t.type === 'em_open')).toHaveLength(1);
          else expect(types.has(forbidden), forbidden).toBe(false);
        }
        // The title, six sections and the one proposal.
        expect(tokens.filter((t) => t.type === 'heading_open')).toHaveLength(8);
        // Ours: the parties, the complaint, the timeline, the playbook, the proposal and the close.
        expect(tokens.filter((t) => t.type === 'bullet_list_open')).toHaveLength(6);
        expect(tokens.filter((t) => t.type === 'strong_open').length).toBe(tokens.filter((t) => t.type === 'strong_close').length);
      }),
      propertyRuns(60),
    );
  });

  it('is written in the team’s language: Polish headings, labels, dates and amounts', () => {
    const polishRecord = caseRecordMarkdown(polish, view());
    expect(polishRecord.startsWith('# Karta sprawy reklamacji #42: Parcel arrived broken\n\nZamknięta wt., 1 gru 2026, 09:22:23 CET.')).toBe(true);
    for (const heading of ['Kto brał udział', 'Reklamacja w takiej postaci, w jakiej wpłynęła', 'Historia', 'Wykonane kroki procedury', 'Rekompensata', 'Zamknięcie']) {
      expect(polishRecord).toContain(`\n## ${heading}\n`);
    }
    expect(polishRecord).toContain('- **Zgłaszający:** Rita Reporter (U0REP0001)');
    expect(polishRecord).toContain('- **wt., 1 gru 2026, 09:00:01 CET**: Rita Reporter (U0REP0001) otwiera reklamację');
    expect(polishRecord).toContain(`### Propozycja 1: ${polish.amount(15000)} (Zwrot pieniędzy)`);
    expect(polish.amount(15000)).toBe('150,00\u00A0zł');
    expect(polishRecord).toContain('- **Decyzja:** Odrzucona przez: Lena Lead (U0LEAD001), wt., 1 gru 2026, 09:09:10 CET');
    expect(polishRecord).toContain('- **Zadowolenie klienta:** 4/5');
    expect(polishRecord).toContain('**Ustalenia z klientem, słowo w słowo:**\n\n> Refund of 50,00 zł');
    expect(polishRecord).not.toMatch(/Who was involved|Timeline|Proposal|Closed by/);
  });
});

describe('caseRecordPeople', () => {
  it('lists everyone the record names, the people its timeline lines mention included, once each', () => {
    const { names: _names, ...rest } = view();
    expect(caseRecordPeople(words, rest)).toEqual([REPORTER, OWNER, STAFF, LEAD, HEAD, GONE]);
  });
});

describe('caseRecordFileName', () => {
  it('dates the file by the close’s day in the workspace zone, in the team’s language', () => {
    expect(caseRecordFileName(words, { number: 42, closedAt: new Date('2026-12-03T23:30:00Z') })).toBe('complaint-42-record-2026-12-04.md');
    expect(caseRecordFileName(polish, { number: 42, closedAt: new Date('2026-12-03T10:00:00Z') })).toBe('reklamacja-42-karta-sprawy-2026-12-03.md');
  });
});

describe('caseRecordLinkText', () => {
  it('links the file Slack gave a permalink for, and nothing else', () => {
    const closedAt = at('08:22:23');
    expect(caseRecordLinkText(words, { closedAt, permalink: 'https://acme.slack.com/files/U0BOT/F1/record.md' })).toBe(
      ':page_facing_up: *Case record* of the close on Tue, 1 Dec 2026, 09:22 CET: <https://acme.slack.com/files/U0BOT/F1/record.md|open the file>',
    );
    expect(caseRecordLinkText(words, { closedAt, permalink: null })).toBeUndefined();
    expect(caseRecordLinkText(words, { closedAt, permalink: 'https://evil.example|<!here>' })).toBeUndefined();
    expect(caseRecordLinkText(words, { closedAt, permalink: 'javascript:alert(1)' })).toBeUndefined();
  });
});
