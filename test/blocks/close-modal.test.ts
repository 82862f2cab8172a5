import { describe, expect, it } from 'vitest';
import { CLOSE_CALLBACK_ID, CLOSE_FIELDS, closeModal } from '../../src/blocks/close-modal.js';
import { readCloseForm } from '../../src/slack/views/close-submission.js';
import { createWords } from '../../src/i18n/words.js';
import { expectViewWithinLimits } from '../support/slack-limits.js';
import { closeValues } from '../support/close-values.js';
import { ATTACK, ATTACK_ESCAPED } from './fixtures.js';

const input = { caseId: '7b0c1e9e-7f3a-4c1e-9f51-3c4b5a6d7e8f', number: 12, summary: ATTACK };
const words = (language: 'en' | 'pl' | 'sv' | 'ru') => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });

describe('closeModal', () => {
  it.each([
    ['en', 'Close complaint #12', 'Close the case', 'Resolved in the customer’s favour', '5 – very happy'],
    ['pl', 'Zamknij sprawę #12', 'Zamknij sprawę', 'Rozstrzygnięta na korzyść klienta', '5 – bardzo zadowolony'],
    ['sv', 'Stäng klagomål #12', 'Stäng ärendet', 'Löst till kundens fördel', '5 – mycket nöjd'],
    ['ru', 'Закрыть жалобу #12', 'Закрыть обращение', 'Решено в пользу клиента', '5 – очень доволен'],
  ] as const)('asks in %s for outcome, explanation, satisfaction, agreement and thanks, within Slack’s limits', (language, title, submit, outcome, score) => {
    const view = closeModal(words(language), input);
    expectViewWithinLimits(view);
    expect(view).toMatchObject({ callback_id: CLOSE_CALLBACK_ID, private_metadata: input.caseId, submit: { text: submit } });
    expect(view).toMatchObject({ title: { text: title } });
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain(outcome);
    expect(shown).toContain(score);
    expect(shown).toContain(ATTACK_ESCAPED);
    const inputs = view.blocks.filter((block) => block.type === 'input').map((block) => block.block_id);
    expect(inputs).toEqual(Object.values(CLOSE_FIELDS).map((field) => field.blockId));
  });
});

describe('readCloseForm', () => {
  it('reads a complete form', () => {
    expect(readCloseForm({ state: { values: closeValues({ outcome: 'not_upheld', satisfaction: '2', thanked: 'no' }) } } as never)).toEqual({
      ok: true,
      input: {
        outcome: 'not_upheld',
        explanation: 'We refunded the delivery fee and sent a new drum.',
        satisfaction: 2,
        agreement: 'Refund of PLN 49.00 by 2026-12-10; replacement drum delivered on 2026-12-08.',
        customerThanked: false,
      },
    });
  });

  it.each([
    ['an outcome Slack would never send', { outcome: 'won' }, 'outcome'],
    ['a satisfaction outside 1–5', { satisfaction: '0' }, 'satisfaction'],
    ['a fractional satisfaction', { satisfaction: '4.5' }, 'satisfaction'],
    ['blank explanation', { explanation: '   ' }, 'explanation'],
    ['blank agreement', { agreement: '\n' }, 'agreement'],
    ['no thanks answer', { thanked: '' }, 'thanked'],
  ] as const)('names the field with %s', (_, overrides, field) => {
    const read = readCloseForm({ state: { values: closeValues(overrides) } } as never);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(Object.keys(read.errors)).toEqual([field]);
  });
});
