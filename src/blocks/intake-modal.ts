import type { InputBlock, KnownBlock, ModalView, PlainTextElement, PlainTextOption } from '@slack/types';
import { COMPLAINT_SOURCES } from '../domain/case.js';
import { INTAKE_LIMITS, MAX_STAFF_INVOLVED, type IntakeInput } from '../domain/intake.js';
import { parseAmount, type AmountRefusal } from '../domain/money.js';
import { typedAmount } from '../i18n/format.js';
import { SEVERITIES, type Severity } from '../domain/severity.js';
import type { MessageKey } from '../i18n/translator.js';
import type { Words } from '../i18n/words.js';
import { fitText } from './plain-text.js';
import { isSlackUserId, severityText } from './format.js';
import { sourceLabel } from './source-label.js';
import { SLACK_LIMITS } from './limits.js';

export const INTAKE_CALLBACK_ID = 'complaint_intake';

/** Stable ids of the intake form's inputs: the modal writes them, the submission is read by them. */
export const INTAKE_FIELDS = {
  summary: { blockId: 'intake_summary', actionId: 'summary' },
  customerName: { blockId: 'intake_customer_name', actionId: 'customer_name' },
  customerContact: { blockId: 'intake_customer_contact', actionId: 'customer_contact' },
  category: { blockId: 'intake_category', actionId: 'category' },
  severity: { blockId: 'intake_severity', actionId: 'severity' },
  source: { blockId: 'intake_source', actionId: 'source' },
  description: { blockId: 'intake_description', actionId: 'description' },
  claimedLoss: { blockId: 'intake_claimed_loss', actionId: 'claimed_loss' },
  staffInvolved: { blockId: 'intake_staff_involved', actionId: 'staff_involved' },
} as const;

/** Only on a form from a message that already has a case: "open another one", ticked on purpose. */
export const ANOTHER_FROM_MESSAGE_FIELD = { blockId: 'intake_another_from_message', actionId: 'another_from_message' } as const;

/** The value of the ticked "open another complaint" box. */
export const ANOTHER_FROM_MESSAGE_VALUE = 'another';

export interface IntakeCategory {
  id: string;
  name: string;
}

export interface IntakeModalInput {
  categories: readonly IntakeCategory[];
  /** Policy currency, named in the claimed-loss hint. */
  currency?: string;
  /** The currency's decimals (`policy.currencyDigits`) for the hint's example; 2 when not given. */
  currencyDigits?: number;
  /** Values to start from: the text typed after `/complaint new`, or those read from a Slack message ("Open a complaint"), plain text fitted to each field. */
  prefill?: Partial<Pick<IntakeInput, 'summary' | 'customerName' | 'customerContact' | 'description' | 'source'>>;
  /** A line above the form saying where its values came from (plain text). */
  note?: string;
  /**
   * The message already has cases: this `mrkdwn` (composed, with links to them) goes above
   * the form, and a required box asks to open another one only on purpose.
   */
  alreadyNotice?: { text: string; confirmLabel: string };
  /** Handed back with the submission (the sealed source message, see slack/source-metadata.ts). */
  privateMetadata?: string;
}

/** One input's state in a `view_submission` (the fields Anthill reads). */
export interface SlackViewStateValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  /** A `multi_users_select`'s people. */
  selected_users?: readonly string[] | null;
  /** A `checkboxes` element's ticked options. */
  selected_options?: readonly { value: string }[] | null;
}

/** `view.state.values` of a `view_submission`: block id → action id → state. */
export type SlackViewStateValues = Record<string, Record<string, SlackViewStateValue>>;

export type IntakeParseResult =
  | { ok: true; intake: IntakeInput }
  | { ok: false; errors: Record<string, string> };

const DEFAULT_SEVERITY: Severity = 'normal';

/**
 * The intake form opened by `/complaint` and `/complaint new [summary]`, in the team's language.
 *
 * @example
 * await client.views.open({ trigger_id, view: intakeModal(ctx.words, { categories, prefill: { summary: text } }) });
 */
export function intakeModal(words: Words, input: IntakeModalInput): ModalView {
  const categoryOptions = input.categories
    .slice(0, SLACK_LIMITS.selectOptions)
    .map((category) => option(category.id, category.name || category.id));
  const severityOptions = SEVERITIES.map((severity) => option(severity, severityText(words, severity)));
  const sourceOptions = COMPLAINT_SOURCES.map((source) => option(source, sourceLabel(words, source)));
  const prefill = input.prefill?.summary?.trim() ?? '';
  const initial = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : text);
  const prefilledSource = input.prefill?.source;
  const onlyCategory = categoryOptions.length === 1 ? categoryOptions[0] : undefined;
  // The example and placeholder have the currency's decimals (none for JPY, three for KWD).
  const digits = input.currencyDigits ?? 2;
  const example = typedAmount('123', digits, words.locale);
  const lossHint = input.currency
    ? words.t('intake.claimedLoss.hint', { currency: input.currency, example })
    : words.t('intake.claimedLoss.hintNoCurrency', { example });

  return {
    type: 'modal',
    callback_id: INTAKE_CALLBACK_ID,
    // Slack allows the submit and close buttons the 24 characters of the title.
    title: plainText(words.t('intake.title'), SLACK_LIMITS.viewTitle),
    submit: plainText(words.t('intake.submit'), SLACK_LIMITS.viewTitle),
    close: plainText(words.t('intake.close'), SLACK_LIMITS.viewTitle),
    ...(input.privateMetadata !== undefined && { private_metadata: input.privateMetadata }),
    blocks: [
      ...(input.alreadyNotice ? alreadyBlocks(input.alreadyNotice) : []),
      ...(input.note ? [{ type: 'context' as const, elements: [plainText(input.note, SLACK_LIMITS.sectionText)] }] : []),
      textInput(INTAKE_FIELDS.summary, words.t('intake.summary.label'), {
        maxLength: INTAKE_LIMITS.summary,
        placeholder: words.t('intake.summary.placeholder'),
        initialValue: prefill === '' ? undefined : prefill,
      }),
      textInput(INTAKE_FIELDS.customerName, words.t('intake.customerName.label'), {
        maxLength: INTAKE_LIMITS.customerName,
        initialValue: initial(input.prefill?.customerName),
      }),
      textInput(INTAKE_FIELDS.customerContact, words.t('intake.customerContact.label'), {
        maxLength: INTAKE_LIMITS.customerContact,
        placeholder: words.t('intake.customerContact.placeholder'),
        initialValue: initial(input.prefill?.customerContact),
      }),
      {
        type: 'input',
        block_id: INTAKE_FIELDS.category.blockId,
        label: plainText(words.t('intake.category.label'), SLACK_LIMITS.inputLabel),
        element: {
          type: 'static_select',
          action_id: INTAKE_FIELDS.category.actionId,
          placeholder: plainText(words.t('intake.category.placeholder'), SLACK_LIMITS.placeholder),
          options: categoryOptions,
          ...(onlyCategory ? { initial_option: onlyCategory } : {}),
        },
      },
      {
        type: 'input',
        block_id: INTAKE_FIELDS.severity.blockId,
        label: plainText(words.t('intake.severity.label'), SLACK_LIMITS.inputLabel),
        element: {
          type: 'static_select',
          action_id: INTAKE_FIELDS.severity.actionId,
          options: severityOptions,
          initial_option: option(DEFAULT_SEVERITY, severityText(words, DEFAULT_SEVERITY)),
        },
      },
      {
        type: 'input',
        block_id: INTAKE_FIELDS.source.blockId,
        label: plainText(words.t('intake.source.label'), SLACK_LIMITS.inputLabel),
        hint: plainText(words.t('intake.source.hint'), SLACK_LIMITS.inputHint),
        element: {
          type: 'static_select',
          action_id: INTAKE_FIELDS.source.actionId,
          placeholder: plainText(words.t('intake.source.placeholder'), SLACK_LIMITS.placeholder),
          options: sourceOptions,
          ...(prefilledSource && { initial_option: option(prefilledSource, sourceLabel(words, prefilledSource)) }),
        },
      },
      textInput(INTAKE_FIELDS.description, words.t('intake.description.label'), {
        maxLength: INTAKE_LIMITS.description,
        multiline: true,
        placeholder: words.t('intake.description.placeholder'),
        initialValue: initial(input.prefill?.description),
      }),
      textInput(INTAKE_FIELDS.claimedLoss, words.t('intake.claimedLoss.label'), {
        optional: true,
        hint: lossHint,
        placeholder: typedAmount('0', digits, words.locale, '0'),
      }),
      {
        type: 'input',
        block_id: INTAKE_FIELDS.staffInvolved.blockId,
        optional: true,
        label: plainText(words.t('staff.label'), SLACK_LIMITS.inputLabel),
        hint: plainText(words.t('staff.hint'), SLACK_LIMITS.inputHint),
        element: {
          type: 'multi_users_select',
          action_id: INTAKE_FIELDS.staffInvolved.actionId,
          placeholder: plainText(words.t('staff.placeholder'), SLACK_LIMITS.placeholder),
          max_selected_items: MAX_STAFF_INVOLVED,
        },
      },
    ],
  };
}

/** The notice that the message has cases already, and the box that must be ticked to open another. */
function alreadyBlocks(notice: { text: string; confirmLabel: string }): KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: fitText(notice.text, SLACK_LIMITS.sectionText, 'markup') } },
    {
      type: 'input',
      block_id: ANOTHER_FROM_MESSAGE_FIELD.blockId,
      label: plainText(notice.confirmLabel, SLACK_LIMITS.inputLabel),
      element: {
        type: 'checkboxes',
        action_id: ANOTHER_FROM_MESSAGE_FIELD.actionId,
        options: [option(ANOTHER_FROM_MESSAGE_VALUE, notice.confirmLabel)],
      },
    },
    { type: 'divider' },
  ];
}

/** The typed fields: each is required and has its longest length. */
type TypedField = 'summary' | 'customerName' | 'customerContact' | 'description';

const MISSING = {
  summary: 'intake.error.summaryMissing',
  customerName: 'intake.error.customerNameMissing',
  customerContact: 'intake.error.customerContactMissing',
  description: 'intake.error.descriptionMissing',
} as const satisfies Record<TypedField, MessageKey>;

const TOO_LONG = {
  summary: 'intake.error.summaryTooLong',
  customerName: 'intake.error.customerNameTooLong',
  customerContact: 'intake.error.customerContactTooLong',
  description: 'intake.error.descriptionTooLong',
} as const satisfies Record<TypedField, MessageKey>;

/**
 * Validates a `complaint_intake` submission. Errors are keyed by block id, in the team's
 * language, ready for `ack({ response_action: 'errors', errors })`. The claimed loss is
 * read into minor units of a currency with `currencyDigits` decimals (`parseAmount`).
 *
 * @example
 * const result = parseIntakeSubmission(ctx.words, view.state.values, policy.categories, policy.currencyDigits);
 * if (!result.ok) return ack({ response_action: 'errors', errors: result.errors });
 */
export function parseIntakeSubmission(
  words: Words,
  values: SlackViewStateValues,
  categories: readonly IntakeCategory[],
  currencyDigits: number,
): IntakeParseResult {
  const errors: Record<string, string> = {};
  const required = (name: TypedField): string => {
    const field = INTAKE_FIELDS[name];
    const max = INTAKE_LIMITS[name];
    const text = readText(values, field);
    if (text === '') errors[field.blockId] = words.t(MISSING[name]);
    else if (text.length > max) errors[field.blockId] = words.t(TOO_LONG[name], { max });
    return text;
  };

  const summary = required('summary');
  const customerName = required('customerName');
  const customerContact = required('customerContact');
  const description = required('description');

  const categoryIds = categories.map((category) => category.id);
  const categoryId = readChoice(values, INTAKE_FIELDS.category, categoryIds);
  if (categoryId === null) errors[INTAKE_FIELDS.category.blockId] = words.t('intake.error.categoryNotListed');
  const severity = readChoice(values, INTAKE_FIELDS.severity, SEVERITIES);
  if (severity === null) errors[INTAKE_FIELDS.severity.blockId] = words.t('intake.error.severityNotListed');
  const source = readChoice(values, INTAKE_FIELDS.source, COMPLAINT_SOURCES);
  if (source === null) errors[INTAKE_FIELDS.source.blockId] = words.t('intake.error.sourceNotListed');

  const lossText = readText(values, INTAKE_FIELDS.claimedLoss);
  const loss = lossText === '' ? null : parseAmount(lossText, currencyDigits);
  if (loss !== null && !loss.ok) errors[INTAKE_FIELDS.claimedLoss.blockId] = amountError(words, loss, currencyDigits);
  const claimedLossMinor = loss?.ok ? loss.minor : null;

  const staffInvolvedIds = readPeople(values, INTAKE_FIELDS.staffInvolved);
  if (staffInvolvedIds === null) errors[INTAKE_FIELDS.staffInvolved.blockId] = words.t('staff.error.notPeople');
  else if (staffInvolvedIds.length > MAX_STAFF_INVOLVED) {
    errors[INTAKE_FIELDS.staffInvolved.blockId] = words.t('staff.error.tooMany', { max: MAX_STAFF_INVOLVED });
  }

  if (Object.keys(errors).length > 0 || categoryId === null || severity === null || source === null || staffInvolvedIds === null) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    intake: { summary, customerName, customerContact, categoryId, severity, source, description, claimedLossMinor, staffInvolvedIds },
  };
}

function textInput(
  field: { blockId: string; actionId: string },
  label: string,
  opts: {
    maxLength?: number;
    multiline?: boolean;
    optional?: boolean;
    placeholder?: string;
    hint?: string;
    initialValue?: string | undefined;
  },
): InputBlock {
  const maxLength = opts.maxLength ?? SLACK_LIMITS.textInputMaxLength;
  return {
    type: 'input',
    block_id: field.blockId,
    label: { type: 'plain_text', text: fitText(label, SLACK_LIMITS.inputLabel, 'plain_text') },
    ...(opts.optional ? { optional: true } : {}),
    ...(opts.hint ? { hint: { type: 'plain_text', text: fitText(opts.hint, SLACK_LIMITS.inputHint, 'plain_text') } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: field.actionId,
      ...(opts.multiline ? { multiline: true } : {}),
      ...(opts.maxLength !== undefined ? { max_length: opts.maxLength } : {}),
      ...(opts.placeholder ? { placeholder: { type: 'plain_text', text: fitText(opts.placeholder, SLACK_LIMITS.placeholder, 'plain_text') } } : {}),
      ...(opts.initialValue !== undefined ? { initial_value: fitText(opts.initialValue, maxLength, 'plain_text') } : {}),
    },
  };
}

function plainText(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: fitText(text, max, 'plain_text') };
}

function option(value: string, text: string): PlainTextOption {
  return { text: { type: 'plain_text', text: fitText(text, SLACK_LIMITS.optionText, 'plain_text') }, value };
}

function readText(values: SlackViewStateValues, field: { blockId: string; actionId: string }): string {
  return values[field.blockId]?.[field.actionId]?.value?.trim() ?? '';
}

/** Why a typed claimed loss was refused, on its field: one message for each refusal of `parseAmount`. */
function amountError(words: Words, refusal: AmountRefusal, currencyDigits: number): string {
  const digits = String(currencyDigits);
  switch (refusal.code) {
    case 'not_a_number':
      return words.t('intake.error.amountNotANumber', { digits });
    case 'negative':
      return words.t('intake.error.amountNegative');
    case 'too_many_decimals':
      return words.t('intake.error.amountTooManyDecimals', { digits: String(refusal.allowedDigits), currency: words.currency });
    case 'too_large':
      return words.t('intake.error.amountTooLarge', { max: words.amount(refusal.maxMinor) });
  }
}

/** The people chosen, each once, in the order chosen; null when anything chosen is not a Slack user id. */
function readPeople(values: SlackViewStateValues, field: { blockId: string; actionId: string }): string[] | null {
  const chosen: unknown = values[field.blockId]?.[field.actionId]?.selected_users ?? [];
  if (!Array.isArray(chosen) || !chosen.every(isSlackUserId)) return null;
  return [...new Set(chosen)];
}

/** The selected option's value when it is one of `allowed`, else null. */
function readChoice<T extends string>(
  values: SlackViewStateValues,
  field: { blockId: string; actionId: string },
  allowed: readonly T[],
): T | null {
  const selected = values[field.blockId]?.[field.actionId]?.selected_option?.value;
  return allowed.find((value) => value === selected) ?? null;
}
