import type { InputBlock, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_SOURCES } from '../../src/domain/case.js';
import {
  ANOTHER_FROM_MESSAGE_FIELD,
  INTAKE_CALLBACK_ID,
  INTAKE_FIELDS,
  intakeModal,
  parseIntakeSubmission,
  type SlackViewStateValues,
} from '../../src/blocks/intake-modal.js';
import { expectViewWithinLimits } from '../support/slack-limits.js';
import { LANGUAGES, type Language } from '../../src/config/policy-schema.js';
import { createWords } from '../../src/i18n/words.js';
import { parseAmount } from '../../src/domain/money.js';

const wordsIn = (language: Language) => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const EN = wordsIn('en');

const CATEGORIES = [
  { id: 'delivery', name: 'Late or damaged delivery' },
  { id: 'billing', name: 'Wrong invoice' },
];

function inputBlock(view: ReturnType<typeof intakeModal>, blockId: string): InputBlock {
  const block = view.blocks.find((b) => b.block_id === blockId);
  if (block?.type !== 'input') throw new Error(`no input block ${blockId}`);
  return block as InputBlock;
}

describe('intakeModal', () => {
  const view = intakeModal(EN, { categories: CATEGORIES, prefill: { summary: '  Broken vase  ' }, currency: 'PLN' });

  it('is the complaint_intake modal titled New complaint', () => {
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe(INTAKE_CALLBACK_ID);
    expect(view.callback_id).toBe('complaint_intake');
    expect(view.title.text).toBe('New complaint');
    expectViewWithinLimits(view);
  });

  it('has one input per intake field, with the exported ids', () => {
    for (const field of Object.values(INTAKE_FIELDS)) {
      const block = inputBlock(view, field.blockId);
      expect(block.element.action_id).toBe(field.actionId);
    }
    expect(view.blocks).toHaveLength(Object.keys(INTAKE_FIELDS).length);
  });

  it('prefills the trimmed summary and limits its length', () => {
    const summary = inputBlock(view, INTAKE_FIELDS.summary.blockId).element;
    expect(summary).toMatchObject({ type: 'plain_text_input', initial_value: 'Broken vase', max_length: 150 });
    const long = intakeModal(EN, { categories: CATEGORIES, prefill: { summary: 'x'.repeat(400) } });
    expectViewWithinLimits(long);
    expect(inputBlock(long, INTAKE_FIELDS.summary.blockId).element).toMatchObject({ max_length: 150 });
  });

  it('has no initial summary without a prefill', () => {
    const bare = intakeModal(EN, { categories: CATEGORIES });
    expect(inputBlock(bare, INTAKE_FIELDS.summary.blockId).element).not.toHaveProperty('initial_value');
  });

  it('carries no private_metadata: nothing Slack hands back with the form is read', () => {
    expect(view).not.toHaveProperty('private_metadata');
  });

  it('makes the text fields required with their lengths, the loss optional', () => {
    expect(inputBlock(view, INTAKE_FIELDS.customerName.blockId)).not.toHaveProperty('optional');
    expect(inputBlock(view, INTAKE_FIELDS.customerName.blockId).element).toMatchObject({ max_length: 200 });
    expect(inputBlock(view, INTAKE_FIELDS.customerContact.blockId).element).toMatchObject({ max_length: 200 });
    expect(inputBlock(view, INTAKE_FIELDS.description.blockId).element).toMatchObject({
      multiline: true,
      max_length: 3000,
    });
    const loss = inputBlock(view, INTAKE_FIELDS.claimedLoss.blockId);
    expect(loss.optional).toBe(true);
    expect(loss.hint?.text).toContain('PLN');
  });

  it('offers the categories, severities (normal first chosen) and sources', () => {
    const category = inputBlock(view, INTAKE_FIELDS.category.blockId).element as StaticSelect;
    expect(category.options?.map((o) => o.value)).toEqual(['delivery', 'billing']);
    expect(category.initial_option).toBeUndefined();
    const severity = inputBlock(view, INTAKE_FIELDS.severity.blockId).element as StaticSelect;
    expect(severity.options?.map((o) => o.value)).toEqual(['critical', 'high', 'normal', 'low']);
    expect(severity.initial_option?.value).toBe('normal');
    const source = inputBlock(view, INTAKE_FIELDS.source.blockId).element as StaticSelect;
    expect(source.options?.map((o) => o.value)).toEqual([...COMPLAINT_SOURCES]);
    expect(source.options?.map((o) => o.text.text)).toContain('Web form');
  });

  it('shows typed and configured text only as plain_text, where nothing can ping', () => {
    const risky = intakeModal(EN, {
      categories: [{ id: 'x', name: '<!channel> category' }],
      prefill: { summary: '<!channel> hi <@U123> <https://evil|click>' },
    });
    expect(JSON.stringify(risky)).not.toContain('"mrkdwn"');
    expect(inputBlock(risky, INTAKE_FIELDS.summary.blockId).element).toMatchObject({
      initial_value: '<!channel> hi <@U123> <https://evil|click>',
    });
  });

  it('preselects the only category', () => {
    const single = intakeModal(EN, { categories: [CATEGORIES[0]!] });
    const category = inputBlock(single, INTAKE_FIELDS.category.blockId).element as StaticSelect;
    expect(category.initial_option?.value).toBe('delivery');
  });

  it('offers at most 100 categories with names cut to 75 characters', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ id: `c${i}`, name: `Category ${i} ${'x'.repeat(100)}` }));
    const big = intakeModal(EN, { categories: many });
    expectViewWithinLimits(big);
    const category = inputBlock(big, INTAKE_FIELDS.category.blockId).element as StaticSelect;
    expect(category.options).toHaveLength(100);
  });
});

function submission(overrides: Partial<Record<keyof typeof INTAKE_FIELDS, string | null>> = {}): SlackViewStateValues {
  const typed: Record<keyof typeof INTAKE_FIELDS, string | null> = {
    summary: '  Parcel arrived broken ',
    customerName: ' Anna Nowak ',
    customerContact: 'anna@example.com',
    category: 'delivery',
    severity: 'high',
    source: 'email',
    description: ' The vase broke. ',
    claimedLoss: null,
    staffInvolved: null,
    ...overrides,
  };
  const selects = new Set(['category', 'severity', 'source']);
  const values: SlackViewStateValues = {};
  for (const [key, field] of Object.entries(INTAKE_FIELDS)) {
    const value = typed[key as keyof typeof INTAKE_FIELDS];
    values[field.blockId] = {
      [field.actionId]:
        key === 'staffInvolved'
          ? { type: 'multi_users_select', selected_users: value === null ? [] : value.split(',') }
          : selects.has(key)
            ? { type: 'static_select', selected_option: value === null ? null : { value } }
            : { type: 'plain_text_input', value },
    };
  }
  return values;
}

describe('parseIntakeSubmission', () => {
  it('returns the trimmed intake', () => {
    expect(parseIntakeSubmission(EN, submission(), CATEGORIES, 2)).toEqual({
      ok: true,
      intake: {
        summary: 'Parcel arrived broken',
        customerName: 'Anna Nowak',
        customerContact: 'anna@example.com',
        categoryId: 'delivery',
        severity: 'high',
        source: 'email',
        description: 'The vase broke.',
        claimedLossMinor: null,
        staffInvolvedIds: [],
      },
    });
  });

  it('reads the staff involved, each once, in the order chosen', () => {
    const result = parseIntakeSubmission(EN, submission({ staffInvolved: 'U0STAFF01,W0STAFF02,U0STAFF01' }), CATEGORIES, 2);
    expect(result).toMatchObject({ ok: true, intake: { staffInvolvedIds: ['U0STAFF01', 'W0STAFF02'] } });
  });

  it('treats a missing staff field as nobody involved', () => {
    const values = submission();
    delete values[INTAKE_FIELDS.staffInvolved.blockId];
    expect(parseIntakeSubmission(EN, values, CATEGORIES, 2)).toMatchObject({ ok: true, intake: { staffInvolvedIds: [] } });
  });

  it.each([
    ['something that is not a user id', '<!channel>', 'Choose people from the list.'],
    ['a channel id', 'C0CHAN001', 'Choose people from the list.'],
    ['more than 10 people', Array.from({ length: 11 }, (_, i) => `U0STAFF${String(i).padStart(2, '0')}`).join(','), 'Choose at most 10 people.'],
  ])('refuses %s as staff involved, on the field', (_name, chosen, error) => {
    const result = parseIntakeSubmission(EN, submission({ staffInvolved: chosen }), CATEGORIES, 2);
    expect(result).toEqual({ ok: false, errors: { [INTAKE_FIELDS.staffInvolved.blockId]: error } });
  });

  it('keeps dangerous text exactly as typed (escaping is for display)', () => {
    const result = parseIntakeSubmission(EN, submission({ summary: '<!channel> hi' }), CATEGORIES, 2);
    expect(result.ok && result.intake.summary).toBe('<!channel> hi');
  });

  it.each([
    ['123', 12300],
    ['123.45', 12345],
    ['123,45', 12345],
    ['0', 0],
    ['0.5', 50],
    [' 7,1 ', 710],
    ['1000000000', 100_000_000_000],
  ])('reads claimed loss %j as %i minor units', (typed, minor) => {
    const result = parseIntakeSubmission(EN, submission({ claimedLoss: typed }), CATEGORIES, 2);
    expect(result).toMatchObject({ ok: true, intake: { claimedLossMinor: minor } });
  });

  it.each([
    ['-5', 'The claimed loss cannot be negative.'],
    ['−5', 'The claimed loss cannot be negative.'],
    ['abc', 'Enter the amount in digits, like 123.45: no currency and no sign.'],
    ['12 PLN', 'Enter the amount in digits, like 123.45: no currency and no sign.'],
    ['1,000.50', 'Enter the amount in digits, like 123.45: no currency and no sign.'],
    ['.5', 'Enter the amount in digits, like 123.45: no currency and no sign.'],
    ['+5', 'Enter the amount in digits, like 123.45: no currency and no sign.'],
    ['1e3', 'Enter the amount in digits, like 123.45: no currency and no sign.'],
    ['1.234', 'Amounts in PLN have 2 decimals: enter at most 2 digits after the decimal mark.'],
    ['1000000000.01', 'The claimed loss can be at most PLN 1,000,000,000.00.'],
    ['1000000001', 'The claimed loss can be at most PLN 1,000,000,000.00.'],
  ])('refuses claimed loss %j on its field, saying why', (typed, error) => {
    const result = parseIntakeSubmission(EN, submission({ claimedLoss: typed }), CATEGORIES, 2);
    expect(result).toEqual({ ok: false, errors: { [INTAKE_FIELDS.claimedLoss.blockId]: error } });
  });

  it('reads the claimed loss with as many decimals as the policy currency has', () => {
    const jpy = createWords({ language: 'en', timeZone: 'Europe/Warsaw', currency: 'JPY' });
    const kwd = createWords({ language: 'en', timeZone: 'Europe/Warsaw', currency: 'KWD' });
    expect(parseIntakeSubmission(jpy, submission({ claimedLoss: '1 500' }), CATEGORIES, 0)).toMatchObject({ ok: true, intake: { claimedLossMinor: 1500 } });
    expect(parseIntakeSubmission(jpy, submission({ claimedLoss: '15.5' }), CATEGORIES, 0)).toEqual({
      ok: false,
      errors: { [INTAKE_FIELDS.claimedLoss.blockId]: 'Amounts in JPY have no decimals: enter a whole number.' },
    });
    expect(parseIntakeSubmission(jpy, submission({ claimedLoss: 'x' }), CATEGORIES, 0)).toEqual({
      ok: false,
      errors: { [INTAKE_FIELDS.claimedLoss.blockId]: 'Enter the amount in digits, like 123: no currency and no sign.' },
    });
    expect(parseIntakeSubmission(kwd, submission({ claimedLoss: '1.234' }), CATEGORIES, 3)).toMatchObject({ ok: true, intake: { claimedLossMinor: 1234 } });
    expect(parseIntakeSubmission(kwd, submission({ claimedLoss: '1.2345' }), CATEGORIES, 3)).toEqual({
      ok: false,
      errors: { [INTAKE_FIELDS.claimedLoss.blockId]: 'Amounts in KWD have 3 decimals: enter at most 3 digits after the decimal mark.' },
    });
  });

  it.each([
    ['summary', '   ', INTAKE_FIELDS.summary.blockId],
    ['summary', null, INTAKE_FIELDS.summary.blockId],
    ['summary', 'x'.repeat(151), INTAKE_FIELDS.summary.blockId],
    ['customerName', '', INTAKE_FIELDS.customerName.blockId],
    ['customerName', 'x'.repeat(201), INTAKE_FIELDS.customerName.blockId],
    ['customerContact', ' \n ', INTAKE_FIELDS.customerContact.blockId],
    ['description', '', INTAKE_FIELDS.description.blockId],
    ['description', 'x'.repeat(3001), INTAKE_FIELDS.description.blockId],
    ['category', 'groceries', INTAKE_FIELDS.category.blockId],
    ['category', null, INTAKE_FIELDS.category.blockId],
    ['severity', 'urgent', INTAKE_FIELDS.severity.blockId],
    ['severity', null, INTAKE_FIELDS.severity.blockId],
    ['source', 'pigeon', INTAKE_FIELDS.source.blockId],
    ['source', null, INTAKE_FIELDS.source.blockId],
  ] as const)('refuses %s %j with an error on its block', (key, typed, blockId) => {
    const result = parseIntakeSubmission(EN, submission({ [key]: typed }), CATEGORIES, 2);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([blockId]);
    expect(result.errors[blockId]).toMatch(/\w/);
  });

  it('reports every bad field at once', () => {
    const result = parseIntakeSubmission(EN, submission({ summary: '', category: 'nope', claimedLoss: 'abc' }), CATEGORIES, 2);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(
      [INTAKE_FIELDS.summary.blockId, INTAKE_FIELDS.category.blockId, INTAKE_FIELDS.claimedLoss.blockId].sort(),
    );
  });

  it('treats a missing block as empty', () => {
    const values = submission();
    delete values[INTAKE_FIELDS.description.blockId];
    const result = parseIntakeSubmission(EN, values, CATEGORIES, 2);
    expect(!result.ok && Object.keys(result.errors)).toEqual([INTAKE_FIELDS.description.blockId]);
  });
});

/** What the form says in each language: the labels in block order, the options, and its errors. */
const FORM_WORDS: Record<Language, {
  title: string;
  submit: string;
  close: string;
  labels: string[];
  severities: string[];
  sources: string[];
  lossHint: string;
  lossPlaceholder: string;
  staffHint: string;
  staffPlaceholder: string;
  summaryTooLong: string;
  contactMissing: string;
  notANumber: string;
  negative: string;
  tooManyDecimals: string;
  tooLarge: string;
}> = {
  en: {
    title: 'New complaint',
    submit: 'Open case',
    close: 'Cancel',
    labels: ['Summary', 'Customer name', 'Customer contact', 'Category', 'Severity', 'Source', 'Description', 'Claimed loss', 'Staff involved'],
    severities: ['Critical', 'High', 'Normal', 'Low'],
    sources: ['Email', 'Phone', 'Web form', 'Store', 'Social media', 'Slack message', 'Other'],
    lossHint: 'Amount in PLN, e.g. 123.45. Leave empty if the customer claims no loss.',
    lossPlaceholder: '0.00',
    staffHint: 'Colleagues the complaint is about, if any. They cannot own the case or approve its compensation.',
    staffPlaceholder: 'Choose people',
    summaryTooLong: 'The summary can be at most 150 characters.',
    contactMissing: 'Please fill in the customer contact.',
    notANumber: 'Enter the amount in digits, like 123.45: no currency and no sign.',
    negative: 'The claimed loss cannot be negative.',
    tooManyDecimals: 'Amounts in PLN have 2 decimals: enter at most 2 digits after the decimal mark.',
    tooLarge: 'The claimed loss can be at most PLN\u00a01,000,000,000.00.',
  },
  pl: {
    title: 'Nowa reklamacja',
    submit: 'Otwórz reklamację',
    close: 'Anuluj',
    labels: ['Temat', 'Imię i nazwisko klienta', 'Kontakt do klienta', 'Kategoria', 'Priorytet', 'Źródło', 'Opis', 'Zgłoszona strata', 'Pracownicy, których dotyczy reklamacja'],
    severities: ['Krytyczny', 'Wysoki', 'Zwykły', 'Niski'],
    sources: ['E-mail', 'Telefon', 'Formularz na stronie', 'Sklep', 'Media społecznościowe', 'Wiadomość na Slacku', 'Inne'],
    lossHint: 'Kwota w PLN, np. 123,45. Zostaw puste, jeśli klient nie zgłasza straty.',
    lossPlaceholder: '0,00',
    staffHint: 'Osoby z zespołu, których dotyczy reklamacja, jeśli takie są. Nie mogą zostać jej opiekunem ani zatwierdzać rekompensaty.',
    staffPlaceholder: 'Wybierz osoby',
    summaryTooLong: 'Temat może mieć najwyżej 150 znaków.',
    contactMissing: 'Podaj kontakt do klienta.',
    notANumber: 'Wpisz kwotę samymi cyframi, np. 123,45 – bez waluty, plusa ani minusa.',
    negative: 'Zgłoszona strata nie może być ujemna.',
    tooManyDecimals: 'Kwoty w PLN mają 2 miejsca po przecinku: wpisz najwyżej 2 cyfry po przecinku.',
    tooLarge: 'Zgłoszona strata może wynosić najwyżej 1\u00a0000\u00a0000\u00a0000,00\u00a0zł.',
  },
  sv: {
    title: 'Nytt ärende',
    submit: 'Öppna ärende',
    close: 'Avbryt',
    labels: ['Sammanfattning', 'Kundens namn', 'Kundens kontaktuppgifter', 'Kategori', 'Prioritet', 'Källa', 'Beskrivning', 'Uppgiven förlust', 'Berörd personal'],
    severities: ['Kritisk', 'Hög', 'Medel', 'Låg'],
    sources: ['E-post', 'Telefon', 'Webbformulär', 'Butik', 'Sociala medier', 'Slackmeddelande', 'Annat'],
    lossHint: 'Belopp i PLN, t.ex. 123,45. Lämna tomt om kunden inte uppger någon förlust.',
    lossPlaceholder: '0,00',
    staffHint: 'Kollegor som klagomålet gäller, om det finns några. De kan inte vara ansvariga för ärendet eller godkänna kompensation i det.',
    staffPlaceholder: 'Välj personer',
    summaryTooLong: 'Sammanfattningen får vara högst 150 tecken lång.',
    contactMissing: 'Fyll i kundens kontaktuppgifter.',
    notANumber: 'Skriv beloppet med siffror, utan valuta och utan plus- eller minustecken, t.ex. 123,45.',
    negative: 'Den uppgivna förlusten kan inte vara negativ.',
    tooManyDecimals: 'Belopp i PLN har 2 decimaler: skriv högst 2 siffror efter decimaltecknet.',
    tooLarge: 'Den uppgivna förlusten får vara högst 1\u00a0000\u00a0000\u00a0000,00\u00a0PLN.',
  },
  ru: {
    title: 'Новая жалоба',
    submit: 'Открыть жалобу',
    close: 'Отмена',
    labels: ['Суть жалобы', 'Имя клиента', 'Контакты клиента', 'Категория', 'Приоритет', 'Источник', 'Описание', 'Заявленный ущерб', 'Причастные сотрудники'],
    severities: ['Критический', 'Высокий', 'Обычный', 'Низкий'],
    sources: ['Эл. почта', 'Телефон', 'Форма на сайте', 'Магазин', 'Соцсети', 'Сообщение в Slack', 'Другое'],
    lossHint: 'Сумма в PLN, например 123,45. Оставьте пустым, если клиент не заявляет ущерб.',
    lossPlaceholder: '0,00',
    staffHint: 'Коллеги, которых касается жалоба, если такие есть. Они не могут быть ответственными за жалобу или одобрять компенсацию по ней.',
    staffPlaceholder: 'Выберите сотрудников',
    summaryTooLong: 'Суть жалобы — не длиннее 150 символов.',
    contactMissing: 'Укажите, пожалуйста, контакты клиента.',
    notANumber: 'Введите сумму цифрами, например 123,45, без валюты и без знака.',
    negative: 'Заявленный ущерб не может быть отрицательным.',
    tooManyDecimals: 'У сумм в PLN 2 знака после запятой: введите не больше 2 цифр после запятой.',
    tooLarge: 'Заявленный ущерб — не больше 1\u00a0000\u00a0000\u00a0000,00\u00a0PLN.',
  },
};

/** The form without its words: block and action ids, element types, option values, limits. */
function formShape(view: ReturnType<typeof intakeModal>): unknown {
  return {
    callbackId: view.callback_id,
    blocks: view.blocks.map((block) => {
      const input = block as InputBlock;
      const element = input.element as StaticSelect & { max_length?: number; multiline?: boolean };
      return {
        type: input.type,
        blockId: input.block_id,
        optional: input.optional ?? false,
        hint: input.hint !== undefined,
        actionId: element.action_id,
        elementType: element.type,
        options: element.options?.map((o) => o.value),
        initial: element.initial_option?.value,
        maxLength: element.max_length,
        multiline: element.multiline,
        placeholder: element.placeholder !== undefined,
      };
    }),
  };
}

describe.each(LANGUAGES)('the intake form in %s', (language) => {
  const words = wordsIn(language);
  const expected = FORM_WORDS[language];
  const view = intakeModal(words, { categories: CATEGORIES, currency: 'PLN' });
  const select = (blockId: string) => inputBlock(view, blockId).element as StaticSelect;

  it('has the same blocks, action ids and options as in English, within the limits', () => {
    expect(formShape(view)).toEqual(formShape(intakeModal(EN, { categories: CATEGORIES, currency: 'PLN' })));
    expectViewWithinLimits(view);
  });

  it('says its title, buttons, labels, hints and options in the language', () => {
    expect([view.title.text, view.submit?.text, view.close?.text]).toEqual([expected.title, expected.submit, expected.close]);
    expect(view.blocks.map((block) => (block as InputBlock).label.text)).toEqual(expected.labels);
    expect(select(INTAKE_FIELDS.severity.blockId).options?.map((o) => o.text.text)).toEqual(expected.severities);
    expect(select(INTAKE_FIELDS.severity.blockId).initial_option?.text.text).toBe(expected.severities[2]);
    expect(select(INTAKE_FIELDS.source.blockId).options?.map((o) => o.text.text)).toEqual(expected.sources);
    const loss = inputBlock(view, INTAKE_FIELDS.claimedLoss.blockId);
    expect(loss.hint?.text).toBe(expected.lossHint);
    expect((loss.element as { placeholder?: { text: string } }).placeholder?.text).toBe(expected.lossPlaceholder);
    const staff = inputBlock(view, INTAKE_FIELDS.staffInvolved.blockId);
    expect(staff).toMatchObject({ optional: true, hint: { text: expected.staffHint } });
    expect(staff.element).toMatchObject({ type: 'multi_users_select', max_selected_items: 10, placeholder: { text: expected.staffPlaceholder } });
    // The categories are the policy's own names, in every language.
    expect(select(INTAKE_FIELDS.category.blockId).options?.map((o) => o.text.text)).toEqual(['Late or damaged delivery', 'Wrong invoice']);
  });

  it('shows its validation errors in the language, the number of characters with its plural ending', () => {
    const result = parseIntakeSubmission(words, submission({ summary: 'x'.repeat(151), customerContact: ' ', claimedLoss: '12 PLN' }), CATEGORIES, 2);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      [INTAKE_FIELDS.summary.blockId]: expected.summaryTooLong,
      [INTAKE_FIELDS.customerContact.blockId]: expected.contactMissing,
      [INTAKE_FIELDS.claimedLoss.blockId]: expected.notANumber,
    });
  });

  it('says each refusal of the claimed loss in the language', () => {
    const lossError = (typed: string) => {
      const result = parseIntakeSubmission(words, submission({ claimedLoss: typed }), CATEGORIES, 2);
      return result.ok ? undefined : result.errors[INTAKE_FIELDS.claimedLoss.blockId];
    };
    expect([lossError('-5'), lossError('1,234'), lossError('2000000000')]).toEqual([expected.negative, expected.tooManyDecimals, expected.tooLarge]);
  });
});

describe('intake errors count characters with the plural forms of each language', () => {
  it.each([
    ['pl', 1, 'Opis może mieć najwyżej 1 znak.'],
    ['pl', 2, 'Opis może mieć najwyżej 2 znaki.'],
    ['pl', 5, 'Opis może mieć najwyżej 5 znaków.'],
    ['pl', 22, 'Opis może mieć najwyżej 22 znaki.'],
    ['ru', 1, 'Описание — не длиннее 1 символа.'],
    ['ru', 2, 'Описание — не длиннее 2 символов.'],
    ['ru', 21, 'Описание — не длиннее 21 символа.'],
    ['sv', 1, 'Beskrivningen får vara högst 1 tecken lång.'],
    ['en', 1, 'The description can be at most 1 character.'],
  ] as const)('%s, %i', (language, max, text) => {
    expect(wordsIn(language).t('intake.error.descriptionTooLong', { max })).toBe(text);
  });
});

describe('the claimed-loss example follows the currency’s decimals and the language’s decimal mark', () => {
  const lossOf = (language: Language, currency: string, currencyDigits: number) => {
    const loss = inputBlock(intakeModal(wordsIn(language), { categories: CATEGORIES, currency, currencyDigits }), INTAKE_FIELDS.claimedLoss.blockId);
    return { hint: loss.hint?.text, placeholder: (loss.element as { placeholder?: { text: string } }).placeholder?.text };
  };

  it.each([
    ['en', 'PLN', 2, 'Amount in PLN, e.g. 123.45. Leave empty if the customer claims no loss.', '0.00'],
    ['pl', 'PLN', 2, 'Kwota w PLN, np. 123,45. Zostaw puste, jeśli klient nie zgłasza straty.', '0,00'],
    ['en', 'JPY', 0, 'Amount in JPY, e.g. 123. Leave empty if the customer claims no loss.', '0'],
    ['sv', 'JPY', 0, 'Belopp i JPY, t.ex. 123. Lämna tomt om kunden inte uppger någon förlust.', '0'],
    ['ru', 'KWD', 3, 'Сумма в KWD, например 123,456. Оставьте пустым, если клиент не заявляет ущерб.', '0,000'],
  ] as const)('%s with %s (%i decimals)', (language, currency, digits, hint, placeholder) => {
    expect(lossOf(language, currency, digits)).toEqual({ hint, placeholder });
  });

  it('an example typed as shown is read back by the intake', () => {
    for (const [currency, digits] of [['PLN', 2], ['JPY', 0], ['KWD', 3]] as const) {
      const example = /\d+(?:[.,]\d+)?/.exec(lossOf('pl', currency, digits).hint ?? '')?.[0] ?? '';
      expect(parseAmount(example, digits)).toMatchObject({ ok: true });
    }
  });
});

describe.each(LANGUAGES)('the claimed-loss hint in %s, for PLN and JPY', (language) => {
  const HINTS: Record<Language, { hint: (currency: string, example: string) => string; mark: string }> = {
    en: { hint: (currency, example) => `Amount in ${currency}, e.g. ${example}. Leave empty if the customer claims no loss.`, mark: '.' },
    pl: { hint: (currency, example) => `Kwota w ${currency}, np. ${example}. Zostaw puste, jeśli klient nie zgłasza straty.`, mark: ',' },
    sv: { hint: (currency, example) => `Belopp i ${currency}, t.ex. ${example}. Lämna tomt om kunden inte uppger någon förlust.`, mark: ',' },
    ru: { hint: (currency, example) => `Сумма в ${currency}, например ${example}. Оставьте пустым, если клиент не заявляет ущерб.`, mark: ',' },
  };
  const { hint, mark } = HINTS[language];

  it.each([
    ['PLN', 2, `123${mark}45`, `0${mark}00`, 12345],
    ['JPY', 0, '123', '0', 123],
  ] as const)('%s', (currency, digits, example, placeholder, minor) => {
    const words = createWords({ language, timeZone: 'Europe/Warsaw', currency });
    const loss = inputBlock(intakeModal(words, { categories: CATEGORIES, currency, currencyDigits: digits }), INTAKE_FIELDS.claimedLoss.blockId);
    expect(loss.hint?.text).toBe(hint(currency, example));
    expect((loss.element as { placeholder?: { text: string } }).placeholder?.text).toBe(placeholder);
    expect(parseIntakeSubmission(words, submission({ claimedLoss: example }), CATEGORIES, digits)).toMatchObject({ ok: true, intake: { claimedLossMinor: minor } });
  });
});

describe('the intake form prefilled from a Slack message', () => {
  const view = intakeModal(EN, {
    categories: CATEGORIES,
    prefill: { summary: 'Parcel crushed', description: 'Parcel crushed <!here>', customerName: 'Jan', customerContact: '+48 601 234 567', source: 'slack_message' },
    note: 'Filled in from the message.',
    alreadyNotice: { text: 'This message already has a complaint: complaint #1 in <#C0CASE0001>', confirmLabel: 'Open another complaint' },
    privateMetadata: 'src1.sealed',
  });

  it('stays within Slack’s limits', () => {
    expectViewWithinLimits(view);
  });

  it('carries the message’s values, the note, the notice with its box, and the sealed source', () => {
    const initial = (blockId: string) => (inputBlock(view, blockId).element as { initial_value?: string }).initial_value;
    expect([INTAKE_FIELDS.summary, INTAKE_FIELDS.description, INTAKE_FIELDS.customerName, INTAKE_FIELDS.customerContact].map((f) => initial(f.blockId))).toEqual([
      'Parcel crushed',
      'Parcel crushed <!here>',
      'Jan',
      '+48 601 234 567',
    ]);
    expect((inputBlock(view, INTAKE_FIELDS.source.blockId).element as { initial_option?: { value: string } }).initial_option?.value).toBe('slack_message');
    expect(view.private_metadata).toBe('src1.sealed');
    expect(view.blocks.slice(0, 4).map((block) => block.type)).toEqual(['section', 'input', 'divider', 'context']);
    expect(inputBlock(view, ANOTHER_FROM_MESSAGE_FIELD.blockId).optional).toBeUndefined();
  });
});
