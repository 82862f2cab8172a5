import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, MrkdwnElement, SectionBlock, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/config/policy-schema.js';
import type { CaseStatus } from '../../src/domain/case.js';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { caseCardBlocks, caseCardText, type CaseCardView } from '../../src/blocks/case-card.js';
import { createWords } from '../../src/i18n/words.js';
import { expectBlocksWithinLimits } from '../support/slack-limits.js';
import { ATTACK, ATTACK_ESCAPED, NOW, findUnsafe, makeCase } from './fixtures.js';

const words = createWords({ language: 'en', timeZone: 'Europe/Warsaw', currency: 'PLN' });

function view(overrides: Partial<CaseCardView> = {}): CaseCardView {
  return { case: makeCase(), categoryName: 'Late or damaged delivery', now: NOW, ...overrides };
}

const sections = (blocks: KnownBlock[]): SectionBlock[] => blocks.filter((b): b is SectionBlock => b.type === 'section');
const sectionTexts = (blocks: KnownBlock[]): string[] => sections(blocks).flatMap((s) => (s.text ? [s.text.text] : []));
const fieldTexts = (blocks: KnownBlock[]): string[] => sections(blocks).flatMap((s) => (s.fields ?? []).map((f) => f.text));
const field = (blocks: KnownBlock[], label: string): string | undefined =>
  fieldTexts(blocks).find((text) => text.startsWith(`*${label}*\n`))?.slice(label.length + 3);
const buttons = (blocks: KnownBlock[]): Button[] =>
  blocks.filter((b): b is ActionsBlock => b.type === 'actions').flatMap((b) => b.elements as Button[]);

describe('caseCardBlocks', () => {
  const blocks = caseCardBlocks(words, view());

  it('starts with the header Complaint #N', () => {
    expect(blocks[0]).toEqual<HeaderBlock>({ type: 'header', text: { type: 'plain_text', text: 'Complaint #42' } });
    expectBlocksWithinLimits(blocks);
  });

  it('shows the summary and the facts as fields', () => {
    expect(sectionTexts(blocks)).toContain('Parcel arrived broken');
    expect(field(blocks, 'Customer')).toBe('Anna Nowak\nanna@example.com');
    expect(field(blocks, 'Category')).toBe('Late or damaged delivery');
    expect(field(blocks, 'Severity')).toBe(':large_orange_circle: High');
    expect(field(blocks, 'Source')).toBe('Email');
    expect(field(blocks, 'Status')).toBe('Open');
    expect(field(blocks, 'Owner')).toBe('_Nobody yet_');
    expect(field(blocks, 'Reported by')).toBe('<@U0REP0001>');
    expect(field(blocks, 'Opened')).toBe('Mon, 23 Nov 2026, 14:05 CET');
    expect(field(blocks, 'Claimed loss')).toBe('PLN\u00a0123.45');
    expect(field(blocks, 'Escalated')).toBeUndefined();
  });

  it('shows the description quoted', () => {
    expect(sectionTexts(blocks)).toContain('*Description*\n>The box was crushed and the vase inside broke.');
  });

  it('mentions a valid owner, flags escalation and leaves out an absent loss', () => {
    const other = caseCardBlocks(words, view({ case: makeCase({ ownerId: 'U0OWN0001', escalated: true, claimedLossMinor: null }) }));
    expect(field(other, 'Owner')).toBe('<@U0OWN0001>');
    expect(field(other, 'Escalated')).toContain('Yes');
    expect(field(other, 'Claimed loss')).toBeUndefined();
  });

  it('names the staff involved, when there are any', () => {
    expect(field(blocks, 'Staff involved')).toBeUndefined();
    const involved = caseCardBlocks(words, view({ case: makeCase({ staffInvolvedIds: ['U0STAFF01', 'U0STAFF02'] }) }));
    expect(field(involved, 'Staff involved')).toBe('<@U0STAFF01> <@U0STAFF02>');
    expect(findUnsafe(caseCardBlocks(words, view({ case: makeCase({ staffInvolvedIds: ['!channel'] }) })))).toEqual([]);
  });

  it.each<[Language, string]>([
    ['en', 'Staff involved'],
    ['pl', 'Dotyczy pracowników'],
    ['sv', 'Berörd personal'],
    ['ru', 'Причастные сотрудники'],
  ])('labels the staff involved in %s', (language, label) => {
    const involved = caseCardBlocks(createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' }), view({ case: makeCase({ staffInvolvedIds: ['U0STAFF01'] }) }));
    expect(field(involved, label)).toBe('<@U0STAFF01>');
  });

  it('never mentions an owner id that is not a Slack user id', () => {
    const other = caseCardBlocks(words, view({ case: makeCase({ ownerId: '!channel' }) }));
    expect(field(other, 'Owner')).toBe('!channel');
    expect(findUnsafe(other)).toEqual([]);
  });

  it('escapes every typed text', () => {
    const risky = caseCardBlocks(words, 
      view({
        case: makeCase({ summary: ATTACK, customerName: ATTACK, customerContact: ATTACK, description: ATTACK }),
        categoryName: ATTACK,
        deadlines: [{ kind: 'first_response', dueAt: new Date('2026-11-23T16:00:00Z'), state: 'pending' }],
      }),
    );
    expect(sectionTexts(risky)).toContain(ATTACK_ESCAPED);
    expect(field(risky, 'Customer')).toBe(`${ATTACK_ESCAPED}\n${ATTACK_ESCAPED}`);
    expect(field(risky, 'Category')).toBe(ATTACK_ESCAPED);
    expect(findUnsafe(risky)).toEqual([]);
    expect(findUnsafe(caseCardText(words, view({ case: makeCase({ summary: ATTACK }) })))).toEqual([]);
  });

  it('keeps a 3000-character description, however many characters escaping adds, within the limits', () => {
    for (const description of ['x'.repeat(3000), '<'.repeat(3000), '&\n'.repeat(1500), '😀'.repeat(1500)]) {
      const long = caseCardBlocks(words, view({ case: makeCase({ description, summary: '>'.repeat(150), customerName: '&'.repeat(200), customerContact: '<'.repeat(200) }) }));
      expectBlocksWithinLimits(long);
      const text = sectionTexts(long).find((t) => t.startsWith('*Description*'));
      expect(text?.endsWith('…')).toBe(true);
    }
  });

  it('shows deadlines with time left and urgent markers', () => {
    const withDeadlines = caseCardBlocks(words, 
      view({
        deadlines: [
          { kind: 'first_response', dueAt: new Date('2026-11-23T15:45:00Z'), state: 'warning' },
          { kind: 'resolution', dueAt: new Date('2026-11-25T17:00:00Z'), state: 'pending' },
          { kind: 'first_response', dueAt: new Date('2026-11-23T13:40:00Z'), state: 'breached' },
          { kind: 'resolution', dueAt: new Date('2026-11-23T14:00:00Z'), state: 'met' },
        ],
      }),
    );
    const text = sectionTexts(withDeadlines).find((t) => t.startsWith('*Deadlines*'));
    expect(text).toBeDefined();
    const lines = text!.split('\n').slice(1);
    expect(lines[0]).toBe(':warning: *First response*: due Mon, 23 Nov 2026, 16:45 CET, *45 mins left*');
    expect(lines[1]).toBe(':hourglass_flowing_sand: *Resolution*: due Wed, 25 Nov 2026, 18:00 CET, 2 days 2 hrs left');
    expect(lines[2]).toBe(':rotating_light: *First response*: *overdue by 1 hr 20 mins* (was due Mon, 23 Nov 2026, 14:40 CET)');
    expect(lines[3]).toBe(':white_check_mark: *Resolution*: met (was due Mon, 23 Nov 2026, 15:00 CET)');
  });

  it('has no deadline section without deadlines', () => {
    expect(sectionTexts(blocks).some((t) => t.startsWith('*Deadlines*'))).toBe(false);
    expect(sectionTexts(caseCardBlocks(words, view({ deadlines: [] }))).some((t) => t.startsWith('*Deadlines*'))).toBe(false);
  });

  it.each<[CaseStatus, string[]]>([
    ['open', [ACTION_IDS.take, ACTION_IDS.responded, ACTION_IDS.resolve, ACTION_IDS.compPropose, ACTION_IDS.severity]],
    ['responded', [ACTION_IDS.take, ACTION_IDS.resolve, ACTION_IDS.compPropose, ACTION_IDS.severity]],
    ['resolved', [ACTION_IDS.take, ACTION_IDS.close, ACTION_IDS.compPropose, ACTION_IDS.severity]],
    ['closed', []],
  ])('shows the controls that make sense when %s', (status, actionIds) => {
    const card = caseCardBlocks(words, view({ case: makeCase({ status }) }));
    expect(buttons(card).map((b) => b.action_id)).toEqual(actionIds);
    expect(card.some((b) => b.type === 'actions')).toBe(actionIds.length > 0);
    expectBlocksWithinLimits(card);
  });

  it('labels the buttons and gives each the case id as value', () => {
    expect(buttons(blocks).filter((b) => b.type === 'button').map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      ['case_take', 'Take ownership', makeCase().id],
      ['case_responded', 'First response sent', makeCase().id],
      ['case_resolve', 'Resolve', makeCase().id],
      ['case_compensate', 'Propose compensation', makeCase().id],
    ]);
  });

  it('offers every severity, the current one selected, each option naming the case', () => {
    const select = buttons(blocks).find((b) => (b as { action_id?: string }).action_id === ACTION_IDS.severity) as unknown as StaticSelect;
    expect(select.options?.map((o) => o.value)).toEqual(['critical', 'high', 'normal', 'low'].map((s) => `${makeCase().id}:${s}`));
    expect(select.initial_option?.value).toBe(`${makeCase().id}:${makeCase().severity}`);
  });
});

describe('caseCardText', () => {
  it('names the case, its severity, status and summary', () => {
    expect(caseCardText(words, view())).toBe('Complaint #42 (High, Open): Parcel arrived broken');
  });

  it('escapes the summary', () => {
    expect(caseCardText(words, view({ case: makeCase({ summary: ATTACK }) }))).toBe(`Complaint #42 (High, Open): ${ATTACK_ESCAPED}`);
  });
});

describe('the card in each language', () => {
  const HOUR = 3_600_000;
  const card = (language: Language) =>
    caseCardBlocks(createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' }), {
      ...view({ case: makeCase({ escalated: true }) }),
      deadlines: [
        { kind: 'first_response', dueAt: new Date(NOW.getTime() + 2.5 * HOUR), state: 'warning' },
        { kind: 'resolution', dueAt: new Date(NOW.getTime() + 26 * HOUR + 5 * 60_000), state: 'pending' },
        { kind: 'first_response', dueAt: new Date(NOW.getTime() - 80 * 60_000), state: 'breached' },
      ],
    });
  /** Block types and ids, every action id and option value: what must not change with the language. */
  const shape = (blocks: KnownBlock[]) => ({
    blocks: blocks.map((b) => [b.type, b.block_id ?? null, b.type === 'section' ? (b.fields?.length ?? 0) : null]),
    controls: buttons(blocks).map((b) => [b.action_id, b.value ?? null, ((b as unknown as StaticSelect).options ?? []).map((o) => o.value)]),
  });
  const labels = (blocks: KnownBlock[]) => fieldTexts(blocks).map((text) => text.slice(1, text.indexOf('*\n')));
  const deadlineLines = (blocks: KnownBlock[]) => sectionTexts(blocks).find((t) => t.includes(':hourglass_flowing_sand:'))!.split('\n');
  const select = (blocks: KnownBlock[]) => buttons(blocks).find((b) => b.action_id === ACTION_IDS.severity) as unknown as StaticSelect;
  const context = (blocks: KnownBlock[]) => (blocks.at(-1) as ContextBlock).elements.map((e) => (e as MrkdwnElement).text)[0];

  const expected: Record<Language, { header: string; labels: string[]; heading: string; lines: string[]; buttons: string[]; menu: string; option: string; updated: RegExp; text: string; loss: string }> = {
    en: {
      header: 'Complaint #42',
      labels: ['Customer', 'Category', 'Severity', 'Source', 'Status', 'Escalated', 'Owner', 'Reported by', 'Opened', 'Claimed loss'],
      heading: '*Deadlines*',
      lines: [
        ':warning: *First response*: due Mon, 23 Nov 2026, 18:30 CET, *2 hrs 30 mins left*',
        ':hourglass_flowing_sand: *Resolution*: due Tue, 24 Nov 2026, 18:05 CET, 1 day 2 hrs left',
        ':rotating_light: *First response*: *overdue by 1 hr 20 mins* (was due Mon, 23 Nov 2026, 14:40 CET)',
      ],
      buttons: ['Take ownership', 'First response sent', 'Resolve', 'Propose compensation'],
      menu: 'Change severity',
      option: 'Severity: :large_orange_circle: High',
      updated: /^Updated Mon, 23 Nov 2026, 16:00 CET$/,
      text: 'Complaint #42 (High, Open): Parcel arrived broken',
      loss: 'PLN\u00a0123.45',
    },
    pl: {
      header: 'Reklamacja #42',
      labels: ['Klient', 'Kategoria', 'Priorytet', 'Źródło', 'Stan', 'Eskalacja', 'Opiekun', 'Zgłaszający', 'Otwarto', 'Zgłoszona strata'],
      heading: '*Terminy*',
      lines: [
        ':warning: *Pierwsza odpowiedź*: termin pon., 23 lis 2026, 18:30 CET (*zostało: 2 godz. 30 min*)',
        ':hourglass_flowing_sand: *Rozwiązanie*: termin wt., 24 lis 2026, 18:05 CET (zostało: 1 dzień 2 godz.)',
        ':rotating_light: *Pierwsza odpowiedź*: *1 godz. 20 min po terminie* (termin: pon., 23 lis 2026, 14:40 CET)',
      ],
      buttons: ['Przejmij', 'Pierwsza odpowiedź wysłana', 'Rozwiąż', 'Zaproponuj rekompensatę'],
      menu: 'Zmień priorytet',
      option: 'Priorytet: :large_orange_circle: Wysoki',
      updated: /^Zaktualizowano pon\., 23 lis 2026, 16:00 CET$/,
      text: 'Reklamacja #42 (Wysoki, Otwarta): Parcel arrived broken',
      loss: '123,45\u00a0zł',
    },
    sv: {
      header: 'Ärende #42',
      labels: ['Kund', 'Kategori', 'Prioritet', 'Källa', 'Ärendestatus', 'Eskalerat', 'Ansvarig', 'Anmält av', 'Öppnat', 'Uppgiven förlust'],
      heading: '*Tidsfrister*',
      lines: [
        ':warning: *Första svar*: senast mån 23 nov. 2026 18:30 CET, *2 tim 30 min kvar*',
        ':hourglass_flowing_sand: *Lösning*: senast tis 24 nov. 2026 18:05 CET, 1 d 2 tim kvar',
        ':rotating_light: *Första svar*: *1 tim 20 min över tiden* (tidsfrist mån 23 nov. 2026 14:40 CET)',
      ],
      buttons: ['Ta ärendet', 'Första svar skickat', 'Markera som löst', 'Föreslå kompensation'],
      menu: 'Ändra prioritet',
      option: 'Prioritet: :large_orange_circle: Hög',
      updated: /^Uppdaterat mån 23 nov\. 2026 16:00 CET$/,
      text: 'Ärende #42 (Hög, Öppet): Parcel arrived broken',
      loss: '123,45\u00a0PLN',
    },
    ru: {
      header: 'Жалоба #42',
      labels: ['Клиент', 'Категория', 'Приоритет', 'Источник', 'Статус', 'Эскалация', 'Ответственный', 'Автор обращения', 'Дата открытия', 'Заявленный ущерб'],
      heading: '*Сроки*',
      lines: [
        ':warning: *Первый ответ*: срок пн, 23 нояб. 2026 г., 18:30 CET (*осталось 2 ч 30 мин*)',
        ':hourglass_flowing_sand: *Решение*: срок вт, 24 нояб. 2026 г., 18:05 CET (осталось 1 дн. 2 ч)',
        ':rotating_light: *Первый ответ*: *просрочено на 1 ч 20 мин* (срок был пн, 23 нояб. 2026 г., 14:40 CET)',
      ],
      buttons: ['Взять на себя', 'Первый ответ отправлен', 'Решить', 'Предложить компенсацию'],
      menu: 'Изменить приоритет',
      option: 'Приоритет: :large_orange_circle: Высокий',
      updated: /^Обновлено пн, 23 нояб\. 2026 г\., 16:00 CET$/,
      text: 'Жалоба #42 (Высокий, Открыта): Parcel arrived broken',
      loss: '123,45\u00a0PLN',
    },
  };

  it.each(LANGUAGES)('%s: the same blocks, buttons and menu as in English', (language) => {
    const blocks = card(language);
    expect(shape(blocks)).toEqual(shape(card('en')));
    expectBlocksWithinLimits(blocks);
  });

  it.each(LANGUAGES)('%s: header, field labels, deadlines with time left, buttons and menu in the language', (language) => {
    const blocks = card(language);
    const want = expected[language];
    expect((blocks[0] as HeaderBlock).text.text).toBe(want.header);
    expect(labels(blocks)).toEqual(want.labels);
    expect(deadlineLines(blocks)).toEqual([want.heading, ...want.lines]);
    expect(buttons(blocks).filter((b) => b.type === 'button').map((b) => b.text.text)).toEqual(want.buttons);
    expect(select(blocks).placeholder?.text).toBe(want.menu);
    expect(select(blocks).initial_option?.text.text).toBe(want.option);
    expect(context(blocks)).toMatch(want.updated);
    expect(field(blocks, want.labels[9]!)).toBe(want.loss);
    expect(caseCardText(createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' }), view())).toBe(want.text);
  });

  it('says who owns the case, and that nobody does yet, in the language', () => {
    const polish = createWords({ language: 'pl', timeZone: 'Europe/Warsaw', currency: 'PLN' });
    expect(field(caseCardBlocks(polish, view()), 'Opiekun')).toBe('_Jeszcze nikt_');
    expect(field(caseCardBlocks(polish, view({ case: makeCase({ escalated: true }) })), 'Eskalacja')).toBe(':mega: Tak, kierownicy już się tym zajmują');
    const russian = createWords({ language: 'ru', timeZone: 'Europe/Warsaw', currency: 'PLN' });
    expect(field(caseCardBlocks(russian, view()), 'Ответственный')).toBe('_Пока никто_');
  });
});
