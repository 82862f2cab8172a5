import type { SectionBlock } from '@slack/types';
import type { Compensation } from '../domain/compensation.js';
import type { Words } from '../i18n/words.js';
import { answerLabel, kindLabel, stateLabel } from './compensation-texts.js';
import { SLACK_LIMITS } from './limits.js';
import { fitText } from './plain-text.js';

/** What the card shows of compensation: the newest proposal and the case's approved total. */
export interface CompensationCardView {
  readonly current?: Compensation;
  readonly approvedTotalMinor: number;
}

/**
 * The card's compensation section, or undefined before anything was proposed.
 *
 * @example
 * compensationSection(words, { current, approvedTotalMinor: 15000 }) // '*Compensation*\n150,00 zł (Refund): Approved …'
 */
export function compensationSection(words: Words, view: CompensationCardView): SectionBlock | undefined {
  const c = view.current;
  if (c === undefined && view.approvedTotalMinor === 0) return undefined;
  const lines = [`*${words.t('comp.card.title')}*`];
  if (c) {
    lines.push(words.t('comp.card.current', { amount: words.amount(c.amountMinor), kind: kindLabel(words, c.kind), state: stateLabel(words, c.state) }));
    if (c.customerAnswer) lines.push(answerLabel(words, c.customerAnswer));
  }
  lines.push(words.t('comp.card.approvedTotal', { amount: words.amount(view.approvedTotalMinor) }));
  return { type: 'section', text: { type: 'mrkdwn', text: fitText(lines.join('\n'), SLACK_LIMITS.sectionText, 'markup') } };
}
