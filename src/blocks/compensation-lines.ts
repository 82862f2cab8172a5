import type { CaseEvent } from '../domain/case-event.js';
import { isCompensationKind, isCustomerAnswer } from '../domain/compensation.js';
import type { Words } from '../i18n/words.js';
import { answerLabel, kindLabel, peopleText } from './compensation-texts.js';
import { userMention } from './format.js';
import { fitText } from './plain-text.js';

type EventView = Pick<CaseEvent, 'kind' | 'actorId' | 'data'>;

const TEXT_LENGTH = 3000;

/** The amount and kind an event names; odd stored data shows as a dash. */
function offer(words: Words, data: EventView['data']): { amount: string; kind: string } {
  const amount = typeof data.amountMinor === 'number' && Number.isSafeInteger(data.amountMinor) ? words.amount(data.amountMinor) : '—';
  return { amount, kind: isCompensationKind(data.kind) ? kindLabel(words, data.kind) : '—' };
}

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);

/**
 * The channel line of a compensation decision or answer; proposals and nudges have none
 * (the request and the DMs say them).
 *
 * @example
 * compensationLine(words, { kind: 'compensation_approved', actorId: 'U1', data: { amountMinor: 15000, kind: 'refund' } })
 * // '<@U1> approved 150.00 PLN (Refund).'
 */
export function compensationLine(words: Words, event: EventView): string | undefined {
  const actor = userMention(event.actorId, words.t('line.someone'));
  switch (event.kind) {
    case 'compensation_approved':
      return words.t('comp.line.approved', { actor, ...offer(words, event.data) });
    case 'compensation_rejected': {
      const reason = typeof event.data.reason === 'string' ? fitText(event.data.reason, TEXT_LENGTH, 'mrkdwn') : '';
      return words.t('comp.line.rejected', { actor, ...offer(words, event.data), reason });
    }
    case 'compensation_answered': {
      if (!isCustomerAnswer(event.data.answer)) return undefined;
      const wants = typeof event.data.wants === 'string' ? fitText(event.data.wants, TEXT_LENGTH, 'mrkdwn') : '';
      const answer = answerLabel(words, event.data.answer);
      return wants ? words.t('comp.line.declinedWants', { actor, answer, wants }) : words.t('comp.line.answered', { actor, answer });
    }
    default:
      return undefined;
  }
}

/** `/complaint show`'s line for the events that post none. */
export function compensationTimelineText(words: Words, event: EventView): string {
  const people = peopleText(words, ids(event.data.approvers));
  if (event.kind === 'compensation_nudged') return words.t('comp.timeline.nudged', { ...offer(words, event.data), people });
  return words.t('comp.timeline.proposed', { actor: userMention(event.actorId, words.t('line.someone')), ...offer(words, event.data), people });
}
