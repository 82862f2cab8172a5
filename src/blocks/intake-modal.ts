import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { COMPLAINT_SOURCES, SOURCE_LABELS } from '../domain/case.js';
import { INTAKE_LIMITS, MAX_AMOUNT_MAJOR, parseAmountMinor, type IntakeInput } from '../domain/intake.js';
import { SEVERITIES, type Severity } from '../domain/severity.js';
import { fitText } from './plain-text.js';
import { SEVERITY_TEXT } from './format.js';
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
} as const;

export interface IntakeCategory {
  id: string;
  name: string;
}

export interface IntakeModalInput {
  categories: readonly IntakeCategory[];
  /** Text typed after `/complaint new`. */
  prefillSummary?: string;
  /** Policy currency, named in the claimed-loss hint. */
  currency?: string;
}

/** One input's state in a `view_submission` (the fields Anthill reads). */
export interface SlackViewStateValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
}

/** `view.state.values` of a `view_submission`: block id → action id → state. */
export type SlackViewStateValues = Record<string, Record<string, SlackViewStateValue>>;

export type IntakeParseResult =
  | { ok: true; intake: IntakeInput }
  | { ok: false; errors: Record<string, string> };

const DEFAULT_SEVERITY: Severity = 'normal';

/**
 * The intake form opened by `/complaint` and `/complaint new [summary]`.
 *
 * @example
 * await client.views.open({ trigger_id, view: intakeModal({ categories, prefillSummary: text }) });
 */
export function intakeModal(input: IntakeModalInput): ModalView {
  const categoryOptions = input.categories
    .slice(0, SLACK_LIMITS.selectOptions)
    .map((category) => option(category.id, category.name || category.id));
  const severityOptions = SEVERITIES.map((severity) => option(severity, SEVERITY_TEXT[severity]));
  const sourceOptions = COMPLAINT_SOURCES.map((source) => option(source, SOURCE_LABELS[source]));
  const prefill = input.prefillSummary?.trim() ?? '';
  const onlyCategory = categoryOptions.length === 1 ? categoryOptions[0] : undefined;
  const lossHint = input.currency
    ? `Amount in ${input.currency}, e.g. 123.45. Leave empty if the customer claims no loss.`
    : 'Amount in the team currency, e.g. 123.45. Leave empty if the customer claims no loss.';

  return {
    type: 'modal',
    callback_id: INTAKE_CALLBACK_ID,
    title: { type: 'plain_text', text: 'New complaint' },
    submit: { type: 'plain_text', text: 'Open case' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      textInput(INTAKE_FIELDS.summary, 'Summary', {
        maxLength: INTAKE_LIMITS.summary,
        placeholder: 'One line: what went wrong',
        initialValue: prefill === '' ? undefined : prefill,
      }),
      textInput(INTAKE_FIELDS.customerName, 'Customer name', { maxLength: INTAKE_LIMITS.customerName }),
      textInput(INTAKE_FIELDS.customerContact, 'Customer contact', {
        maxLength: INTAKE_LIMITS.customerContact,
        placeholder: 'Email, phone or order number',
      }),
      {
        type: 'input',
        block_id: INTAKE_FIELDS.category.blockId,
        label: { type: 'plain_text', text: 'Category' },
        element: {
          type: 'static_select',
          action_id: INTAKE_FIELDS.category.actionId,
          placeholder: { type: 'plain_text', text: 'Choose a category' },
          options: categoryOptions,
          ...(onlyCategory ? { initial_option: onlyCategory } : {}),
        },
      },
      {
        type: 'input',
        block_id: INTAKE_FIELDS.severity.blockId,
        label: { type: 'plain_text', text: 'Severity' },
        element: {
          type: 'static_select',
          action_id: INTAKE_FIELDS.severity.actionId,
          options: severityOptions,
          initial_option: option(DEFAULT_SEVERITY, SEVERITY_TEXT[DEFAULT_SEVERITY]),
        },
      },
      {
        type: 'input',
        block_id: INTAKE_FIELDS.source.blockId,
        label: { type: 'plain_text', text: 'Source' },
        hint: { type: 'plain_text', text: 'Where the complaint reached us.' },
        element: {
          type: 'static_select',
          action_id: INTAKE_FIELDS.source.actionId,
          placeholder: { type: 'plain_text', text: 'Choose a source' },
          options: sourceOptions,
        },
      },
      textInput(INTAKE_FIELDS.description, 'Description', {
        maxLength: INTAKE_LIMITS.description,
        multiline: true,
        placeholder: 'What happened, in the customer’s words, and what they expect',
      }),
      textInput(INTAKE_FIELDS.claimedLoss, 'Claimed loss', { optional: true, hint: lossHint, placeholder: '0.00' }),
    ],
  };
}

/**
 * Validates a `complaint_intake` submission. Errors are keyed by block id, ready for
 * `ack({ response_action: 'errors', errors })`.
 *
 * @example
 * const result = parseIntakeSubmission(view.state.values, policy.categories);
 * if (!result.ok) return ack({ response_action: 'errors', errors: result.errors });
 */
export function parseIntakeSubmission(
  values: SlackViewStateValues,
  categories: readonly IntakeCategory[],
): IntakeParseResult {
  const errors: Record<string, string> = {};
  const required = (field: (typeof INTAKE_FIELDS)[keyof typeof INTAKE_FIELDS], what: string, max: number): string => {
    const text = readText(values, field);
    if (text === '') errors[field.blockId] = `Please fill in the ${what}.`;
    else if (text.length > max) errors[field.blockId] = `The ${what} can be at most ${max} characters.`;
    return text;
  };

  const summary = required(INTAKE_FIELDS.summary, 'summary', INTAKE_LIMITS.summary);
  const customerName = required(INTAKE_FIELDS.customerName, 'customer name', INTAKE_LIMITS.customerName);
  const customerContact = required(INTAKE_FIELDS.customerContact, 'customer contact', INTAKE_LIMITS.customerContact);
  const description = required(INTAKE_FIELDS.description, 'description', INTAKE_LIMITS.description);

  const categoryIds = categories.map((category) => category.id);
  const categoryId = readChoice(values, INTAKE_FIELDS.category, categoryIds);
  if (categoryId === null) errors[INTAKE_FIELDS.category.blockId] = 'Choose a category from the list.';
  const severity = readChoice(values, INTAKE_FIELDS.severity, SEVERITIES);
  if (severity === null) errors[INTAKE_FIELDS.severity.blockId] = 'Choose a severity from the list.';
  const source = readChoice(values, INTAKE_FIELDS.source, COMPLAINT_SOURCES);
  if (source === null) errors[INTAKE_FIELDS.source.blockId] = 'Choose where the complaint came from.';

  const lossText = readText(values, INTAKE_FIELDS.claimedLoss);
  const claimedLossMinor = lossText === '' ? null : parseAmountMinor(lossText);
  if (lossText !== '' && claimedLossMinor === null) {
    errors[INTAKE_FIELDS.claimedLoss.blockId] =
      `Enter an amount like 123.45: no sign, at most 2 decimals, at most ${MAX_AMOUNT_MAJOR.toLocaleString('en-US')}.`;
  }

  if (Object.keys(errors).length > 0 || categoryId === null || severity === null || source === null) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    intake: { summary, customerName, customerContact, categoryId, severity, source, description, claimedLossMinor },
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

function option(value: string, text: string): PlainTextOption {
  return { text: { type: 'plain_text', text: fitText(text, SLACK_LIMITS.optionText, 'plain_text') }, value };
}

function readText(values: SlackViewStateValues, field: { blockId: string; actionId: string }): string {
  return values[field.blockId]?.[field.actionId]?.value?.trim() ?? '';
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
