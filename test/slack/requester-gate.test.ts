import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/config/policy-schema.js';
import type { SlackAccount } from '../../src/domain/access.js';
import { createWords } from '../../src/i18n/words.js';
import { requesterGate } from '../../src/slack/requester-gate.js';

const member: SlackAccount = { id: 'U0GUEST01', teamId: 'T0HOME001', deleted: false, isBot: false, isRestricted: false, isUltraRestricted: false };

type GateArgs = Parameters<ReturnType<typeof requesterGate>>[0];

function gate(language: Language, account: SlackAccount | undefined | Error) {
  return requesterGate({
    accounts: { lookup: async () => (account instanceof Error ? Promise.reject(account) : account) },
    workspace: { teamId: 'T0HOME001' },
    logger: pino({ level: 'silent' }),
    words: createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' }),
  });
}

/** Runs the gate on a slash command and returns what it acknowledged, and whether a listener ran. */
async function refusalOfCommand(language: Language, account: SlackAccount | undefined | Error) {
  const acks: unknown[] = [];
  let passed = false;
  const args = {
    command: { text: '' },
    context: { userId: 'U0GUEST01', teamId: 'T0HOME001' },
    ack: async (answer: unknown) => void acks.push(answer),
    next: async () => void (passed = true),
  } as unknown as GateArgs;
  await gate(language, account)(args);
  return { acks, passed };
}

describe('the requester gate speaks the team’s language', () => {
  it.each<[Language, string]>([
    ['en', 'Complaints hold customers’ names and contact details, so Anthill is not available to guest accounts. Ask a full member of the team to help.'],
    ['pl', 'Reklamacje zawierają imiona, nazwiska i dane kontaktowe klientów, więc Anthill nie jest dostępny dla kont gości. Poproś o pomoc pełnoprawnego członka zespołu.'],
    ['sv', 'Ärenden innehåller kunders namn och kontaktuppgifter, så Anthill är inte tillgängligt för gästkonton. Be en fullvärdig medlem i teamet om hjälp.'],
    ['ru', 'В жалобах есть имена и контакты клиентов, поэтому для гостевых аккаунтов Anthill недоступен. Попросите о помощи полноправного участника команды.'],
  ])('%s: a guest’s command is refused privately and runs nothing', async (language, text) => {
    const { acks, passed } = await refusalOfCommand(language, { ...member, isRestricted: true });
    expect(passed).toBe(false);
    expect(acks).toEqual([{ response_type: 'ephemeral', text }]);
  });

  it.each<[Language, string]>([
    ['en', 'Anthill could not check your Slack account just now. Please try again in a moment.'],
    ['pl', 'Anthill nie może teraz sprawdzić twojego konta w Slacku. Spróbuj ponownie za chwilę.'],
    ['sv', 'Anthill kunde inte kontrollera ditt Slack-konto just nu. Försök igen om en stund.'],
    ['ru', 'Anthill не смог сейчас проверить ваш аккаунт Slack. Попробуйте ещё раз чуть позже.'],
  ])('%s: says so when Slack cannot be asked', async (language, text) => {
    const { acks, passed } = await refusalOfCommand(language, new Error('users.info failed'));
    expect(passed).toBe(false);
    expect(acks).toEqual([{ response_type: 'ephemeral', text }]);
  });

  it('answers a refused form submission with a modal in the language', async () => {
    const acks: unknown[] = [];
    const args = {
      view: {},
      body: { type: 'view_submission' },
      context: { userId: 'U0GUEST01', teamId: 'T0HOME001' },
      ack: async (answer: unknown) => void acks.push(answer),
      next: async () => undefined,
    } as unknown as GateArgs;
    await gate('pl', { ...member, teamId: 'T0OTHER01' })(args);
    expect(acks).toEqual([
      {
        response_action: 'update',
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'Anthill' },
          close: { type: 'plain_text', text: 'Zamknij' },
          blocks: [{ type: 'section', text: { type: 'plain_text', text: expect.stringContaining('z innych organizacji (Slack Connect)') } }],
        },
      },
    ]);
  });

  it('lets a full member through', async () => {
    const { acks, passed } = await refusalOfCommand('pl', member);
    expect(passed).toBe(true);
    expect(acks).toEqual([]);
  });
});
