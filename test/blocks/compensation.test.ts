import type { AnyBlock, InputBlock, ModalView, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/config/policy-schema.js';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { approvalRequestMessage, type ApprovalRequestView } from '../../src/blocks/approval-request.js';
import { compensationSection } from '../../src/blocks/compensation-card.js';
import { DECLINE_CALLBACK_ID, PROPOSE_CALLBACK_ID, REJECT_CALLBACK_ID, declineModal, proposalModal, rejectModal } from '../../src/blocks/compensation-modal.js';
import type { Compensation } from '../../src/domain/compensation.js';
import { createWords, type Words } from '../../src/i18n/words.js';
import { expectMessageWithinLimits, expectViewWithinLimits } from '../support/slack-limits.js';
import { NOW } from './fixtures.js';
import { amountExamples, amountRefusalText } from '../../src/blocks/compensation-texts.js';
import { parseAmount } from '../../src/domain/money.js';

// The compensation builders in every language: the same blocks and action ids everywhere, the
// catalogs' exact sentences, amounts as the locale writes them (PLN in en-GB, pl-PL, sv-SE, ru-RU).

const wordsIn = (language: Language): Words => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const NB = '\u00a0';
const PROPOSER = 'U0AAA0001';
const LEAD = 'U0LEAD001';
const HEAD = 'U0HEAD001';
const DECIDED_AT = new Date('2026-11-23T14:30:00Z');
const GUIDE = 'Refund the delivery fee';
const CATEGORY = 'Late or damaged delivery';

const pending: Compensation = {
  id: '17',
  caseId: '7b0c1e9e-7f3a-4c1e-9f51-3c4b5a6d7e8f',
  teamId: 'T0TEAM001',
  kind: 'refund',
  amountMinor: 50_000,
  note: 'Parcel crushed',
  customerAsked: 'Money back',
  proposedBy: PROPOSER,
  proposedAt: new Date('2026-11-23T13:00:00Z'),
  state: 'pending',
  approverIds: [LEAD, HEAD],
  decidedBy: null,
  decidedAt: null,
  rejectReason: null,
  customerAnswer: null,
  answeredBy: null,
  answeredAt: null,
  customerWants: null,
  requestChannelId: 'C0CASE042',
  requestTs: '1700000000.000100',
  version: 1,
  shownVersion: 0,
  nudgeDueAt: new Date('2026-11-23T14:00:00Z'),
  nudgedAt: null,
};
const approved: Compensation = { ...pending, state: 'approved', decidedBy: HEAD, decidedAt: DECIDED_AT, version: 2 };
const rejected: Compensation = { ...pending, state: 'rejected', decidedBy: HEAD, decidedAt: DECIDED_AT, rejectReason: 'Out of stock', version: 2 };

function requestView(overrides: Partial<ApprovalRequestView> = {}): ApprovalRequestView {
  return { compensation: pending, caseNumber: 42, caseChannelId: 'C0CASE042', claimedLossMinor: 129_900, guide: GUIDE, approvedTotalMinor: 0, copy: 'channel', now: NOW, ...overrides };
}

/** Each language's sentences, as the catalogs word them, with amounts as its locale writes them. */
interface Expected {
  readonly text: string;
  readonly heading: string;
  readonly fields: readonly string[];
  readonly fieldsNoLoss: readonly string[];
  readonly below: string;
  readonly details: string;
  readonly approvers: string;
  readonly approve: string;
  readonly reject: string;
  readonly approved: (at: string) => string;
  readonly rejected: (at: string) => string;
  readonly answerButtons: readonly string[];
  readonly card: string;
  readonly cardDeclined: string;
  readonly modalTitle: string;
  readonly modalButtons: readonly [string, string];
  readonly facts: string;
  readonly factsNoGuide: string;
  readonly labels: readonly string[];
  readonly kinds: readonly string[];
  readonly rejectForm: readonly [string, string, string];
  readonly declineForm: readonly [string, string, string];
  readonly declineContext: string;
}

const EXPECTED: Record<Language, Expected> = {
  en: {
    text: `Compensation for case #42: PLN${NB}500.00 (Refund), proposed by <@${PROPOSER}>`,
    heading: `*:moneybag: Compensation proposed for case #42*\n<@${PROPOSER}> proposes PLN${NB}500.00 as Refund.`,
    fields: [`*Amount*\nPLN${NB}500.00`, '*Kind*\nRefund', `*Approved on this case*\nPLN${NB}0.00`, `*Claimed loss*\nPLN${NB}1,299.00`],
    fieldsNoLoss: [`*Amount*\nPLN${NB}500.00`, '*Kind*\nRefund', `*Approved on this case*\nPLN${NB}0.00`, '*Claimed loss*\nnone claimed'],
    below: `:warning: The offer is PLN${NB}799.00 below the customer’s claimed loss of PLN${NB}1,299.00.`,
    details: `*Note*\n>Parcel crushed\n*The customer asked for*\n>Money back\n*Guide*\n>${GUIDE}`,
    approvers: `Who may decide: <@${LEAD}> and <@${HEAD}>`,
    approve: 'Approve',
    reject: 'Reject',
    approved: (at) => `:white_check_mark: Approved by <@${HEAD}> on ${at}.`,
    rejected: (at) => `:x: Rejected by <@${HEAD}> on ${at}: \n>Out of stock`,
    answerButtons: ['Offered', 'Accepted', 'Declined'],
    card: `*Compensation*\nCurrent proposal: PLN${NB}500.00 (Refund), approved\nApproved total: PLN${NB}500.00`,
    cardDeclined: `*Compensation*\nCurrent proposal: PLN${NB}500.00 (Refund), approved\nDeclined by the customer\nApproved total: PLN${NB}500.00`,
    modalTitle: 'Compensation #42',
    modalButtons: ['Propose', 'Cancel'],
    facts: `*Guide for ${CATEGORY}:* \n>${GUIDE}\n*Claimed loss:* PLN${NB}1,299.00\n*Approved on this case so far:* PLN${NB}500.00`,
    factsNoGuide: `This category has no compensation guide.\nThe customer claimed no amount.\n*Approved on this case so far:* PLN${NB}0.00`,
    labels: ['Kind', 'Amount (PLN)', 'Note for the approvers', 'What the customer asked for'],
    kinds: ['Refund', 'Discount', 'Voucher', 'Replacement', 'Free service', 'Goodwill gesture', 'Other'],
    rejectForm: ['Reject compensation', 'Why is it rejected?', 'Reject'],
    declineForm: ['Customer declined', 'What would the customer value instead?', 'Next'],
    declineContext: `The customer declined PLN${NB}500.00 (Refund). Next you can propose something else.`,
  },
  pl: {
    text: `Rekompensata w reklamacji #42: 500,00${NB}zł (Zwrot pieniędzy), proponuje <@${PROPOSER}>`,
    heading: `*:moneybag: Propozycja rekompensaty w reklamacji #42*\n<@${PROPOSER}> proponuje 500,00${NB}zł (Zwrot pieniędzy).`,
    fields: [`*Kwota*\n500,00${NB}zł`, '*Rodzaj*\nZwrot pieniędzy', `*Zatwierdzono w tej reklamacji*\n0,00${NB}zł`, `*Zgłoszona strata*\n1299,00${NB}zł`],
    fieldsNoLoss: [`*Kwota*\n500,00${NB}zł`, '*Rodzaj*\nZwrot pieniędzy', `*Zatwierdzono w tej reklamacji*\n0,00${NB}zł`, '*Zgłoszona strata*\nnie zgłoszono'],
    below: `:warning: Propozycja jest o 799,00${NB}zł niższa niż strata zgłoszona przez klienta (1299,00${NB}zł).`,
    details: `*Notatka*\n>Parcel crushed\n*Klient prosi o*\n>Money back\n*Wskazówka*\n>${GUIDE}`,
    approvers: `Zdecydować mogą: <@${LEAD}> i <@${HEAD}>`,
    approve: 'Zatwierdź',
    reject: 'Odrzuć',
    approved: (at) => `:white_check_mark: Zatwierdzona przez <@${HEAD}> (${at}).`,
    rejected: (at) => `:x: Odrzucona przez <@${HEAD}> (${at}): \n>Out of stock`,
    answerButtons: ['Zaproponowana klientowi', 'Przyjęta przez klienta', 'Odrzucona przez klienta'],
    card: `*Rekompensata*\nAktualna propozycja: 500,00${NB}zł (Zwrot pieniędzy), zatwierdzona\nZatwierdzono łącznie: 500,00${NB}zł`,
    cardDeclined: `*Rekompensata*\nAktualna propozycja: 500,00${NB}zł (Zwrot pieniędzy), zatwierdzona\nOdrzucona przez klienta\nZatwierdzono łącznie: 500,00${NB}zł`,
    modalTitle: 'Rekompensata #42',
    modalButtons: ['Zaproponuj', 'Anuluj'],
    facts: `*Wskazówka dla kategorii ${CATEGORY}:* \n>${GUIDE}\n*Zgłoszona strata:* 1299,00${NB}zł\n*Zatwierdzono dotąd w tej reklamacji:* 500,00${NB}zł`,
    factsNoGuide: `Ta kategoria nie ma wskazówki dotyczącej rekompensaty.\nKlient nie zgłasza straty.\n*Zatwierdzono dotąd w tej reklamacji:* 0,00${NB}zł`,
    labels: ['Rodzaj', 'Kwota (PLN)', 'Notatka dla osób zatwierdzających', 'O co prosi klient'],
    kinds: ['Zwrot pieniędzy', 'Rabat', 'Bon', 'Wymiana na nowy', 'Darmowa usługa', 'Gest dobrej woli', 'Inne'],
    rejectForm: ['Odrzuć rekompensatę', 'Dlaczego ją odrzucasz?', 'Odrzuć'],
    declineForm: ['Odmowa klienta', 'Co klient wolałby w zamian?', 'Dalej'],
    declineContext: `Propozycja odrzucona przez klienta: 500,00${NB}zł (Zwrot pieniędzy). W następnym kroku możesz zaproponować coś innego.`,
  },
  sv: {
    text: `Kompensation i ärende #42: 500,00${NB}PLN (Återbetalning), föreslagen av <@${PROPOSER}>`,
    heading: `*:moneybag: Förslag på kompensation i ärende #42*\n<@${PROPOSER}> föreslår 500,00${NB}PLN (Återbetalning).`,
    fields: [`*Belopp*\n500,00${NB}PLN`, '*Typ*\nÅterbetalning', `*Godkänt i ärendet*\n0,00${NB}PLN`, `*Uppgiven förlust*\n1${NB}299,00${NB}PLN`],
    fieldsNoLoss: [`*Belopp*\n500,00${NB}PLN`, '*Typ*\nÅterbetalning', `*Godkänt i ärendet*\n0,00${NB}PLN`, '*Uppgiven förlust*\ninget uppgivet'],
    below: `:warning: Erbjudandet ligger 799,00${NB}PLN under kundens uppgivna förlust på 1${NB}299,00${NB}PLN.`,
    details: `*Anteckning*\n>Parcel crushed\n*Kunden bad om*\n>Money back\n*Riktlinje*\n>${GUIDE}`,
    approvers: `Får besluta: <@${LEAD}> och <@${HEAD}>`,
    approve: 'Godkänn',
    reject: 'Avslå',
    approved: (at) => `:white_check_mark: Godkänt av <@${HEAD}>, ${at}.`,
    rejected: (at) => `:x: Avslaget av <@${HEAD}>, ${at}: \n>Out of stock`,
    answerButtons: ['Erbjuden', 'Tackade ja', 'Tackade nej'],
    card: `*Kompensation*\nAktuellt förslag: 500,00${NB}PLN (Återbetalning), godkänt\nGodkänt totalt: 500,00${NB}PLN`,
    cardDeclined: `*Kompensation*\nAktuellt förslag: 500,00${NB}PLN (Återbetalning), godkänt\nKunden tackade nej\nGodkänt totalt: 500,00${NB}PLN`,
    modalTitle: 'Kompensation #42',
    modalButtons: ['Föreslå', 'Avbryt'],
    facts: `*Riktlinje för ${CATEGORY}:* \n>${GUIDE}\n*Uppgiven förlust:* 1${NB}299,00${NB}PLN\n*Godkänt hittills i ärendet:* 500,00${NB}PLN`,
    factsNoGuide: `Den här kategorin har ingen riktlinje för kompensation.\nKunden har inte uppgett någon förlust.\n*Godkänt hittills i ärendet:* 0,00${NB}PLN`,
    labels: ['Typ', 'Belopp (PLN)', 'Anteckning till godkännarna', 'Vad kunden bad om'],
    kinds: ['Återbetalning', 'Rabatt', 'Värdebevis', 'Ersättningsvara', 'Kostnadsfri tjänst', 'Goodwillgest', 'Annat'],
    rejectForm: ['Avslå kompensation', 'Varför avslår du?', 'Avslå'],
    declineForm: ['Kunden tackade nej', 'Vad skulle kunden hellre vilja ha?', 'Nästa'],
    declineContext: `Kunden tackade nej till 500,00${NB}PLN (Återbetalning). I nästa steg kan du föreslå något annat.`,
  },
  ru: {
    text: `Компенсация по жалобе #42: 500,00${NB}PLN (Возврат денег), предлагает <@${PROPOSER}>`,
    heading: `*:moneybag: Предложена компенсация по жалобе #42*\n<@${PROPOSER}> предлагает 500,00${NB}PLN (Возврат денег).`,
    fields: [`*Сумма*\n500,00${NB}PLN`, '*Вид*\nВозврат денег', `*Одобрено по жалобе*\n0,00${NB}PLN`, `*Заявленный ущерб*\n1${NB}299,00${NB}PLN`],
    fieldsNoLoss: [`*Сумма*\n500,00${NB}PLN`, '*Вид*\nВозврат денег', `*Одобрено по жалобе*\n0,00${NB}PLN`, '*Заявленный ущерб*\nне указан'],
    below: `:warning: Предложение на 799,00${NB}PLN меньше ущерба, заявленного клиентом (1${NB}299,00${NB}PLN).`,
    details: `*Заметка*\n>Parcel crushed\n*Клиент просит*\n>Money back\n*Рекомендация*\n>${GUIDE}`,
    approvers: `Кто может решить: <@${LEAD}> и <@${HEAD}>`,
    approve: 'Одобрить',
    reject: 'Отклонить',
    approved: (at) => `:white_check_mark: Одобрено: <@${HEAD}>, ${at}.`,
    rejected: (at) => `:x: Отклонено: <@${HEAD}>, ${at}. Причина: \n>Out of stock`,
    answerButtons: ['Предложено клиенту', 'Клиент согласен', 'Клиент отказывается'],
    card: `*Компенсация*\nТекущее предложение: 500,00${NB}PLN (Возврат денег), одобрено\nВсего одобрено: 500,00${NB}PLN`,
    cardDeclined: `*Компенсация*\nТекущее предложение: 500,00${NB}PLN (Возврат денег), одобрено\nКлиент отказывается\nВсего одобрено: 500,00${NB}PLN`,
    modalTitle: 'Компенсация #42',
    modalButtons: ['Предложить', 'Отмена'],
    facts: `*Рекомендация для категории «${CATEGORY}»:* \n>${GUIDE}\n*Заявленный ущерб:* 1${NB}299,00${NB}PLN\n*Уже одобрено по этой жалобе:* 500,00${NB}PLN`,
    factsNoGuide: `У этой категории нет рекомендации по компенсации.\nСумма ущерба не указана.\n*Уже одобрено по этой жалобе:* 0,00${NB}PLN`,
    labels: ['Вид', 'Сумма (PLN)', 'Заметка для согласующих', 'Что просит клиент'],
    kinds: ['Возврат денег', 'Скидка', 'Ваучер', 'Замена товара', 'Бесплатная услуга', 'Жест доброй воли', 'Другое'],
    rejectForm: ['Отклонить компенсацию', 'Почему вы отклоняете предложение?', 'Отклонить'],
    declineForm: ['Отказ клиента', 'Что клиенту подошло бы взамен?', 'Далее'],
    declineContext: `Клиент отказывается от 500,00${NB}PLN (Возврат денег). Дальше вы сможете предложить что-то другое.`,
  },
};

/** What must not differ between languages: block types, block and action ids, values, styles, callback ids. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const key of ['type', 'block_id', 'action_id', 'value', 'style', 'callback_id', 'private_metadata', 'optional', 'max_length', 'multiline']) {
    if (key in object) kept[key] = object[key];
  }
  for (const key of ['blocks', 'elements', 'fields', 'accessory', 'element', 'options', 'initial_option']) {
    if (key in object) kept[key] = shape(object[key]);
  }
  return kept;
}

const sections = (blocks: readonly AnyBlock[]) => blocks.filter((b): b is SectionBlock => b.type === 'section');
const sectionTexts = (blocks: readonly AnyBlock[]) => sections(blocks).flatMap((s) => (s.text ? [s.text.text] : []));
const fieldTexts = (blocks: readonly AnyBlock[]) => sections(blocks).flatMap((s) => (s.fields ?? []).map((f) => f.text));
/** The buttons of the actions blocks: action id and label. */
function buttons(blocks: readonly AnyBlock[]): { actionId: string | undefined; text: string }[] {
  const all = JSON.parse(JSON.stringify(blocks)) as { type: string; elements?: { action_id?: string; text?: { text?: string } }[] }[];
  return all.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).map((e) => ({ actionId: e.action_id, text: e.text?.text ?? '' })) : []));
}
const inputs = (view: ModalView) => view.blocks.filter((b): b is InputBlock => b.type === 'input');

/** The same builder's output in every language must have one shape. */
function expectOneShape(build: (words: Words) => unknown): void {
  const [first, ...others] = LANGUAGES.map((language) => shape(build(wordsIn(language))));
  for (const other of others) expect(other).toEqual(first);
}

describe('the approval request', () => {
  it('has the same blocks and action ids in every language, pending, approved and rejected, with and without the gap', () => {
    for (const compensation of [pending, approved, rejected]) {
      for (const claimedLossMinor of [129_900, 30_000, null]) {
        for (const copy of ['channel', 'dm', 'nudge'] as const) {
          expectOneShape((words) => approvalRequestMessage(words, requestView({ compensation, claimedLossMinor, copy })).blocks);
        }
      }
    }
  });

  it.each(LANGUAGES)('%s: pending, below the claimed loss, says so plainly with both amounts', (language) => {
    const e = EXPECTED[language];
    const message = approvalRequestMessage(wordsIn(language), requestView());
    expectMessageWithinLimits(message);
    expect(message.text).toBe(e.text);
    const texts = sectionTexts(message.blocks);
    expect(texts.slice(0, 3)).toEqual([e.heading, e.below, e.details]);
    expect(texts).toContain(e.approvers);
    expect(fieldTexts(message.blocks)).toEqual(e.fields);
    expect(buttons(message.blocks)).toEqual([
      { actionId: ACTION_IDS.compApprove, text: e.approve },
      { actionId: ACTION_IDS.compReject, text: e.reject },
    ]);
  });

  it.each(LANGUAGES)('%s: an offer at or above the claimed loss, or with none claimed, has no gap line', (language) => {
    const e = EXPECTED[language];
    const words = wordsIn(language);
    const above = approvalRequestMessage(words, requestView({ claimedLossMinor: 30_000 }));
    const exact = approvalRequestMessage(words, requestView({ claimedLossMinor: 50_000 }));
    const none = approvalRequestMessage(words, requestView({ claimedLossMinor: null }));
    for (const message of [above, exact, none]) {
      expect(sectionTexts(message.blocks)).not.toContain(e.below);
      expect(sectionTexts(message.blocks).slice(0, 2)).toEqual([e.heading, e.details]);
    }
    const withGap = approvalRequestMessage(words, requestView());
    expect(above.blocks).toHaveLength(withGap.blocks.length - 1);
    expect(fieldTexts(none.blocks)).toEqual(e.fieldsNoLoss);
  });

  it.each(LANGUAGES)('%s: decided, the buttons give way to who decided and when; approved brings the customer’s answers', (language) => {
    const e = EXPECTED[language];
    const words = wordsIn(language);
    const at = words.dateTime(DECIDED_AT);
    const yes = approvalRequestMessage(words, requestView({ compensation: approved, approvedTotalMinor: 50_000 }));
    expect(sectionTexts(yes.blocks)).toContain(e.approved(at));
    expect(sectionTexts(yes.blocks)).not.toContain(e.approvers);
    expect(buttons(yes.blocks)).toEqual([
      { actionId: ACTION_IDS.compOffered, text: e.answerButtons[0] },
      { actionId: ACTION_IDS.compAccepted, text: e.answerButtons[1] },
      { actionId: ACTION_IDS.compDeclined, text: e.answerButtons[2] },
    ]);
    const no = approvalRequestMessage(words, requestView({ compensation: rejected }));
    expect(sectionTexts(no.blocks)).toContain(e.rejected(at));
    expect(buttons(no.blocks)).toEqual([]);
  });
});

describe('the card’s compensation section', () => {
  it('has one shape in every language, and nothing before anything was proposed', () => {
    expectOneShape((words) => compensationSection(words, { current: approved, approvedTotalMinor: 50_000 }));
    for (const language of LANGUAGES) expect(compensationSection(wordsIn(language), { approvedTotalMinor: 0 })).toBeUndefined();
  });

  it.each(LANGUAGES)('%s: the current proposal, its state, the customer’s answer and the approved total', (language) => {
    const e = EXPECTED[language];
    const words = wordsIn(language);
    expect(compensationSection(words, { current: approved, approvedTotalMinor: 50_000 })?.text?.text).toBe(e.card);
    expect(compensationSection(words, { current: { ...approved, customerAnswer: 'declined' }, approvedTotalMinor: 50_000 })?.text?.text).toBe(e.cardDeclined);
  });
});

describe('the proposal form', () => {
  const form = (words: Words, guide: string | undefined, claimedLossMinor: number | null, approvedTotalMinor: number) =>
    proposalModal(words, { caseId: pending.caseId, caseNumber: 42, categoryName: CATEGORY, ...(guide && { guide }), claimedLossMinor, approvedTotalMinor });

  it('has one shape in every language, with and without the guide', () => {
    expectOneShape((words) => form(words, GUIDE, 129_900, 50_000));
    expectOneShape((words) => form(words, undefined, null, 0));
  });

  it.each(LANGUAGES)('%s: shows the guide, the claimed loss and the approved total above its fields', (language) => {
    const e = EXPECTED[language];
    const words = wordsIn(language);
    const view = form(words, GUIDE, 129_900, 50_000);
    expectViewWithinLimits(view);
    expect(view.callback_id).toBe(PROPOSE_CALLBACK_ID);
    expect(view.private_metadata).toBe(pending.caseId);
    expect([view.title.text, view.submit?.text, view.close?.text]).toEqual([e.modalTitle, ...e.modalButtons]);
    expect(sectionTexts(view.blocks)).toEqual([e.facts]);
    expect(inputs(view).map((input) => input.label.text)).toEqual(e.labels);
    const kind = inputs(view)[0]?.element;
    expect(kind?.type === 'static_select' ? (kind.options ?? []).map((o) => o.text.text) : []).toEqual(e.kinds);
    expect(sectionTexts(form(words, undefined, null, 0).blocks)).toEqual([e.factsNoGuide]);
  });
});

describe('the reject-reason and declined forms', () => {
  it('have one shape in every language', () => {
    expectOneShape((words) => rejectModal(words, { compensationId: '17', caseNumber: 42, summary: 'Parcel arrived broken' }));
    expectOneShape((words) => declineModal(words, { compensationId: '17', summary: 'Parcel arrived broken' }));
  });

  it.each(LANGUAGES)('%s: ask why, and what the customer would value instead', (language) => {
    const e = EXPECTED[language];
    const words = wordsIn(language);
    const cancel = e.modalButtons[1];
    const reject = rejectModal(words, { compensationId: '17', caseNumber: 42, summary: 'Parcel arrived broken' });
    expectViewWithinLimits(reject);
    expect(reject).toMatchObject({ callback_id: REJECT_CALLBACK_ID, private_metadata: '17' });
    expect([reject.title.text, inputs(reject)[0]?.label.text, reject.submit?.text, reject.close?.text]).toEqual([...e.rejectForm, cancel]);
    expect(sectionTexts(reject.blocks)).toEqual(['Parcel arrived broken']);
    // The case's summary is a person's text: escaped, and left out when there is none.
    expect(sectionTexts(rejectModal(words, { compensationId: '17', caseNumber: 42, summary: '<!here> & <@U123>' }).blocks)).toEqual(['&lt;!here&gt; &amp; &lt;@U123&gt;']);
    expect(sectionTexts(rejectModal(words, { compensationId: '17', caseNumber: 42, summary: ' ' }).blocks)).toEqual([]);

    const context = words.t('comp.decline.context', { amount: words.amount(approved.amountMinor), kind: words.t('comp.kind.refund') });
    expect(context).toBe(e.declineContext);
    const decline = declineModal(words, { compensationId: '17', summary: context });
    expectViewWithinLimits(decline);
    expect(decline).toMatchObject({ callback_id: DECLINE_CALLBACK_ID, private_metadata: '17' });
    expect([decline.title.text, inputs(decline)[0]?.label.text, decline.submit?.text, decline.close?.text]).toEqual([...e.declineForm, cancel]);
    expect(sectionTexts(decline.blocks)).toEqual([e.declineContext]);
  });
});

describe('amount examples follow the currency’s decimals and the language', () => {
  it.each([
    ['en', 'PLN', 'Type the amount as a number, like 150 or 149.99, without the currency.'],
    ['pl', 'PLN', 'Wpisz kwotę jako liczbę, np. 150 lub 149,99, bez waluty.'],
    ['sv', 'JPY', 'Skriv beloppet som ett tal utan valuta, t.ex. 150 eller 1500.'],
    ['ru', 'KWD', 'Введите сумму числом, например 150 или 149,999, без валюты.'],
  ] as const)('%s with %s', (language, currency, expected) => {
    const words = createWords({ language, timeZone: 'Europe/Warsaw', currency });
    expect(amountRefusalText(words, { ok: false, code: 'not_a_number' })).toBe(expected);
  });

  it('the proposal form’s hint gives the same examples', () => {
    const words = createWords({ language: 'pl', timeZone: 'Europe/Warsaw', currency: 'JPY' });
    expect(amountExamples(words)).toBe('150 lub 1500');
    for (const example of ['150', '1500']) expect(parseAmount(example, 0)).toMatchObject({ ok: true });
    expect(parseAmount('149,999', 3)).toMatchObject({ ok: true });
  });
});
