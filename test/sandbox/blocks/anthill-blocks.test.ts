// @vitest-environment happy-dom
import type { ModalView } from '@slack/types';
import { afterEach, describe, expect, it } from 'vitest';
import { renderBlocks, renderView } from '../../../sandbox/page/blocks/index.js';
import { ACTION_IDS } from '../../../src/blocks/action-ids.js';
import { announcementMessage } from '../../../src/blocks/announcement.js';
import { approvalRequestMessage } from '../../../src/blocks/approval-request.js';
import { caseCardBlocks } from '../../../src/blocks/case-card.js';
import { CLOSE_FIELDS, closeModal } from '../../../src/blocks/close-modal.js';
import { PROPOSE_FIELDS, parseProposalSubmission, proposalModal } from '../../../src/blocks/compensation-modal.js';
import { INTAKE_FIELDS, intakeModal, parseIntakeSubmission } from '../../../src/blocks/intake-modal.js';
import { homeView } from '../../../src/blocks/home.js';
import { RETRO_FIELDS, readRetroForm, retroModal } from '../../../src/blocks/retro-modal.js';
import { LANGUAGES } from '../../../src/config/policy-schema.js';
import type { PeriodStats } from '../../../src/db/stats-repository.js';
import type { Compensation } from '../../../src/domain/compensation.js';
import { checklist, playbookVersion } from '../../../src/domain/playbook.js';
import { createWords } from '../../../src/i18n/words.js';
import { parseChecklistClick } from '../../../src/slack/case-reference.js';
import { readCloseForm } from '../../../src/slack/views/close-submission.js';
import { ATTACK, NOW, makeCase } from '../../blocks/fixtures.js';
import { date, pick, recordingContext, tick, type } from './context.js';

/**
 * What Anthill's own builders send, drawn by the sandbox's renderer: the words a person
 * would read, the buttons they would press, and the form state the bot's own parsers
 * accept when it comes back.
 */
const words = createWords({ language: 'en', timeZone: 'Europe/Warsaw', currency: 'PLN' });
const c = makeCase({ ownerId: 'U0ALICE01', channelId: 'C0CASE042' });
const STEPS = ['Thank the customer', 'Apologise', 'Fix it'];

function shown(blocks: unknown[]) {
  const ctx = recordingContext();
  const element = renderBlocks(blocks, ctx);
  document.body.append(element);
  return { ctx, element, text: element.textContent ?? '' };
}

function modal(view: { title: { text: string }; blocks: unknown[]; submit?: { text: string }; close?: { text: string } }) {
  const ctx = recordingContext();
  let submitted = 0;
  const rendered = renderView(view, ctx, { onSubmit: () => (submitted += 1) });
  document.body.append(rendered.element);
  const submit = () => {
    rendered.element.querySelector<HTMLButtonElement>('.bk-view-submit')!.click();
    return submitted;
  };
  return { ctx, rendered, root: rendered.element, submit };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('Anthill’s messages', () => {
  it('the case card: header, facts with names, deadlines, buttons that send the case id, the playbook checklist', () => {
    const blocks = caseCardBlocks(words, {
      case: c,
      categoryName: 'Late or damaged delivery',
      now: NOW,
      deadlines: [{ kind: 'first_response', dueAt: new Date('2026-11-23T16:00:00Z'), state: 'pending' }],
      playbook: { version: playbookVersion(STEPS), steps: checklist(STEPS, []) },
    });
    const { ctx, element, text } = shown(blocks);
    expect(element.querySelector('.bk-header')?.textContent).toBe('Complaint #42');
    expect(text).toContain('Owner@Alice');
    expect(text).toContain('CustomerAnna Nowakanna@example.com');
    expect(text).toContain('Severity🟠 High');
    expect(element.querySelector('.bk-quote')?.textContent).toBe('The box was crushed and the vase inside broke.');
    expect(element.querySelector('.bk-unsupported')).toBeNull();

    const buttons = Array.from(element.querySelectorAll<HTMLButtonElement>('.bk-actions button'));
    expect(buttons.length).toBeGreaterThan(0);
    const resolve = buttons.find((b) => b.dataset['actionId'] === ACTION_IDS.resolve)!;
    resolve.click();
    expect(ctx.actions.at(-1)).toMatchObject({ actionId: ACTION_IDS.resolve, type: 'button', value: c.id });

    const severity = element.querySelector<HTMLSelectElement>(`select[data-action-id="${ACTION_IDS.severity}"]`)!;
    expect(severity.value).toBe(`${c.id}:high`);

    const box = element.querySelector<HTMLInputElement>('input[type=checkbox][value="1"]')!;
    box.click();
    const click = ctx.actions.at(-1)!;
    expect(click.type).toBe('checkboxes');
    expect(parseChecklistClick(click.actionId, click.selectedOptions)).toMatchObject({ caseId: c.id, version: playbookVersion(STEPS) });
  });

  it('the announcement: the deliberate @here, the case channel by name, Join', () => {
    const { ctx, element, text } = shown(announcementMessage(words, { case: c, channelId: 'C0CASE042', categoryName: 'Late or damaged delivery', withJoinButton: true }).blocks);
    expect(Array.from(element.querySelectorAll('.bk-mention-broadcast'), (m) => m.textContent)).toEqual(['@here']);
    expect(text).toContain('📣 New complaint #42: Parcel arrived broken');
    expect(element.querySelector('.bk-mention-channel')?.textContent).toBe('#case-42-parcel-arrived-broken');
    element.querySelector<HTMLButtonElement>('button')!.click();
    expect(ctx.actions).toEqual([{ actionId: ACTION_IDS.join, blockId: 'announcement_join', type: 'button', value: c.id }]);
  });

  it('a customer’s hostile summary reads as typed: no ping, no link, no markup', () => {
    const { element, text } = shown(announcementMessage(words, { case: makeCase({ summary: `${ATTACK} <img src=x onerror=alert(1)>` }), channelId: 'C0CASE042', categoryName: '*x*' }).blocks);
    expect(text).toContain('<!channel> hi <@U123> <https://evil|click> @\u200Dhere <img src=x onerror=alert(1)>');
    expect(Array.from(element.querySelectorAll('.bk-mention'), (m) => m.textContent)).toEqual(['@here', '#case-42-parcel-arrived-broken']);
    expect(element.querySelector('img, script')).toBeNull();
    for (const a of Array.from(element.querySelectorAll('a'))) expect(a.textContent).toBe(a.getAttribute('href'));
  });

  it('the approval request: who proposes what, and Approve/Reject sending the proposal id', () => {
    const proposal: Compensation = {
      id: '17', caseId: c.id, teamId: 'T0TEAM001', kind: 'refund', amountMinor: 50_000, note: 'Parcel crushed', customerAsked: 'Money back', proposedBy: 'U0BRUNO01',
      proposedAt: new Date('2026-11-23T13:00:00Z'), state: 'pending', approverIds: ['U0LENA001'], decidedBy: null, decidedAt: null, rejectReason: null, customerAnswer: null,
      answeredBy: null, answeredAt: null, customerWants: null, requestChannelId: 'C0CASE042', requestTs: '1700000000.000100', version: 1, shownVersion: 0,
      nudgeDueAt: new Date('2026-11-23T14:00:00Z'), nudgedAt: null,
    };
    const message = approvalRequestMessage(words, { compensation: proposal, caseNumber: 42, caseChannelId: 'C0CASE042', claimedLossMinor: 129_900, approvedTotalMinor: 0, copy: 'channel', now: NOW });
    const { ctx, element, text } = shown(message.blocks);
    expect(text).toContain('@Bruno');
    expect(text).toContain('500.00');
    const byAction = (id: string) => element.querySelector<HTMLButtonElement>(`button[data-action-id="${id}"]`)!;
    byAction(ACTION_IDS.compApprove).click();
    byAction(ACTION_IDS.compReject).click();
    expect(ctx.actions.map((a) => [a.actionId, a.value])).toEqual([
      [ACTION_IDS.compApprove, '17'],
      [ACTION_IDS.compReject, '17'],
    ]);
  });
});

const CATEGORIES = [
  { id: 'delivery', name: 'Late or damaged delivery' },
  { id: 'billing', name: 'Wrong invoice' },
];

describe('Anthill’s modals, filled in and read back by the bot’s own parsers', () => {
  it('the intake form', () => {
    const { rendered, root, submit } = modal(intakeModal(words, { categories: CATEGORIES, prefill: { summary: 'Broken vase' }, currency: 'PLN' }));
    expect(root.querySelector('.bk-view-title')?.textContent).toBe('New complaint');
    expect(rendered.missingRequired()).toEqual([
      INTAKE_FIELDS.customerName.blockId,
      INTAKE_FIELDS.customerContact.blockId,
      INTAKE_FIELDS.category.blockId,
      INTAKE_FIELDS.source.blockId,
      INTAKE_FIELDS.description.blockId,
    ]);
    expect(submit()).toBe(0);
    type(root, INTAKE_FIELDS.customerName.blockId, 'Anna Nowak');
    type(root, INTAKE_FIELDS.customerContact.blockId, 'anna@example.com');
    pick(root, INTAKE_FIELDS.category.blockId, 'billing');
    pick(root, INTAKE_FIELDS.source.blockId, 'phone');
    type(root, INTAKE_FIELDS.description.blockId, 'Charged twice.\nPlease refund.');
    type(root, INTAKE_FIELDS.claimedLoss.blockId, '123.45');
    pick(root, INTAKE_FIELDS.staffInvolved.blockId, 'U0BRUNO01', 'U0LENA001');
    expect(submit()).toBe(1);
    const parsed = parseIntakeSubmission(words, rendered.values(), CATEGORIES, 2);
    expect(parsed).toMatchObject({
      ok: true,
      intake: { summary: 'Broken vase', customerName: 'Anna Nowak', customerContact: 'anna@example.com', categoryId: 'billing', severity: 'normal', source: 'phone', description: 'Charged twice.\nPlease refund.', claimedLossMinor: 12345, staffInvolvedIds: ['U0BRUNO01', 'U0LENA001'] },
    });
  });

  it('the intake form shows the bot’s errors on their fields', () => {
    const { rendered, root } = modal(intakeModal(words, { categories: CATEGORIES, currency: 'PLN' }));
    type(root, INTAKE_FIELDS.claimedLoss.blockId, 'lots');
    const parsed = parseIntakeSubmission(words, rendered.values(), CATEGORIES, 2);
    if (parsed.ok) throw new Error('an empty form was accepted');
    rendered.showErrors(parsed.errors);
    const error = root.querySelector<HTMLElement>(`[data-block-id="${INTAKE_FIELDS.claimedLoss.blockId}"] .bk-input-error`)!;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe(parsed.errors[INTAKE_FIELDS.claimedLoss.blockId]);
  });

  it('the close form', () => {
    const { rendered, root, submit } = modal(closeModal(words, { caseId: c.id, number: 42, summary: ATTACK }) as ModalView);
    expect(root.textContent).toContain('<!channel> hi');
    expect(root.querySelector('.bk-mention')).toBeNull();
    for (const a of Array.from(root.querySelectorAll('a'))) expect(a.textContent).toBe(a.getAttribute('href'));
    tick(root, CLOSE_FIELDS.outcome.blockId, 'in_favour');
    type(root, CLOSE_FIELDS.explanation.blockId, 'Refunded the vase.');
    pick(root, CLOSE_FIELDS.satisfaction.blockId, '5');
    type(root, CLOSE_FIELDS.agreement.blockId, 'Full refund by Friday.');
    tick(root, CLOSE_FIELDS.thanked.blockId, 'yes');
    expect(rendered.missingRequired()).toEqual([]);
    expect(submit()).toBe(1);
    expect(readCloseForm({ state: { values: rendered.values() } } as never)).toEqual({
      ok: true,
      input: { outcome: 'in_favour', explanation: 'Refunded the vase.', satisfaction: 5, agreement: 'Full refund by Friday.', customerThanked: true },
    });
  });

  it('the compensation proposal form', () => {
    const { rendered, root, submit } = modal(proposalModal(words, { caseId: c.id, caseNumber: 42, categoryName: 'Delivery', claimedLossMinor: 12345, approvedTotalMinor: 0 }));
    pick(root, PROPOSE_FIELDS.kind.blockId, 'refund');
    type(root, PROPOSE_FIELDS.amount.blockId, '50');
    type(root, PROPOSE_FIELDS.note.blockId, 'Vase');
    expect(submit()).toBe(1);
    expect(parseProposalSubmission(words, rendered.values(), 2)).toEqual({ ok: true, proposal: { kind: 'refund', amountMinor: 5000, note: 'Vase', customerAsked: '' } });
  });

  it('the retro form', () => {
    const { rendered, root, submit } = modal(retroModal(words, { closureId: '7', caseNumber: 42, summary: c.summary, today: '2026-12-03' }));
    pick(root, RETRO_FIELDS.rootCause.blockId, 'system_error');
    type(root, RETRO_FIELDS.wentWell.blockId, 'Quick answer');
    type(root, RETRO_FIELDS.lesson.blockId, 'Check photos');
    type(root, RETRO_FIELDS.change.blockId, 'Add an alert');
    pick(root, RETRO_FIELDS.changeOwner.blockId, 'U0LENA001');
    date(root, RETRO_FIELDS.changeDue.blockId, '2026-12-10');
    expect(submit()).toBe(1);
    expect(readRetroForm(rendered.values())).toEqual({
      rootCause: 'system_error', rootCauseDetail: '', wentWell: 'Quick answer', lesson: 'Check photos', change: 'Add an alert', changeOwnerId: 'U0LENA001', changeDueOn: '2026-12-10',
    });
  });
});

describe('in every language, nothing Anthill sends is drawn as unsupported', () => {
  const H = 3_600_000;
  const stats: PeriodStats = {
    opened: 4, resolved: 3, closed: 2, openNow: 2,
    firstResponse: { count: 3, medianMs: 2 * H, p90Ms: 5 * H },
    resolution: { count: 3, medianMs: 8 * H, p90Ms: 9 * H },
    deadlines: { firstResponse: { due: 3, breached: 1 }, resolution: { due: 4, breached: 1 } },
    compensation: { totalMinor: 0, count: 0, byKind: [] },
    satisfaction: 4.5, topCategories: [], rootCauses: [], openedPerBucket: { bucketMs: 24 * H, counts: [] },
  };
  const mine = { items: [{ case: c, nextDeadline: { kind: 'first_response' as const, dueAt: new Date(NOW.getTime() + H) } }], total: 1 };

  it.each(LANGUAGES)('%s', (language) => {
    const w = createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
    const messages = [
      caseCardBlocks(w, { case: c, categoryName: 'Delivery', now: NOW, playbook: { version: playbookVersion(STEPS), steps: checklist(STEPS, []) } }),
      announcementMessage(w, { case: c, channelId: 'C0CASE042', categoryName: 'Delivery', withJoinButton: true }).blocks,
      homeView(w, {
        content: { myCases: mine, approvals: { items: [], total: 0 }, retros: { items: [], total: 0 }, actionItems: { items: [], total: 0 }, overdue: mine },
        figures: { current: stats, previous: stats }, policy: { categories: [] }, now: NOW, today: '2026-11-23',
      }).blocks,
    ];
    const modals = [
      intakeModal(w, { categories: CATEGORIES, currency: 'PLN' }),
      closeModal(w, { caseId: c.id, number: 42, summary: c.summary }) as ModalView,
      retroModal(w, { closureId: '7', caseNumber: 42, summary: c.summary, today: '2026-12-03' }),
      proposalModal(w, { caseId: c.id, caseNumber: 42, categoryName: 'Delivery', claimedLossMinor: null, approvedTotalMinor: 0 }),
    ];
    const drawn = [...messages.map((blocks) => shown(blocks).element), ...modals.map((view) => modal(view).root)];
    for (const element of drawn) {
      expect(element.querySelector('.bk-unsupported')).toBeNull();
      // Every control sequence became a name, a link or text: none is left raw.
      expect(element.textContent).not.toMatch(/<[@#!]/);
    }
  });
});
