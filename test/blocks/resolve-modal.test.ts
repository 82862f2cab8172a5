import { describe, expect, it } from 'vitest';
import { RESOLVE_FIELD, resolveModal } from '../../src/blocks/resolve-modal.js';
import { createWords } from '../../src/i18n/words.js';
import { ATTACK, ATTACK_ESCAPED } from './fixtures.js';

const input = { caseId: '7b0c1e9e-7f3a-4c1e-9f51-3c4b5a6d7e8f', number: 12, summary: ATTACK };

describe('resolveModal', () => {
  it.each([
    ['en', 'Resolve #12', 'Resolve', 'Cancel', 'How was it resolved?'],
    ['pl', 'Rozwiąż #12', 'Rozwiąż', 'Anuluj', 'Jak reklamacja została rozwiązana?'],
    ['sv', 'Lös ärende #12', 'Markera som löst', 'Avbryt', 'Hur löstes det?'],
    ['ru', 'Решить #12', 'Решить', 'Отмена', 'Как решена жалоба?'],
  ] as const)('asks in %s, with the summary escaped', (language, title, submit, close, label) => {
    const view = resolveModal(createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' }), input);
    expect(view).toMatchObject({
      private_metadata: input.caseId,
      title: { text: title },
      submit: { text: submit },
      close: { text: close },
      blocks: [{ text: { type: 'mrkdwn', text: ATTACK_ESCAPED } }, { block_id: RESOLVE_FIELD.blockId, label: { text: label } }],
    });
  });
});
