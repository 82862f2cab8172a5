/**
 * The sandbox's demo team and its policy file: responders, a lead and a head of service,
 * a reporter from the front desk, SLAs of minutes (a reminder and a breach happen while you
 * watch), open around the clock, and compensation a responder may approve up to a little,
 * the lead up to more. The policy's own words (categories, playbooks) are in the team's
 * language; everything the bot says comes from its catalogs anyway.
 */
import { stringify } from 'yaml';
import type { Language } from '../src/config/policy-schema.js';

export interface DemoPerson {
  readonly id: string;
  readonly name: string;
  /** What they are in the demo team, shown in the "Act as" switch. */
  readonly role: 'reporter' | 'responder' | 'lead' | 'head of service';
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { id: 'U0DEMORITA', name: 'Rita', role: 'reporter' },
  { id: 'U0DEMOALIC', name: 'Alice', role: 'responder' },
  { id: 'U0DEMOBRUN', name: 'Bruno', role: 'responder' },
  { id: 'U0DEMOLENA', name: 'Lena', role: 'lead' },
  { id: 'U0DEMOHENR', name: 'Henrik', role: 'head of service' },
];

export const DEMO_TEAM_CHANNEL_ID = 'C0DEMOTEAM';

/** Up to this a responder who owns the case approves; up to the next, the lead (in minor units' major amount, as the policy writes it). */
export const DEMO_OWNER_LIMIT = 100;
export const DEMO_LEAD_LIMIT = 1000;

interface Category {
  readonly id: string;
  readonly name: string;
  readonly playbook: readonly string[];
  readonly compensationGuide: string;
}

const CATEGORIES: Record<Language, readonly Category[]> = {
  en: [
    {
      id: 'delivery',
      name: 'Late or damaged delivery',
      playbook: ['Thank the customer', 'Confirm the facts', 'Apologise', 'Fix it', 'Confirm they are happy'],
      compensationGuide: 'Refund the delivery fee; add a voucher when the goods were damaged',
    },
    {
      id: 'billing',
      name: 'Wrong invoice or charge',
      playbook: ['Thank the customer', 'Check the invoice', 'Correct the charge', 'Confirm they are happy'],
      compensationGuide: 'Refund what was charged wrongly',
    },
  ],
  pl: [
    {
      id: 'delivery',
      name: 'Spóźniona lub uszkodzona dostawa',
      playbook: ['Podziękuj klientowi', 'Potwierdź fakty', 'Przeproś', 'Napraw problem', 'Upewnij się, że klient jest zadowolony'],
      compensationGuide: 'Zwróć koszt dostawy; przy uszkodzonym towarze dodaj bon',
    },
    {
      id: 'billing',
      name: 'Błędna faktura lub opłata',
      playbook: ['Podziękuj klientowi', 'Sprawdź fakturę', 'Popraw opłatę', 'Upewnij się, że klient jest zadowolony'],
      compensationGuide: 'Zwróć błędnie pobraną kwotę',
    },
  ],
  sv: [
    {
      id: 'delivery',
      name: 'Sen eller skadad leverans',
      playbook: ['Tacka kunden', 'Bekräfta vad som hänt', 'Be om ursäkt', 'Åtgärda felet', 'Kontrollera att kunden är nöjd'],
      compensationGuide: 'Återbetala fraktavgiften; lägg till ett presentkort om varan skadades',
    },
    {
      id: 'billing',
      name: 'Fel på faktura eller debitering',
      playbook: ['Tacka kunden', 'Kontrollera fakturan', 'Rätta debiteringen', 'Kontrollera att kunden är nöjd'],
      compensationGuide: 'Återbetala det som debiterats fel',
    },
  ],
  ru: [
    {
      id: 'delivery',
      name: 'Задержка или повреждение при доставке',
      playbook: ['Поблагодарить клиента', 'Уточнить факты', 'Извиниться', 'Исправить проблему', 'Убедиться, что клиент доволен'],
      compensationGuide: 'Вернуть стоимость доставки; при повреждённом товаре добавить купон',
    },
    {
      id: 'billing',
      name: 'Ошибка в счёте или списании',
      playbook: ['Поблагодарить клиента', 'Проверить счёт', 'Исправить списание', 'Убедиться, что клиент доволен'],
      compensationGuide: 'Вернуть ошибочно списанную сумму',
    },
  ],
};

const byRole = (role: DemoPerson['role']) => DEMO_PEOPLE.filter((person) => person.role === role).map((person) => person.id);

/** The policy file's text for the demo team speaking `language`. */
export function demoPolicy({ language }: { language: Language }): string {
  const policy = {
    team_channel: DEMO_TEAM_CHANNEL_ID,
    case_channels: 'public',
    language,
    responders: byRole('responder'),
    leads: byRole('lead'),
    timezone: 'Europe/Warsaw',
    // Open around the clock, so the minutes below pass whenever the sandbox runs.
    business_hours: '24/7',
    holidays: [],
    sla: {
      critical: { first_response: '2m', resolution: '10m' },
      high: { first_response: '3m', resolution: '15m' },
      normal: { first_response: '4m', resolution: '20m' },
      low: { first_response: '5m', resolution: '30m' },
    },
    warn_at: 0.5,
    follow_up_after: '10m',
    retro_due: '10m',
    currency: 'EUR',
    approval_tiers: [
      { up_to: DEMO_OWNER_LIMIT, approvers: ['owner'] },
      { up_to: DEMO_LEAD_LIMIT, approvers: byRole('lead') },
      { up_to: null, approvers: byRole('head of service') },
    ],
    categories: CATEGORIES[language].map((category) => ({
      id: category.id,
      name: category.name,
      playbook: [...category.playbook],
      compensation_guide: category.compensationGuide,
    })),
  };
  return `# The sandbox's demo team (written by npm run sandbox).\n${stringify(policy)}`;
}
