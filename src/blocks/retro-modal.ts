import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { ROOT_CAUSES, type RootCause } from '../domain/closure.js';
import { RETRO_LIMITS, type RetroField, type RetroForm, type RetroProblem } from '../domain/retro.js';
import type { Refusal } from '../domain/user-error.js';
import type { Words } from '../i18n/words.js';
import { SLACK_LIMITS } from './limits.js';
import { fitText, quoteUserText } from './plain-text.js';
import { causeLabel } from './retro-texts.js';

export const RETRO_CALLBACK_ID = 'retro_notes';

/** The retro form's inputs: block id and action id of each. */
export const RETRO_FIELDS: Record<RetroField, { readonly blockId: string; readonly actionId: string }> = {
  rootCause: { blockId: 'retro_cause', actionId: 'cause' },
  rootCauseDetail: { blockId: 'retro_cause_detail', actionId: 'detail' },
  wentWell: { blockId: 'retro_went_well', actionId: 'went_well' },
  lesson: { blockId: 'retro_lesson', actionId: 'lesson' },
  change: { blockId: 'retro_change', actionId: 'change' },
  changeOwner: { blockId: 'retro_change_owner', actionId: 'owner' },
  changeDue: { blockId: 'retro_change_due', actionId: 'due' },
};

const SUMMARY_LENGTH = 300;

/** What the author wrote before, to start from when they open the form again. */
export interface RetroPrefill {
  readonly rootCause?: string;
  readonly rootCauseDetail?: string;
  readonly wentWell?: string;
  readonly lesson?: string;
  readonly change?: { readonly description: string; readonly ownerId: string; readonly dueOn: string };
}

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: fitText(text, max, 'plain_text') });

/**
 * The retro form (the DM's button, `/complaint retro`): root cause from the list plus
 * the cause in words, what went well, the lesson, and an optional procedure change (what,
 * who, by when). Prefilled with the author's earlier notes, since writing again replaces
 * them. The close's id travels in `private_metadata`.
 *
 * @example
 * await client.views.open({ trigger_id, view: retroModal(ctx.words, { closureId: '7', caseNumber: 42, summary, today: '2026-12-03' }) });
 */
export function retroModal(words: Words, input: { closureId: string; caseNumber: number; summary: string; today: string; prefill?: RetroPrefill }): ModalView {
  const prefill = input.prefill ?? {};
  const option = (cause: RootCause): PlainTextOption => ({ text: plain(causeLabel(words, cause), SLACK_LIMITS.optionText), value: cause });
  const chosen = ROOT_CAUSES.find((cause) => cause === prefill.rootCause);
  const textInput = (field: RetroField, label: string, max: number, options: { optional?: boolean; hint?: string; initial?: string | undefined; multiline?: boolean } = {}): InputBlock => ({
    type: 'input',
    block_id: RETRO_FIELDS[field].blockId,
    label: plain(label, SLACK_LIMITS.inputLabel),
    ...(options.optional && { optional: true }),
    ...(options.hint && { hint: plain(options.hint, SLACK_LIMITS.inputHint) }),
    element: {
      type: 'plain_text_input',
      action_id: RETRO_FIELDS[field].actionId,
      max_length: max,
      ...(options.multiline !== false && { multiline: true }),
      ...(options.initial && { initial_value: fitText(options.initial, max, 'plain_text') }),
    },
  });
  const summary = input.summary.trim() ? quoteUserText(input.summary, SUMMARY_LENGTH) : words.t('resolve.noSummary');
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: summary } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: words.t('retro.form.intro') }] },
    {
      type: 'input',
      block_id: RETRO_FIELDS.rootCause.blockId,
      label: plain(words.t('retro.form.cause'), SLACK_LIMITS.inputLabel),
      element: {
        type: 'static_select',
        action_id: RETRO_FIELDS.rootCause.actionId,
        placeholder: plain(words.t('retro.form.causePlaceholder'), SLACK_LIMITS.placeholder),
        options: ROOT_CAUSES.map(option),
        ...(chosen && { initial_option: option(chosen) }),
      },
    },
    textInput('rootCauseDetail', words.t('retro.form.causeDetail'), RETRO_LIMITS.causeDetail, {
      optional: true,
      hint: words.t('retro.form.causeDetailHint'),
      initial: prefill.rootCauseDetail,
    }),
    textInput('wentWell', words.t('retro.form.wentWell'), RETRO_LIMITS.wentWell, { initial: prefill.wentWell }),
    textInput('lesson', words.t('retro.form.lesson'), RETRO_LIMITS.lesson, { initial: prefill.lesson }),
    { type: 'section', text: { type: 'mrkdwn', text: words.t('retro.form.changeIntro') } },
    textInput('change', words.t('retro.form.change'), RETRO_LIMITS.change, { optional: true, initial: prefill.change?.description }),
    {
      type: 'input',
      block_id: RETRO_FIELDS.changeOwner.blockId,
      optional: true,
      label: plain(words.t('retro.form.changeOwner'), SLACK_LIMITS.inputLabel),
      element: {
        type: 'users_select',
        action_id: RETRO_FIELDS.changeOwner.actionId,
        placeholder: plain(words.t('retro.form.changeOwnerPlaceholder'), SLACK_LIMITS.placeholder),
        ...(prefill.change && { initial_user: prefill.change.ownerId }),
      },
    },
    {
      type: 'input',
      block_id: RETRO_FIELDS.changeDue.blockId,
      optional: true,
      label: plain(words.t('retro.form.changeDue'), SLACK_LIMITS.inputLabel),
      hint: plain(words.t('retro.form.changeDueHint'), SLACK_LIMITS.inputHint),
      element: {
        type: 'datepicker',
        action_id: RETRO_FIELDS.changeDue.actionId,
        placeholder: plain(words.t('retro.form.changeDuePlaceholder'), SLACK_LIMITS.placeholder),
        // A day already past cannot be kept: the form starts empty instead of refusing itself.
        ...(prefill.change && prefill.change.dueOn >= input.today && { initial_date: prefill.change.dueOn }),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: RETRO_CALLBACK_ID,
    private_metadata: input.closureId,
    title: plain(words.t('retro.form.title', { caseNumber: String(input.caseNumber) }), SLACK_LIMITS.viewTitle),
    submit: plain(words.t('retro.form.submit'), SLACK_LIMITS.buttonText),
    close: plain(words.t('retro.form.cancel'), SLACK_LIMITS.buttonText),
    blocks,
  };
}

/** One input's state in the retro form's `view_submission`. */
interface RetroStateValue {
  readonly value?: string | null;
  readonly selected_option?: { readonly value?: string } | null;
  readonly selected_user?: string | null;
  readonly selected_date?: string | null;
}

/** `view.state.values` of the retro form: block id → action id → state. */
export type RetroStateValues = Readonly<Record<string, Readonly<Record<string, RetroStateValue>>>>;

/** The form as the person filled it in, not yet checked (domain/retro.ts `checkRetroForm` does that). */
export function readRetroForm(values: RetroStateValues): RetroForm {
  const state = (field: RetroField): RetroStateValue | undefined => values[RETRO_FIELDS[field].blockId]?.[RETRO_FIELDS[field].actionId];
  const text = (field: RetroField): string => {
    const value = state(field)?.value;
    return typeof value === 'string' ? value : '';
  };
  const cause = state('rootCause')?.selected_option?.value;
  const owner = state('changeOwner')?.selected_user;
  const due = state('changeDue')?.selected_date;
  return {
    ...(typeof cause === 'string' && { rootCause: cause }),
    rootCauseDetail: text('rootCauseDetail'),
    wentWell: text('wentWell'),
    lesson: text('lesson'),
    change: text('change'),
    ...(typeof owner === 'string' && owner !== '' && { changeOwnerId: owner }),
    ...(typeof due === 'string' && due !== '' && { changeDueOn: due }),
  };
}

const LIMIT_OF: Partial<Record<RetroField, number>> = {
  rootCauseDetail: RETRO_LIMITS.causeDetail,
  wentWell: RETRO_LIMITS.wentWell,
  lesson: RETRO_LIMITS.lesson,
  change: RETRO_LIMITS.change,
};

/** What is wrong with a field, in the team's language. */
export function retroProblemText(words: Words, field: RetroField, problem: RetroProblem): string {
  switch (problem) {
    case 'required':
      if (field === 'rootCause') return words.t('retro.error.causeRequired');
      if (field === 'wentWell') return words.t('retro.error.wentWellRequired');
      return words.t('retro.error.lessonRequired');
    case 'detail_required':
      return words.t('retro.error.detailRequired');
    case 'too_long':
      return words.t('retro.error.tooLong', { max: LIMIT_OF[field] ?? RETRO_LIMITS.change });
    case 'change_incomplete':
      return words.t('retro.error.changeIncomplete');
    case 'date_invalid':
      return words.t('retro.error.dateInvalid');
    case 'date_past':
      return words.t('retro.error.datePast');
  }
}

/** The field errors of a checked form, as `response_action: 'errors'` wants them. */
export function retroFormErrors(words: Words, errors: Partial<Record<RetroField, RetroProblem>>): Record<string, string> {
  return Object.fromEntries(
    (Object.entries(errors) as [RetroField, RetroProblem][]).map(([field, problem]) => [RETRO_FIELDS[field].blockId, retroProblemText(words, field, problem)]),
  );
}

/** Why the person chosen to carry out the procedure change cannot (they could not see the case), on its field. */
export function changeOwnerRefusalText(words: Words, refusal: Refusal | 'cannot_check'): string {
  return words.t(`retro.error.owner.${refusal}`);
}
