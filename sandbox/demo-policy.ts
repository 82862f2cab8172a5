import { writeFile } from 'node:fs/promises';
import { Document, isCollection, isNode } from 'yaml';
import type { Language } from '../src/config/policy-schema.js';

/** What a demo person does in the team, and so what the sandbox shows them. */
export type DemoRole = 'responder' | 'lead' | 'head_of_service' | 'reporter' | 'guest';

/** Someone in the sandbox's workspace; the sandbox creates them in the fake Slack and lets you act as them. */
export interface DemoPerson {
  /** Slack user id, as the demo policy names them. */
  readonly id: string;
  /** Slack's short name (`@alice`). */
  readonly handle: string;
  readonly realName: string;
  readonly role: DemoRole;
  /** A multi-channel guest, whom Anthill refuses. */
  readonly guest: boolean;
  /** What acting as them shows, for the sandbox page (English, like its other chrome). */
  readonly about: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    id: 'U0ALICE001',
    handle: 'alice',
    realName: 'Alice Andersen',
    role: 'responder',
    guest: false,
    about: 'Responder: invited into every case, takes cases and approves small compensation',
  },
  {
    id: 'U0BRUNO001',
    handle: 'bruno',
    realName: 'Bruno Berg',
    role: 'responder',
    guest: false,
    about: 'Responder: invited into every case, takes cases and approves small compensation',
  },
  {
    id: 'U0LENA0001',
    handle: 'lena',
    realName: 'Lena Lindqvist',
    role: 'lead',
    guest: false,
    about: 'Team lead: pulled in on escalation and missed deadlines, approves larger compensation',
  },
  {
    id: 'U0HENRIK01',
    handle: 'henrik',
    realName: 'Henrik Holm',
    role: 'head_of_service',
    guest: false,
    about: 'Head of service: approves compensation of any amount',
  },
  {
    id: 'U0RITA0001',
    handle: 'rita',
    realName: 'Rita Rossi',
    role: 'reporter',
    guest: false,
    about: 'Colleague from sales: reports complaints she hears about',
  },
  {
    id: 'U0GUS00001',
    handle: 'gus',
    realName: 'Gus Grant',
    role: 'guest',
    guest: true,
    about: 'Guest from an agency: Anthill refuses guests',
  },
];

/** A channel the sandbox creates in the fake Slack before the bot starts. */
export interface DemoChannel {
  readonly id: string;
  readonly name: string;
  readonly purpose: string;
}

/** The policy's `team_channel`, where new complaints are announced. */
export const DEMO_TEAM_CHANNEL: DemoChannel = {
  id: 'C0CUSTTEAM1',
  name: 'customer-team',
  purpose: 'The customer team: Anthill announces every new complaint here',
};

/** Where customers' messages land: a place to try the "Open a complaint" message shortcut. */
export const DEMO_INBOX_CHANNEL: DemoChannel = {
  id: 'C0SUPINBOX1',
  name: 'support-inbox',
  purpose: 'Messages from customers, forwarded by the help desk',
};

export const DEMO_CHANNELS: readonly DemoChannel[] = [DEMO_TEAM_CHANNEL, DEMO_INBOX_CHANNEL];

interface DemoCategory {
  readonly id: string;
  readonly name: string;
  readonly playbook: readonly string[];
  readonly compensation_guide: string;
}

/** What changes with the team's language: where the team is, its money, and its own words for its categories. */
export interface DemoLocale {
  readonly timezone: string;
  readonly currency: string;
  /** Up to this amount a responder (or the case owner) may approve compensation. */
  readonly responderLimit: number;
  /** Up to this amount the lead may; above it, the head of service. */
  readonly leadLimit: number;
  readonly categories: readonly DemoCategory[];
}

export const DEMO_LOCALES: Readonly<Record<Language, DemoLocale>> = {
  en: {
    timezone: 'Europe/London',
    currency: 'GBP',
    responderLimit: 50,
    leadLimit: 500,
    categories: [
      {
        id: 'delivery',
        name: 'Late or damaged delivery',
        playbook: ['Apologise and thank the customer', "Check the tracking and the parcel's photos", 'Send a replacement or refund', 'Confirm the customer is satisfied'],
        compensation_guide: 'Refund the delivery fee; add a voucher when the goods arrived damaged',
      },
      {
        id: 'billing',
        name: 'Wrong invoice or charge',
        playbook: ['Thank the customer', 'Check the invoice against the order', 'Correct the charge', 'Confirm the customer is satisfied'],
        compensation_guide: 'Refund the difference at once; a small voucher when the customer was charged twice',
      },
    ],
  },
  pl: {
    timezone: 'Europe/Warsaw',
    currency: 'PLN',
    responderLimit: 200,
    leadLimit: 2000,
    categories: [
      {
        id: 'delivery',
        name: 'Opóźniona lub uszkodzona dostawa',
        playbook: ['Przeproś i podziękuj klientowi', 'Sprawdź śledzenie przesyłki i zdjęcia paczki', 'Wyślij nowy towar lub zwróć pieniądze', 'Potwierdź, że klient jest zadowolony'],
        compensation_guide: 'Zwróć koszt dostawy; dodaj bon, gdy towar dotarł uszkodzony',
      },
      {
        id: 'billing',
        name: 'Błędna faktura lub obciążenie',
        playbook: ['Podziękuj klientowi', 'Porównaj fakturę z zamówieniem', 'Popraw obciążenie', 'Potwierdź, że klient jest zadowolony'],
        compensation_guide: 'Od razu zwróć różnicę; mały bon, gdy klient zapłacił dwa razy',
      },
    ],
  },
  sv: {
    timezone: 'Europe/Stockholm',
    currency: 'SEK',
    responderLimit: 500,
    leadLimit: 5000,
    categories: [
      {
        id: 'delivery',
        name: 'Försenad eller skadad leverans',
        playbook: ['Be om ursäkt och tacka kunden', 'Kontrollera spårningen och bilderna på paketet', 'Skicka en ersättning eller betala tillbaka', 'Bekräfta att kunden är nöjd'],
        compensation_guide: 'Betala tillbaka fraktavgiften; lägg till ett presentkort när varan kom fram skadad',
      },
      {
        id: 'billing',
        name: 'Fel faktura eller debitering',
        playbook: ['Tacka kunden', 'Jämför fakturan med beställningen', 'Rätta debiteringen', 'Bekräfta att kunden är nöjd'],
        compensation_guide: 'Betala tillbaka mellanskillnaden direkt; ett litet presentkort när kunden debiterats två gånger',
      },
    ],
  },
  ru: {
    timezone: 'Europe/Moscow',
    currency: 'RUB',
    responderLimit: 5000,
    leadLimit: 50000,
    categories: [
      {
        id: 'delivery',
        name: 'Доставка с опозданием или с повреждением',
        playbook: ['Извинитесь и поблагодарите клиента', 'Проверьте отслеживание и фото посылки', 'Отправьте замену или верните деньги', 'Убедитесь, что клиент доволен'],
        compensation_guide: 'Верните стоимость доставки; добавьте купон, если товар пришёл повреждённым',
      },
      {
        id: 'billing',
        name: 'Неверный счёт или списание',
        playbook: ['Поблагодарите клиента', 'Сверьте счёт с заказом', 'Исправьте списание', 'Убедитесь, что клиент доволен'],
        compensation_guide: 'Сразу верните разницу; небольшой купон, если деньги списали дважды',
      },
    ],
  },
};

/**
 * Minutes instead of hours, so that within a few minutes of opening a case its owner gets
 * a reminder and, left alone, the lead hears of a missed deadline. `warn_at` 0.5 sends
 * the reminder halfway: after a minute for a critical case, 2.5 minutes for a normal one.
 */
const DEMO_SLA = {
  critical: { first_response: '2m', resolution: '10m' },
  high: { first_response: '3m', resolution: '15m' },
  normal: { first_response: '5m', resolution: '30m' },
  low: { first_response: '10m', resolution: '1h' },
};

function peopleWithRole(role: DemoRole): DemoPerson[] {
  return DEMO_PEOPLE.filter((person) => person.role === role);
}

/**
 * The demo team's `anthill.yml` in `language`: the demo people in their roles, the team
 * channel, short deadlines, business hours around the clock (so deadlines run at any
 * hour the sandbox is tried), approval tiers rising from the responders to the lead to
 * the head of service, and two categories with playbooks, in the team's language.
 *
 * @example
 * parsePolicy(demoPolicyYaml('pl')).language; // 'pl'
 */
export function demoPolicyYaml(language: Language): string {
  const locale = DEMO_LOCALES[language];
  const responders = peopleWithRole('responder');
  const leads = peopleWithRole('lead');
  const heads = peopleWithRole('head_of_service');
  const ids = (people: readonly DemoPerson[]): string[] => people.map((person) => person.id);
  const document = new Document({
    team_channel: DEMO_TEAM_CHANNEL.id,
    case_channels: 'public',
    language,
    responders: ids(responders),
    leads: ids(leads),
    timezone: locale.timezone,
    business_hours: '24/7',
    sla: DEMO_SLA,
    warn_at: 0.5,
    follow_up_after: '3m',
    retro_due: '10m',
    currency: locale.currency,
    approval_tiers: [
      { up_to: locale.responderLimit, approvers: ['owner', ...ids(responders)] },
      { up_to: locale.leadLimit, approvers: ids(leads) },
      { up_to: null, approvers: ids(heads) },
    ],
    categories: locale.categories,
  });
  document.commentBefore =
    " The sandbox demo team's policy, written by `npm run sandbox`. anthill.example.yml explains every setting.";
  annotate(document, ['team_channel'], `#${DEMO_TEAM_CHANNEL.name}`);
  annotate(document, ['responders'], names(responders));
  annotate(document, ['leads'], names(leads));
  for (const severity of Object.keys(DEMO_SLA)) annotate(document, ['sla', severity]);
  annotate(document, ['approval_tiers', 0], `the case owner and the responders: ${names(responders)}`);
  annotate(document, ['approval_tiers', 1], `the lead: ${names(leads)}`);
  annotate(document, ['approval_tiers', 2], `the head of service, any amount: ${names(heads)}`);
  return document.toString({ flowCollectionPadding: false });
}

function names(people: readonly DemoPerson[]): string {
  return people.map((person) => person.realName).join(', ');
}

/**
 * Writes the setting at `path` on one line (`{ first_response: 2m, resolution: 10m }`),
 * with `comment` after it, so the file reads like anthill.example.yml and names whom
 * each id stands for.
 */
function annotate(document: Document, path: readonly (string | number)[], comment?: string): void {
  const node = document.getIn(path, true);
  if (isCollection(node)) node.flow = true;
  if (isNode(node) && comment !== undefined) node.comment = ` ${comment}`;
}

/** Writes the demo policy for `language` to `path`, for the bot's `ANTHILL_CONFIG`. */
export async function writeDemoPolicy(path: string, language: Language): Promise<void> {
  await writeFile(path, demoPolicyYaml(language), 'utf8');
}
