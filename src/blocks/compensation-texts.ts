import { currencyDigits, type AmountRefusal } from '../domain/money.js';
import { typedAmount } from '../i18n/format.js';
import type { CompensationKind, CompensationRefusal, CustomerAnswer, ProposalState } from '../domain/compensation.js';
import type { Words } from '../i18n/words.js';
import { userMention } from './format.js';
import { fitText } from './plain-text.js';
import { SLACK_LIMITS } from './limits.js';

/** A kind in the team's language: `Refund`, `Zwrot pieniędzy`. */
export function kindLabel(words: Words, kind: CompensationKind): string {
  return words.t(`comp.kind.${kind}`);
}

export function stateLabel(words: Words, state: ProposalState): string {
  return words.t(`comp.state.${state}`);
}

export function answerLabel(words: Words, answer: CustomerAnswer): string {
  return words.t(`comp.answer.${answer}`);
}

/** People as pings, joined in the language's way; `nobody` when there are none. */
export function peopleText(words: Words, ids: readonly string[]): string {
  return ids.length === 0 ? words.t('comp.nobody') : words.list(ids.map((id) => userMention(id)));
}

/**
 * Why a typed amount was refused, in the team's language (safe mrkdwn).
 *
 * @example
 * amountRefusalText(words, { ok: false, code: 'negative' }) // 'The amount cannot be negative.'
 */
export function amountRefusalText(words: Words, refusal: AmountRefusal): string {
  switch (refusal.code) {
    case 'not_a_number':
      return words.t('comp.amount.not_a_number', { examples: amountExamples(words) });
    case 'negative':
      return words.t('comp.amount.negative');
    case 'too_many_decimals':
      return words.t('comp.amount.too_many_decimals', { currency: words.currency, digits: refusal.allowedDigits });
    case 'too_large':
      return words.t('comp.amount.too_large', { max: words.amount(refusal.maxMinor) });
  }
}

/**
 * What a person is told when a compensation step is refused (safe mrkdwn).
 *
 * @example
 * compensationRefusalText(words, compensationRefusal('reject_reason_required')) // 'Say why it is rejected: …'
 */
export function compensationRefusalText(words: Words, refusal: CompensationRefusal): string {
  return fitText(refusalMessage(words, refusal), SLACK_LIMITS.messageText, 'markup');
}

function refusalMessage(words: Words, refusal: CompensationRefusal): string {
  switch (refusal.code) {
    case 'zero_for_money':
      return words.t('comp.error.zero_for_money', { kind: kindLabel(words, refusal.params.kind) });
    case 'nobody_may_decide':
      return words.t('comp.error.nobody_may_decide', { ownerMissing: refusal.params.ownerMissing ? 'yes' : 'no' });
    case 'already_decided': {
      const { state, decidedBy, decidedAt } = refusal.params;
      return words.t('comp.error.already_decided', {
        state,
        by: userMention(decidedBy, words.t('line.someone')),
        at: decidedAt ? words.dateTime(decidedAt) : '—',
      });
    }
    case 'may_not_decide':
      return words.t('comp.error.may_not_decide', {
        reason: refusal.params.reason,
        count: refusal.params.mayDecide.length,
        people: peopleText(words, refusal.params.mayDecide),
      });
    case 'not_approved':
      return words.t('comp.error.not_approved', { state: refusal.params.state });
    case 'answer_recorded':
      return words.t('comp.error.answer_recorded', { answer: refusal.params.answer ?? 'none' });
    case 'out_of_range':
    case 'proposal_not_found':
    case 'reject_reason_required':
    case 'wants_required':
      return words.t(`comp.error.${refusal.code}`);
  }
}

/**
 * Amounts typed the way Anthill reads them, in the currency's decimals and the language's
 * decimal mark, joined by the language's "or" (`Intl.ListFormat`).
 *
 * @example
 * amountExamples(plWords) // '150 lub 149,99' (PLN); '150' for JPY
 */
export function amountExamples(words: Words): string {
  const digits = currencyDigits(words.currency);
  const examples = digits === 0 ? ['150', '1500'] : ['150', typedAmount('149', digits, words.locale, '9')];
  return new Intl.ListFormat(words.locale, { type: 'disjunction' }).format(examples);
}
