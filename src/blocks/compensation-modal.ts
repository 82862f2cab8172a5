import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { checkProposalAmount, COMPENSATION_KINDS, isCompensationKind, type CompensationKind } from '../domain/compensation.js';
import { parseAmount } from '../domain/money.js';
import type { Words } from '../i18n/words.js';
import type { SlackViewStateValues } from './intake-modal.js';
import { amountExamples, amountRefusalText, kindLabel } from './compensation-texts.js';
import { SLACK_LIMITS } from './limits.js';
import { fitText, quoteUserText } from './plain-text.js';

export const PROPOSE_CALLBACK_ID = 'comp_propose';
export const REJECT_CALLBACK_ID = 'comp_reject';
export const DECLINE_CALLBACK_ID = 'comp_decline';

/** Stable ids of the proposal form's inputs. */
export const PROPOSE_FIELDS = {
  kind: { blockId: 'comp_kind', actionId: 'kind' },
  amount: { blockId: 'comp_amount', actionId: 'amount' },
  note: { blockId: 'comp_note', actionId: 'note' },
  asked: { blockId: 'comp_asked', actionId: 'asked' },
} as const;
export const REJECT_FIELD = { blockId: 'comp_reject_reason', actionId: 'reason' } as const;
export const DECLINE_FIELD = { blockId: 'comp_decline_wants', actionId: 'wants' } as const;

const NOTE_MAX = 2000;
const ASKED_MAX = 1000;
const AMOUNT_MAX = 30;
const GUIDE_LENGTH = 1500;

export interface ProposalFormInput {
  readonly caseId: string;
  readonly caseNumber: number;
  readonly categoryName: string;
  /** The category's `compensation_guide`, when it has one. */
  readonly guide?: string;
  readonly claimedLossMinor: number | null;
  readonly approvedTotalMinor: number;
  readonly prefill?: { kind?: CompensationKind; amount?: string; note?: string; asked?: string };
}

export interface ParsedProposal {
  readonly kind: CompensationKind;
  readonly amountMinor: number;
  readonly note: string;
  readonly customerAsked: string;
}

/**
 * The proposal form (`/complaint compensate`, the card's button, after a decline): kind,
 * amount, note and what the customer asked for, with the category's guide, the claimed
 * loss and what is approved already shown above. The case id travels in `private_metadata`.
 *
 * @example
 * await client.views.open({ trigger_id, view: proposalModal(ctx.words, { caseId, caseNumber: 42, … }) });
 */
export function proposalModal(words: Words, input: ProposalFormInput): ModalView {
  const plain = (text: string, max: number = SLACK_LIMITS.viewTitle) => ({ type: 'plain_text' as const, text: fitText(text, max, 'plain_text') });
  const option = (kind: CompensationKind): PlainTextOption => ({ text: plain(kindLabel(words, kind), SLACK_LIMITS.optionText), value: kind });
  const prefill = input.prefill ?? {};
  const facts: string[] = [];
  const guide = input.guide?.trim();
  facts.push(
    guide
      ? // A quote only reads as one from the start of a line.
        words.t('comp.modal.guide', { category: fitText(input.categoryName, 200, 'mrkdwn'), guide: `\n${quoteUserText(guide, GUIDE_LENGTH)}` })
      : words.t('comp.modal.noGuide'),
  );
  facts.push(
    input.claimedLossMinor === null ? words.t('comp.modal.noClaimedLoss') : words.t('comp.modal.claimedLoss', { amount: words.amount(input.claimedLossMinor) }),
  );
  facts.push(words.t('comp.modal.approvedTotal', { amount: words.amount(input.approvedTotalMinor) }));
  const textInput = (field: { blockId: string; actionId: string }, label: string, max: number, initial: string | undefined, extra: Partial<InputBlock> = {}): InputBlock => ({
    type: 'input',
    block_id: field.blockId,
    label: plain(label, 2000),
    element: {
      type: 'plain_text_input',
      action_id: field.actionId,
      max_length: max,
      ...(max > 200 && { multiline: true }),
      ...(initial && { initial_value: fitText(initial, max, 'plain_text') }),
    },
    ...extra,
  });
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: fitText(facts.join('\n'), SLACK_LIMITS.sectionText, 'markup') } },
    {
      type: 'input',
      block_id: PROPOSE_FIELDS.kind.blockId,
      label: plain(words.t('comp.modal.kind'), 2000),
      element: {
        type: 'static_select',
        action_id: PROPOSE_FIELDS.kind.actionId,
        placeholder: plain(words.t('comp.modal.kindPlaceholder'), 150),
        options: COMPENSATION_KINDS.map(option),
        ...(prefill.kind && { initial_option: option(prefill.kind) }),
      },
    },
    textInput(PROPOSE_FIELDS.amount, words.t('comp.modal.amount', { currency: words.currency }), AMOUNT_MAX, prefill.amount, {
      hint: plain(words.t('comp.modal.amountHint', { examples: amountExamples(words) }), SLACK_LIMITS.inputHint),
    }),
    textInput(PROPOSE_FIELDS.note, words.t('comp.modal.note'), NOTE_MAX, prefill.note, { optional: true }),
    textInput(PROPOSE_FIELDS.asked, words.t('comp.modal.asked'), ASKED_MAX, prefill.asked, { optional: true }),
  ];
  return {
    type: 'modal',
    callback_id: PROPOSE_CALLBACK_ID,
    private_metadata: input.caseId,
    title: plain(words.t('comp.modal.title', { caseNumber: String(input.caseNumber) })),
    submit: plain(words.t('comp.modal.submit')),
    close: plain(words.t('comp.modal.cancel')),
    blocks,
  };
}

/**
 * Reads a submitted proposal form; each problem is shown on its field.
 *
 * @example
 * parseProposalSubmission(words, view.state.values, 2) // { ok: true, proposal: { kind: 'refund', amountMinor: 15000, … } }
 */
export function parseProposalSubmission(
  words: Words,
  values: SlackViewStateValues,
  digits: number,
): { ok: true; proposal: ParsedProposal } | { ok: false; errors: Record<string, string> } {
  const read = (field: { blockId: string; actionId: string }) => values[field.blockId]?.[field.actionId];
  const kind = read(PROPOSE_FIELDS.kind)?.selected_option?.value;
  const amountText = read(PROPOSE_FIELDS.amount)?.value ?? '';
  const errors: Record<string, string> = {};
  if (!isCompensationKind(kind)) errors[PROPOSE_FIELDS.kind.blockId] = words.t('comp.modal.kindRequired');
  const amount = parseAmount(amountText, digits);
  if (!amount.ok) errors[PROPOSE_FIELDS.amount.blockId] = amountRefusalText(words, amount);
  else if (isCompensationKind(kind) && checkProposalAmount(kind, amount.minor) === 'zero_for_money') {
    errors[PROPOSE_FIELDS.amount.blockId] = words.t('comp.error.zero_for_money', { kind: kindLabel(words, kind) });
  }
  if (Object.keys(errors).length > 0 || !amount.ok || !isCompensationKind(kind)) return { ok: false, errors };
  return {
    ok: true,
    proposal: { kind, amountMinor: amount.minor, note: (read(PROPOSE_FIELDS.note)?.value ?? '').trim(), customerAsked: (read(PROPOSE_FIELDS.asked)?.value ?? '').trim() },
  };
}

/** "Why is it rejected?": the proposal's id travels in `private_metadata`. */
export function rejectModal(words: Words, input: { compensationId: string; caseNumber: number; summary: string }): ModalView {
  return reasonModal(words, {
    callbackId: REJECT_CALLBACK_ID,
    field: REJECT_FIELD,
    metadata: input.compensationId,
    title: words.t('comp.reject.title'),
    label: words.t('comp.reject.label'),
    submit: words.t('comp.reject.submit'),
    // The case's summary is a person's text: shown escaped, never as markup.
    context: fitText(input.summary, SLACK_LIMITS.sectionText, 'mrkdwn'),
  });
}

/**
 * "What would the customer value instead?", asked when the customer declined; a new proposal
 * form follows. `summary` is markup Anthill composed (`comp.decline.context`).
 */
export function declineModal(words: Words, input: { compensationId: string; summary: string }): ModalView {
  return reasonModal(words, {
    callbackId: DECLINE_CALLBACK_ID,
    field: DECLINE_FIELD,
    metadata: input.compensationId,
    title: words.t('comp.decline.title'),
    label: words.t('comp.decline.label'),
    submit: words.t('comp.decline.submit'),
    context: input.summary,
  });
}

function reasonModal(
  words: Words,
  input: { callbackId: string; field: { blockId: string; actionId: string }; metadata: string; title: string; label: string; submit: string; context: string },
): ModalView {
  const plain = (text: string, max: number = SLACK_LIMITS.viewTitle) => ({ type: 'plain_text' as const, text: fitText(text, max, 'plain_text') });
  return {
    type: 'modal',
    callback_id: input.callbackId,
    private_metadata: input.metadata,
    title: plain(input.title),
    submit: plain(input.submit),
    close: plain(words.t('comp.modal.cancel')),
    blocks: [
      // Slack refuses an empty section: a case without a summary shows none.
      ...(input.context.trim() ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: fitText(input.context, SLACK_LIMITS.sectionText, 'markup') } }] : []),
      {
        type: 'input',
        block_id: input.field.blockId,
        label: plain(input.label, 2000),
        element: { type: 'plain_text_input', action_id: input.field.actionId, multiline: true, max_length: NOTE_MAX },
      },
    ],
  };
}
