import type { ModalView } from '@slack/types';
import type { AppContext } from '../context.js';
import { intakeModal, type IntakeModalInput } from '../blocks/intake-modal.js';

/** The intake form with the policy's categories and currency, as `/complaint` and both shortcuts open it. */
export function intakeFormFor(ctx: Pick<AppContext, 'words' | 'policy'>, extra: Omit<IntakeModalInput, 'categories' | 'currency' | 'currencyDigits'> = {}): ModalView {
  const { categories, currency, currencyDigits } = ctx.policy;
  return intakeModal(ctx.words, { categories, currency, currencyDigits, ...extra });
}
