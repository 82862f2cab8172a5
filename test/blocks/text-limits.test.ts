import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_EVENT_KINDS } from '../../src/domain/case-event.js';
import { CASE_STATUSES, COMPLAINT_SOURCES, type Case } from '../../src/domain/case.js';
import { DEADLINE_KINDS } from '../../src/domain/deadlines.js';
import { checklist, playbookVersion } from '../../src/domain/playbook.js';
import { SEVERITIES } from '../../src/domain/severity.js';
import { SLACK_LIMITS } from '../../src/blocks/limits.js';
import { announcementMessage } from '../../src/blocks/announcement.js';
import { caseCardBlocks, caseCardText, type CaseCardView } from '../../src/blocks/case-card.js';
import type { DeadlineState } from '../../src/domain/deadlines.js';
import { caseListBlocks, caseSummaryBlocks } from '../../src/blocks/case-summary.js';
import { eventLine, timelineText } from '../../src/blocks/event-lines.js';
import { helpText, usageError } from '../../src/blocks/help.js';
import { intakeModal } from '../../src/blocks/intake-modal.js';
import { caseOpenedText, caseTopic, provisioningStuckText } from '../../src/blocks/provisioning-texts.js';
import { breachMessage, deadlineWarningMessage } from '../../src/blocks/reminders.js';
import { resolveModal } from '../../src/blocks/resolve-modal.js';
import { approvalRequestMessage } from '../../src/blocks/approval-request.js';
import { compensationSection } from '../../src/blocks/compensation-card.js';
import { declineModal, proposalModal, rejectModal } from '../../src/blocks/compensation-modal.js';
import { compensationRefusalText } from '../../src/blocks/compensation-texts.js';
import { playbookChecklistBlocks, playbookTextBlocks } from '../../src/blocks/playbook-checklist.js';
import { COMPENSATION_KINDS, CUSTOMER_ANSWERS, PROPOSAL_STATES, compensationRefusal, type Compensation } from '../../src/domain/compensation.js';
import { MAX_AMOUNT_MINOR } from '../../src/domain/money.js';
import { brokenMrkdwn, brokenText, hostileText, propertyRuns } from '../support/hostile-text.js';
import { expectMessageWithinLimits, expectTopicWithinLimits, expectViewWithinLimits } from '../support/slack-limits.js';
import { FAKE_SLACK_LIMITS } from '../../fake-slack/index.js';
import { NOW, makeCase } from './fixtures.js';
import { LANGUAGES } from '../../src/config/policy-schema.js';
import { createWords, type Words } from '../../src/i18n/words.js';
import { CATALOGS } from '../../src/i18n/translator.js';
import { actionItemDoneDmText, actionItemDoneNotice, actionItemDueMessage, actionItemListMessage } from '../../src/blocks/action-items.js';

// The issue: text a person typed (a pasted HTML snippet, emoji, combining marks, right-to-left
// text, up to 10,000 characters) must never make Slack refuse a call. Every builder and every
// text sent directly is checked against the fake Slack's own limits, and no cut may split an
// escape sequence, a surrogate pair or a grapheme.

const TIME_ZONE = 'Europe/Warsaw';
const RUNS = propertyRuns(40);
const WORDS: readonly Words[] = LANGUAGES.map((language) => createWords({ language, timeZone: TIME_ZONE, currency: 'PLN' }));
/** The team's words in any of the languages, for the builders that take them. */
const anyWords = fc.constantFrom(...WORDS);

/** Every string in a payload, with whether Slack reads it as mrkdwn. */
function textsOf(value: unknown, inMrkdwn = false): { text: string; mrkdwn: boolean }[] {
  if (typeof value === 'string') return [{ text: value, mrkdwn: inMrkdwn }];
  if (Array.isArray(value)) return value.flatMap((item) => textsOf(item, false));
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  return Object.entries(object).flatMap(([key, item]) => textsOf(item, key === 'text' && object.type === 'mrkdwn'));
}

/** No string in `payload` is broken; `mrkdwnText` (a message `text`, a topic) is mrkdwn too. */
function expectWhole(payload: unknown, ...mrkdwnTexts: string[]): void {
  const problems = [
    ...textsOf(payload).flatMap(({ text, mrkdwn }) => (mrkdwn ? brokenMrkdwn(text) : brokenText(text))),
    ...mrkdwnTexts.flatMap(brokenMrkdwn),
  ];
  expect(problems).toEqual([]);
}

const hostileCase: fc.Arbitrary<Case> = fc
  .record({
    summary: hostileText(),
    customerName: hostileText(),
    customerContact: hostileText(),
    description: hostileText(),
    number: fc.integer({ min: 1, max: 999_999_999 }),
    severity: fc.constantFrom(...SEVERITIES),
    status: fc.constantFrom(...CASE_STATUSES),
    source: fc.constantFrom(...COMPLAINT_SOURCES),
    escalated: fc.boolean(),
    ownerId: fc.constantFrom(null, 'U0AAA0001'),
    staffInvolvedIds: fc.array(fc.constantFrom('U0STAFF01', 'W0STAFF02', 'U0STAFF03'), { maxLength: 10 }),
    channelId: fc.constantFrom(null, 'C0CASE042'),
    claimedLossMinor: fc.option(fc.integer({ min: 0, max: 100_000_000_000 })),
  })
  .map((fields) => makeCase(fields));

const deadlines = fc.array(
  fc.record({
    kind: fc.constantFrom(...DEADLINE_KINDS),
    dueAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }),
    state: fc.constantFrom<DeadlineState>('pending', 'warning', 'breached', 'met'),
  }),
  { maxLength: 3 },
);

/** A playbook of typed steps, some of them ticked. */
const playbook = fc
  .record({ steps: fc.array(hostileText(300), { maxLength: 25 }), ticked: fc.array(fc.boolean(), { maxLength: 25 }) })
  .map(({ steps, ticked }) => {
    const done = steps.flatMap((text, index) => (ticked[index] ? [{ index, text, doneBy: 'U0AAA0001', doneAt: NOW }] : []));
    return { version: playbookVersion(steps), steps: checklist(steps, done) };
  });

const amountMinor = fc.integer({ min: 0, max: MAX_AMOUNT_MINOR });
const approverIds = fc.array(fc.constantFrom('U0LEAD001', 'U0HEAD001', 'W0LEAD002', 'U0AAA0001'), { maxLength: 30 });

/** A proposal in any state, with a person's text in every field one can fill. */
const hostileCompensation: fc.Arbitrary<Compensation> = fc
  .record({
    id: fc.integer({ min: 1, max: 2 ** 53 - 1 }).map(String),
    kind: fc.constantFrom(...COMPENSATION_KINDS),
    amountMinor,
    note: hostileText(),
    customerAsked: hostileText(),
    proposedBy: fc.constantFrom('U0AAA0001', 'not-a-user-id <!here>'),
    state: fc.constantFrom(...PROPOSAL_STATES),
    approverIds,
    decidedBy: fc.constantFrom(null, 'U0HEAD001'),
    decidedAt: fc.constantFrom(null, NOW),
    rejectReason: fc.option(hostileText()),
    customerAnswer: fc.option(fc.constantFrom(...CUSTOMER_ANSWERS)),
    answeredBy: fc.constantFrom(null, 'U0AAA0001'),
    answeredAt: fc.constantFrom(null, NOW),
    customerWants: fc.option(hostileText()),
  })
  .map((fields) => ({
    ...fields,
    caseId: '7b0c1e9e-7f3a-4c1e-9f51-3c4b5a6d7e8f',
    teamId: 'T0TEAM001',
    proposedAt: NOW,
    requestChannelId: 'C0CASE042',
    requestTs: '1700000000.000100',
    version: 2,
    shownVersion: 1,
    nudgeDueAt: NOW,
    nudgedAt: null,
  }));

const compensationView = fc.option(fc.record({ current: fc.option(hostileCompensation, { nil: undefined }), approvedTotalMinor: amountMinor }), { nil: undefined });

const cardView: fc.Arbitrary<CaseCardView> = fc
  .record({ case: hostileCase, categoryName: hostileText(), deadlines, playbook, compensation: compensationView })
  .map(({ compensation, ...view }) => ({ ...view, ...(compensation && { compensation }), now: NOW }));

/** Timeline events as stored: any kind, with a person's text in every field they can fill. */
const hostileEvent = fc.record({
  kind: fc.constantFrom(...CASE_EVENT_KINDS),
  actorId: fc.constantFrom(null, 'U0AAA0001'),
  data: fc.record({
    text: hostileText(),
    note: hostileText(),
    reason: hostileText(),
    how: hostileText(),
    from: fc.constantFrom(...SEVERITIES),
    to: fc.constantFrom(...SEVERITIES, 'U0BBB0002'),
    severity: fc.constantFrom(...SEVERITIES),
    error: hostileText(200),
    deadline: fc.constantFrom(...DEADLINE_KINDS),
    leads: fc.constantFrom(['U0LEAD001'], ['U0LEAD001', 'U0LEAD002']),
    step: fc.nat(100),
    description: hostileText(),
  }),
});

describe('every builder keeps Slack limits and whole text, whatever a person typed', () => {
  it('the case card and its message text', () => {
    fc.assert(
      fc.property(anyWords, cardView, (words, view) => {
        const message = { text: caseCardText(words, view), blocks: caseCardBlocks(words, view) };
        expectMessageWithinLimits(message);
        expectWhole(message.blocks, message.text);
      }),
      RUNS,
    );
  });

  it('/complaint show with its timeline', () => {
    const events = fc.array(fc.record({ event: hostileEvent, at: fc.date({ min: new Date('2026-01-01'), max: NOW, noInvalidDate: true }) }), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(anyWords, cardView, events, (words, view, stored) => {
        const blocks = caseSummaryBlocks(words, { ...view, events: stored.map(({ event, at }) => ({ at, line: timelineText(words, event) })) });
        expectMessageWithinLimits({ text: 'Complaint', blocks });
        expectWhole(blocks);
      }),
      propertyRuns(15),
    );
  });

  it('/complaint list', () => {
    const cases = fc.array(fc.record({ case: hostileCase, categoryName: hostileText(100) }), { maxLength: 45 });
    fc.assert(
      fc.property(anyWords, fc.constantFrom('open', 'mine', 'overdue' as const), cases, fc.nat(1000), (words, filter, listed, extra) => {
        const blocks = caseListBlocks(words, { filter, cases: listed, now: NOW, total: listed.length + extra });
        expectMessageWithinLimits({ text: 'Cases', blocks });
        expectWhole(blocks);
      }),
      propertyRuns(10),
    );
  });

  it('the announcement in the team channel', () => {
    fc.assert(
      fc.property(anyWords, hostileCase, hostileText(), (words, c, categoryName) => {
        const message = announcementMessage(words, { case: c, channelId: 'C0CASE042', categoryName, withJoinButton: true });
        expectMessageWithinLimits(message);
        expectWhole(message.blocks, message.text);
      }),
      RUNS,
    );
  });

  it('the intake form, prefilled and with the categories of the policy', () => {
    const categories = fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[a-z0-9_-]{1,150}$/), name: hostileText(200) }), {
      minLength: 1,
      maxLength: 120,
      selector: (category) => category.id,
    });
    fc.assert(
      fc.property(anyWords, categories, hostileText(), hostileText(20), (words, listed, prefillSummary, currency) => {
        const view = intakeModal(words, { categories: listed, prefill: { summary: prefillSummary }, currency });
        expectViewWithinLimits(view);
        expectWhole(view);
      }),
      propertyRuns(20),
    );
  });

  it('the resolve form', () => {
    fc.assert(
      fc.property(anyWords, hostileCase, (words, c) => {
        const view = resolveModal(words, { caseId: c.id, number: c.number, summary: c.summary });
        expectViewWithinLimits(view);
        expectWhole(view);
      }),
      RUNS,
    );
  });

  it('the reminder and breach DMs', () => {
    fc.assert(
      fc.property(anyWords, hostileCase, fc.constantFrom(...DEADLINE_KINDS), fc.constantFrom('invited', 'not_invited', 'no_channel' as const), (words, c, kind, channel) => {
        const input = { case: c, kind, dueAt: new Date(NOW.getTime() + 3_600_000), now: NOW };
        const warning = deadlineWarningMessage(words, input);
        expectMessageWithinLimits(warning);
        expectWhole(warning.blocks, warning.text);
        const breach = breachMessage(words, { ...input, channel });
        expectMessageWithinLimits(breach);
        expectWhole([], breach.text);
      }),
      RUNS,
    );
  });

  it('help and the answer to input it does not understand', () => {
    for (const language of LANGUAGES) expectMessageWithinLimits({ text: helpText(createWords({ language, timeZone: TIME_ZONE, currency: 'PLN' })) });
    fc.assert(
      fc.property(anyWords, hostileText(), (words, input) => {
        const text = usageError(words, input);
        expectMessageWithinLimits({ text });
        expectWhole([], text);
      }),
      RUNS,
    );
  });

  it('the line posted in the case channel for every kind of event, and its timeline text', () => {
    fc.assert(
      fc.property(anyWords, hostileEvent, (words, event) => {
        const line = eventLine(words, event);
        if (line !== undefined) {
          expectMessageWithinLimits({ text: line });
          expectWhole([], line);
        }
        expectWhole([], timelineText(words, event));
      }),
      propertyRuns(100),
    );
  });
});

describe('the compensation and playbook builders keep Slack limits and whole text, whatever a person typed', () => {
  it('the approval request in the channel, its DM copy and its reminder', () => {
    fc.assert(
      fc.property(
        anyWords,
        hostileCompensation,
        fc.record({
          caseNumber: fc.integer({ min: 1, max: 999_999_999 }),
          caseChannelId: fc.constantFrom(null, 'C0CASE042'),
          claimedLossMinor: fc.option(amountMinor),
          guide: fc.option(hostileText(), { nil: undefined }),
          approvedTotalMinor: amountMinor,
          copy: fc.constantFrom('channel', 'dm', 'nudge' as const),
        }),
        (words, compensation, { guide, ...view }) => {
          const message = approvalRequestMessage(words, { ...view, compensation, ...(guide !== undefined && { guide }), now: NOW });
          expectMessageWithinLimits(message);
          expectWhole(message.blocks, message.text);
        },
      ),
      RUNS,
    );
  });

  it('the card’s compensation section', () => {
    fc.assert(
      fc.property(anyWords, fc.option(hostileCompensation, { nil: undefined }), amountMinor, (words, current, approvedTotalMinor) => {
        const section = compensationSection(words, { ...(current && { current }), approvedTotalMinor });
        if (section === undefined) return;
        expectMessageWithinLimits({ text: 'Compensation', blocks: [section] });
        expectWhole([section]);
      }),
      RUNS,
    );
  });

  it('the proposal form, with the guide and prefilled after a decline', () => {
    const prefill = fc.record({ kind: fc.constantFrom(...COMPENSATION_KINDS), amount: hostileText(60), note: hostileText(), asked: hostileText() }, { requiredKeys: [] });
    fc.assert(
      fc.property(
        anyWords,
        fc.integer({ min: 1, max: 999_999_999 }),
        hostileText(),
        fc.option(hostileText(), { nil: undefined }),
        fc.option(amountMinor),
        amountMinor,
        prefill,
        (words, caseNumber, categoryName, guide, claimedLossMinor, approvedTotalMinor, filled) => {
          const view = proposalModal(words, { caseId: '7b0c1e9e', caseNumber, categoryName, ...(guide !== undefined && { guide }), claimedLossMinor, approvedTotalMinor, prefill: filled });
          expectViewWithinLimits(view);
          expectWhole(view);
        },
      ),
      RUNS,
    );
  });

  it('the reject-reason and declined forms', () => {
    fc.assert(
      fc.property(anyWords, fc.integer({ min: 1, max: 999_999_999 }), hostileText(), amountMinor, (words, caseNumber, summary, amount) => {
        const context = words.t('comp.decline.context', { amount: words.amount(amount), kind: words.t('comp.kind.other') });
        for (const view of [rejectModal(words, { compensationId: '17', caseNumber, summary }), declineModal(words, { compensationId: '17', summary: context })]) {
          expectViewWithinLimits(view);
          expectWhole(view);
        }
      }),
      RUNS,
    );
  });

  it('the refusals of a compensation step, naming many people', () => {
    fc.assert(
      fc.property(anyWords, approverIds, fc.constantFrom('staff_involved', 'own_proposal', 'no_owner', 'not_an_approver' as const), (words, mayDecide, reason) => {
        const text = compensationRefusalText(words, compensationRefusal('may_not_decide', { reason, mayDecide }));
        expectMessageWithinLimits({ text });
        expectWhole([], text);
      }),
      RUNS,
    );
  });

  it('the playbook checklist on the card (open and closed) and in /complaint show', () => {
    // Up to 600 steps: past the 500 the card holds, so the rest is counted.
    const longPlaybook = fc.array(hostileText(60), { minLength: 490, maxLength: 600 }).map((steps) => ({ version: playbookVersion(steps), steps: checklist(steps, []) }));
    fc.assert(
      fc.property(anyWords, fc.oneof(playbook, longPlaybook), fc.constantFrom(...CASE_STATUSES), (words, steps, status) => {
        const blocks = [...playbookChecklistBlocks(words, { id: '7b0c1e9e-7f3a-4c1e-9f51-3c4b5a6d7e8f', status }, steps), ...playbookTextBlocks(words, steps)];
        expectMessageWithinLimits({ text: 'Playbook', blocks });
        expectWhole(blocks);
      }),
      RUNS,
    );
  });
});

describe('the action item builders keep Slack limits and whole text, whatever a person typed', () => {
  const typedItem = fc.record({
    id: fc.integer({ min: 1, max: 2 ** 53 - 1 }).map(String),
    description: hostileText(),
    ownerId: fc.constantFrom('U0OWNER01', 'W0OWNER02', 'not-a-user-id <!here>'),
    dueOn: fc.constantFrom('2026-11-20', '2026-11-23', '2027-02-28'),
  });
  const listed = fc.record({ item: typedItem, caseNumber: fc.integer({ min: 1, max: 999_999_999 }), channelId: fc.constantFrom(null, 'C0CASE042') });

  it('/complaint list actions, with the notice of the last Done', () => {
    fc.assert(
      // Item ids are primary keys: one block per item, so no two share a block_id.
      fc.property(anyWords, fc.uniqueArray(listed, { maxLength: 45, selector: (entry) => entry.item.id }), fc.nat(1000), hostileText(), (words, items, extra, done) => {
        const message = actionItemListMessage(words, { items, total: items.length + extra, today: '2026-11-23', notice: actionItemDoneNotice(words, { number: 7, description: done }) });
        expectMessageWithinLimits(message);
        expectWhole(message.blocks, message.text);
      }),
      propertyRuns(10),
    );
  });

  it('the due-date DM and what replaces it after Done', () => {
    fc.assert(
      fc.property(anyWords, listed, (words, { item, caseNumber, channelId }) => {
        const dm = actionItemDueMessage(words, { item, case: { number: caseNumber, channelId }, today: '2026-11-23' });
        expectMessageWithinLimits(dm);
        expectWhole(dm.blocks, dm.text);
        const done = actionItemDoneDmText(words, { number: caseNumber, description: item.description });
        expectMessageWithinLimits({ text: done });
        expectWhole([], done);
      }),
      RUNS,
    );
  });
});

describe('texts sent directly keep Slack limits and whole text', () => {
  it('the case channel topic (conversations.setTopic)', () => {
    fc.assert(
      fc.property(anyWords, hostileCase, (words, c) => {
        const topic = caseTopic(words, c);
        expectTopicWithinLimits(topic);
        expectWhole([], topic);
        const title = CATALOGS[words.language]['setup.topic'].split('{summary}')[0] ?? '';
        const severity = words.t(`severity.${c.severity}`);
        expect(topic.startsWith(title.replace('{number}', String(c.number)).replace('{severity}', severity))).toBe(true);
      }),
      propertyRuns(100),
    );
  });

  it('the DMs to the reporter (case open, provisioning stopped)', () => {
    fc.assert(
      fc.property(anyWords, fc.integer({ min: 1, max: 999_999_999 }), hostileText(), fc.constantFrom(null, 'C0CASE042'), (words, number, slackError, channelId) => {
        const stuck = provisioningStuckText(words, { number, slackError, channelId, nextTryAt: NOW });
        for (const text of [caseOpenedText(words, number, channelId ?? 'C0CASE042'), stuck]) {
          expectMessageWithinLimits({ text });
          expectWhole([], text);
        }
      }),
      RUNS,
    );
  });
});

describe('the limits production code fits to', () => {
  it('are never above what Slack (the fake Slack) allows', () => {
    for (const [name, limit] of Object.entries(SLACK_LIMITS)) {
      const slack = (FAKE_SLACK_LIMITS as Record<string, number>)[name];
      expect(slack, `${name} is a limit the fake Slack knows`).toBeDefined();
      expect(limit, name).toBeLessThanOrEqual(slack!);
    }
  });
});
