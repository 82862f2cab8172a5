import type { App, ViewOutput } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { closeCase } from '../../cases/close-case.js';
import { isCloseOutcome, type CloseInput } from '../../domain/closure.js';
import type { UserErrorCode } from '../../domain/user-error.js';
import { CLOSE_CALLBACK_ID, CLOSE_FIELDS } from '../../blocks/close-modal.js';
import { userErrorText } from '../../blocks/user-error-text.js';
import type { MessageKey } from '../../i18n/translator.js';
import { parseCaseId } from '../case-reference.js';
import { finishChange } from '../finish-change.js';
import { requesterOf } from '../requester.js';

type Field = keyof typeof CLOSE_FIELDS;
type Parsed = { ok: true; input: CloseInput } | { ok: false; errors: Partial<Record<Field, MessageKey>> };

/** Reads the close form's state; every field is required, and each problem is named on its field. */
export function readCloseForm(view: Pick<ViewOutput, 'state'>): Parsed {
  const state = (field: Field) => view.state.values[CLOSE_FIELDS[field].blockId]?.[CLOSE_FIELDS[field].actionId];
  const outcome = state('outcome')?.selected_option?.value;
  const score = Number(state('satisfaction')?.selected_option?.value);
  const thanked = state('thanked')?.selected_option?.value;
  const explanation = state('explanation')?.value?.trim() ?? '';
  const agreement = state('agreement')?.value?.trim() ?? '';
  const errors: Partial<Record<Field, MessageKey>> = {};
  if (!isCloseOutcome(outcome)) errors.outcome = 'close.required.outcome';
  if (!explanation) errors.explanation = 'error.close_explanation_required';
  if (!Number.isInteger(score) || score < 1 || score > 5) errors.satisfaction = 'error.satisfaction_invalid';
  if (!agreement) errors.agreement = 'error.close_agreement_required';
  if (thanked !== 'yes' && thanked !== 'no') errors.thanked = 'close.required.thanked';
  if (Object.keys(errors).length > 0 || !isCloseOutcome(outcome)) return { ok: false, errors };
  return { ok: true, input: { outcome, explanation, satisfaction: score, agreement, customerThanked: thanked === 'yes' } };
}

/** Which field a refusal of the use case belongs on; anything else is shown on the first. */
const FIELD_OF: Partial<Record<UserErrorCode, Field>> = {
  satisfaction_invalid: 'satisfaction',
  close_explanation_required: 'explanation',
  close_agreement_required: 'agreement',
};

/** The close form submitted: close the case, or show what is wrong on the fields. */
export function registerCloseSubmission(app: App, ctx: AppContext): void {
  app.view(CLOSE_CALLBACK_ID, async ({ ack, view, context }) => {
    const onField = (field: Field, message: string) => ack({ response_action: 'errors', errors: { [CLOSE_FIELDS[field].blockId]: message } });
    const { userId, teamId } = requesterOf(context);
    const caseId = parseCaseId(view.private_metadata);
    if (!caseId) return onField('outcome', ctx.words.t('reply.formOutOfDate'));
    const form = readCloseForm(view);
    if (!form.ok) {
      const errors = Object.fromEntries(Object.entries(form.errors).map(([field, key]) => [CLOSE_FIELDS[field as Field].blockId, ctx.words.t(key)]));
      return ack({ response_action: 'errors', errors });
    }
    const change = await closeCase(ctx.db, ctx.policy, { caseId, teamId, actorId: userId, now: ctx.now(), ...form.input }).catch((error: unknown) => {
      ctx.logger.error({ err: error }, 'could not close a case from the form');
      return undefined;
    });
    if (!change) return onField('outcome', ctx.words.t('close.saveFailed'));
    if (!change.ok) return onField(FIELD_OF[change.code] ?? 'outcome', userErrorText(ctx.words, change));
    await ack();
    await finishChange(ctx, change, '');
  });
}
