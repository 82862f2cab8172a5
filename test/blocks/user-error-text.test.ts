import { describe, expect, it } from 'vitest';
import { userErrorText } from '../../src/blocks/user-error-text.js';
import { checkAssignee, checkRequester } from '../../src/domain/access.js';
import { userError } from '../../src/domain/user-error.js';
import type { Language } from '../../src/config/policy-schema.js';
import { createWords } from '../../src/i18n/words.js';

const wordsIn = (language: Language) => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const en = wordsIn('en');
const workspace = { teamId: 'T0HOME001' };
const guest = { id: 'U1', teamId: 'T0HOME001', deleted: false, isBot: false, isRestricted: true, isUltraRestricted: false };

describe('userErrorText', () => {
  it('adds the mention and the command where they help', () => {
    expect(userErrorText(en, userError('already_owner', { caseNumber: 4, ownerId: 'U0AAA0001' }))).toBe('<@U0AAA0001> already owns case #4.');
    expect(userErrorText(en, userError('no_case_here', { verb: 'show' }))).toBe('This is not a case channel. Name the case: `/complaint show #42`.');
    expect(userErrorText(en, userError('empty_note'))).toBe('Write the note after the command: `/complaint note &lt;text&gt;`.');
    expect(userErrorText(en, userError('resolution_required'))).toBe('Say how it was resolved: `/complaint resolve &lt;how&gt;`.');
  });

  it('never builds a mention from an id that is not a user id', () => {
    expect(userErrorText(en, userError('already_owner', { caseNumber: 4, ownerId: '<!channel>' }))).toBe('That person already owns case #4.');
  });

  it('escapes a verb that came through a request', () => {
    expect(userErrorText(en, userError('no_case_here', { verb: '<!here>' }))).toBe('This is not a case channel. Name the case: `/complaint &lt;!here&gt; #42`.');
  });

  it('writes case numbers as names, never grouped like amounts', () => {
    expect(userErrorText(en, userError('case_closed', { caseNumber: 12345 }))).toBe('Case #12345 is closed. Reopen it first: `/complaint reopen`.');
    expect(userErrorText(wordsIn('pl'), userError('no_such_case', { caseNumber: 12345 }))).toBe('Nie ma reklamacji #12345.');
  });

  it('says the severity and the status in words', () => {
    expect(userErrorText(en, userError('same_severity', { caseNumber: 7, severity: 'high' }))).toBe('Case #7 is already High.');
    expect(userErrorText(en, userError('not_resolved', { caseNumber: 7, status: 'open' }))).toBe(
      'Case #7 is still open; only a resolved or closed case can be reopened.',
    );
  });
});

describe('user errors in every language', () => {
  it.each<[Language, string, string, string]>([
    ['en', 'Case #12 is closed. Reopen it first: `/complaint reopen`.', '<@U0AAA0001> already owns case #12.', 'Case #12 is already High.'],
    [
      'pl',
      'Reklamacja #12 jest zamknięta. Najpierw otwórz ją ponownie: `/complaint reopen`.',
      '<@U0AAA0001> jest już opiekunem reklamacji #12.',
      'Reklamacja #12 ma już priorytet Wysoki.',
    ],
    ['sv', 'Ärende #12 är stängt. Öppna det igen först: `/complaint reopen`.', '<@U0AAA0001> är redan ansvarig för ärende #12.', 'Ärende #12 har redan prioritet Hög.'],
    ['ru', 'Жалоба #12 закрыта. Сначала откройте её заново: `/complaint reopen`.', '<@U0AAA0001> уже отвечает за жалобу #12.', 'У жалобы #12 уже приоритет «Высокий».'],
  ])('%s: a closed case, an owner, a severity', (language, closed, owner, severity) => {
    const words = wordsIn(language);
    expect(userErrorText(words, userError('case_closed', { caseNumber: 12 }))).toBe(closed);
    expect(userErrorText(words, userError('already_owner', { caseNumber: 12, ownerId: 'U0AAA0001' }))).toBe(owner);
    expect(userErrorText(words, userError('same_severity', { caseNumber: 12, severity: 'high' }))).toBe(severity);
  });

  it.each<[Language, string, string]>([
    ['en', 'Write the note after the command: `/complaint note &lt;text&gt;`.', 'This is not a case channel. Name the case: `/complaint take #42`.'],
    ['pl', 'Napisz notatkę po komendzie: `/complaint note &lt;tekst&gt;`.', 'To nie jest kanał reklamacji. Podaj numer reklamacji: `/complaint take #42`.'],
    ['sv', 'Skriv anteckningen efter kommandot: `/complaint note &lt;anteckning&gt;`.', 'Det här är ingen ärendekanal. Ange ärendet: `/complaint take #42`.'],
    ['ru', 'Напишите заметку после команды: `/complaint note &lt;текст&gt;`.', 'Это не канал жалобы. Укажите жалобу: `/complaint take #42`.'],
  ])('%s: commands stay as typed, their placeholders and the sentence are in the language', (language, note, here) => {
    const words = wordsIn(language);
    expect(userErrorText(words, userError('empty_note'))).toBe(note);
    expect(userErrorText(words, userError('no_case_here', { verb: 'take' }))).toBe(here);
  });
});

describe('refusals of people in every language', () => {
  it.each<[Language, string, string]>([
    [
      'en',
      'Complaints hold customers’ names and contact details, so Anthill is not available to guest accounts. Ask a full member of the team to help.',
      'Complaints hold customers’ names and contact details: a guest account cannot own a case.',
    ],
    [
      'pl',
      'Reklamacje zawierają imiona, nazwiska i dane kontaktowe klientów, więc Anthill nie jest dostępny dla kont gości. Poproś o pomoc pełnoprawnego członka zespołu.',
      'Reklamacje zawierają imiona, nazwiska i dane kontaktowe klientów: konto gościa nie może być opiekunem reklamacji.',
    ],
    [
      'sv',
      'Ärenden innehåller kunders namn och kontaktuppgifter, så Anthill är inte tillgängligt för gästkonton. Be en fullvärdig medlem i teamet om hjälp.',
      'Ärenden innehåller kunders namn och kontaktuppgifter: ett gästkonto kan inte vara ansvarigt för ett ärende.',
    ],
    [
      'ru',
      'В жалобах есть имена и контакты клиентов, поэтому для гостевых аккаунтов Anthill недоступен. Попросите о помощи полноправного участника команды.',
      'В жалобах есть имена и контакты клиентов: гостевой аккаунт не может быть ответственным за жалобу.',
    ],
  ])('%s: a guest asking, and a guest named as owner', (language, asking, owning) => {
    const words = wordsIn(language);
    const asked = checkRequester(guest, workspace);
    const named = checkAssignee(guest, workspace);
    if (!asked || !named) throw new Error('a guest must be refused');
    expect(userErrorText(words, asked)).toBe(asking);
    expect(userErrorText(words, named)).toBe(owning);
  });

  it.each<[Language, string, string]>([
    ['en', 'Your Slack account is deactivated, so Anthill cannot show you complaints.', 'Anthill does not take requests from bots or apps.'],
    ['pl', 'Twoje konto w Slacku jest dezaktywowane, więc Anthill nie pokaże ci reklamacji.', 'Anthill nie przyjmuje próśb od botów ani aplikacji.'],
    ['sv', 'Ditt Slack-konto är inaktiverat, så Anthill kan inte visa ärenden för dig.', 'Anthill tar inte emot förfrågningar från botar eller appar.'],
    ['ru', 'Ваш аккаунт Slack деактивирован, поэтому Anthill не может показать вам жалобы.', 'Anthill не принимает запросы от ботов и приложений.'],
  ])('%s: a deactivated account and a bot, addressed as the reader', (language, deactivated, bot) => {
    const words = wordsIn(language);
    expect(userErrorText(words, userError('deactivated'))).toBe(deactivated);
    expect(userErrorText(words, userError('bot'))).toBe(bot);
  });

  it.each<[Language, RegExp]>([
    ['en', /another Slack workspace/],
    ['pl', /innej przestrzeni roboczej Slacka/],
    ['sv', /en annan Slack-arbetsyta/],
    ['ru', /другому рабочему пространству Slack/],
  ])('%s: other organisations, unknown accounts and another workspace are told so', (language, otherWorkspace) => {
    const words = wordsIn(language);
    expect(userErrorText(words, userError('other_workspace'))).toMatch(otherWorkspace);
    expect(userErrorText(words, userError('external'))).toContain('(Slack Connect)');
    expect(userErrorText(words, userError('unknown_user'))).toContain('Slack');
  });
});

describe('staff involved cannot own the case, and a stale checklist, in every language', () => {
  it.each<[Language, string, string, string]>([
    [
      'en',
      'You are named as staff involved in case #12, so you cannot own it: the person a complaint is about does not handle it. Ask a colleague to take it.',
      '<@U0STAFF01> is named as staff involved in case #12, so they cannot own it: the person a complaint is about does not handle it. Choose someone else.',
      'This checklist is out of date: the playbook of case #12 has changed. The card is being updated; tick the step again there.',
    ],
    [
      'pl',
      'Reklamacja #12 dotyczy ciebie, więc nie możesz zostać jej opiekunem: reklamacji nie prowadzi osoba, której ona dotyczy. Poproś kogoś z zespołu o przejęcie.',
      '<@U0STAFF01> jest wśród pracowników, których dotyczy reklamacja #12, więc nie może zostać jej opiekunem: reklamacji nie prowadzi osoba, której ona dotyczy. Wybierz kogoś innego.',
      'Ta lista kroków jest nieaktualna: procedura reklamacji #12 się zmieniła. Karta właśnie się odświeża – odhacz tam krok jeszcze raz.',
    ],
    [
      'sv',
      'Du står som berörd personal i ärende #12, så du kan inte vara ansvarig för det: den som klagomålet gäller ska inte hantera det själv. Be en kollega ta ärendet.',
      '<@U0STAFF01> står som berörd personal i ärende #12 och kan därför inte vara ansvarig för det: den som klagomålet gäller ska inte hantera det själv. Välj någon annan.',
      'Den här checklistan är inaktuell: arbetsgången för ärende #12 har ändrats. Kortet uppdateras nu; bocka av steget igen där.',
    ],
    [
      'ru',
      'Вы в числе сотрудников, причастных к жалобе #12, поэтому не можете за неё отвечать: жалобу не ведёт тот, кого она касается. Попросите коллегу взять её.',
      '<@U0STAFF01> — в числе сотрудников, причастных к жалобе #12, поэтому не может за неё отвечать: жалобу не ведёт тот, кого она касается. Выберите кого-нибудь другого.',
      'Этот список устарел: порядок действий по жалобе #12 изменился. Карточка сейчас обновится — отметьте шаг там ещё раз.',
    ],
  ])('%s', (language, self, other, outOfDate) => {
    const words = wordsIn(language);
    expect(userErrorText(words, userError('staff_cannot_own', { caseNumber: 12, personId: 'U0STAFF01', self: true }))).toBe(self);
    expect(userErrorText(words, userError('staff_cannot_own', { caseNumber: 12, personId: 'U0STAFF01', self: false }))).toBe(other);
    expect(userErrorText(words, userError('playbook_out_of_date', { caseNumber: 12 }))).toBe(outOfDate);
  });

  it('never mentions a staff id that is not a user id', () => {
    expect(userErrorText(en, userError('staff_cannot_own', { caseNumber: 3, personId: '!channel', self: false }))).toMatch(/^!channel is named/);
  });
});
