import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { ConfigError } from '../../src/config/config-error.js';
import { parsePolicy } from '../../src/config/policy.js';
import { COMPENSATION_GUIDE_MAX } from '../../src/config/policy-schema.js';

const HOUR = 3_600_000;
const exampleText = readFileSync(new URL('../../anthill.example.yml', import.meta.url), 'utf8');
const fixtureText = readFileSync(new URL('../fixtures/anthill.test.yml', import.meta.url), 'utf8');

/** The fixture as plain data, to break one setting at a time. */
function validSettings(): Record<string, unknown> {
  return parseDocument(fixtureText).toJS() as Record<string, unknown>;
}

/** The one-line ConfigError `parsePolicy` throws for `text`. */
function errorFor(text: string): ConfigError {
  try {
    parsePolicy(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).not.toMatch(/\n/);
    return error as ConfigError;
  }
  throw new Error('expected parsePolicy to throw');
}

/** The message for the fixture with `change` applied to its settings. */
function messageWhen(change: (settings: Record<string, unknown>) => void): string {
  const settings = validSettings();
  change(settings);
  return errorFor(stringify(settings)).message;
}

describe('parsePolicy', () => {
  it('parses the shipped example file', () => {
    const policy = parsePolicy(exampleText);
    expect(policy.teamChannel).toBe('C0TEAM0001');
    expect(policy.caseChannels).toBe('public');
    expect(policy.language).toBe('en');
    expect(policy.responders).toEqual(['U0AAA0001', 'S0GRP0001']);
    expect(policy.leads).toEqual(['U0LEAD001']);
    expect(policy.calendar.timeZone).toBe('Europe/Warsaw');
    expect(policy.calendar.hours.kind).toBe('weekly');
    expect(policy.calendar.holidays).toEqual(['2026-12-24', '2026-12-25']);
    expect(policy.sla.critical).toEqual({
      firstResponse: { days: 0, milliseconds: HOUR },
      resolution: { days: 0, milliseconds: 8 * HOUR },
    });
    expect(policy.sla.high.resolution).toEqual({ days: 1, milliseconds: 0 });
    expect(policy.sla.low).toEqual({ firstResponse: { days: 1, milliseconds: 0 }, resolution: { days: 5, milliseconds: 0 } });
    expect(policy.warnAt).toBe(0.75);
    expect(policy.followUpAfter).toEqual({ days: 2, milliseconds: 0 });
    expect(policy.retroDue).toEqual({ days: 1, milliseconds: 0 });
    expect(policy.currency).toBe('PLN');
    expect(policy.currencyDigits).toBe(2);
    expect(policy.approvalTiers).toEqual([
      { upToMinor: 20_000, approvers: ['owner'] },
      { upToMinor: 200_000, approvers: ['U0LEAD001'] },
      { upToMinor: null, approvers: ['U0HEAD001'] },
    ]);
    expect(policy.categories).toHaveLength(1);
    expect(policy.categories[0]).toMatchObject({ id: 'delivery', name: 'Late or damaged delivery' });
    expect(policy.categories[0]?.playbook).toHaveLength(7);
    expect(policy.categories[0]?.compensationGuide).toBe('Refund the delivery fee; add a voucher when the goods were damaged');
  });

  it('speaks English unless the file names another language', () => {
    expect(parsePolicy(fixtureText).language).toBe('en');
    const settings = validSettings();
    settings.language = 'en';
    expect(parsePolicy(stringify(settings)).language).toBe('en');
  });

  it('speaks Polish, Swedish and Russian when asked, and refuses a language it has no catalog for', () => {
    for (const language of ['pl', 'sv', 'ru']) {
      const settings = validSettings();
      settings.language = language;
      expect(parsePolicy(stringify(settings)).language).toBe(language);
    }
    const settings = validSettings();
    settings.language = 'de';
    expect(() => parsePolicy(stringify(settings))).toThrow('language: "de" is not one of en, pl, sv, ru');
  });

  it('parses the integration-test fixture', () => {
    const policy = parsePolicy(fixtureText);
    expect(policy.calendar).toEqual({ timeZone: 'Europe/Warsaw', hours: { kind: 'always' }, holidays: [] });
    expect(policy.categories.map((category) => category.id)).toEqual(['delivery', 'billing']);
    expect(policy.sla.normal.firstResponse).toEqual({ days: 0, milliseconds: 4 * HOUR });
  });

  it('defaults holidays to none and a playbook to no steps', () => {
    const settings = validSettings();
    delete settings.holidays;
    (settings.categories as Record<string, unknown>[]).forEach((category) => delete category.playbook);
    const policy = parsePolicy(stringify(settings));
    expect(policy.calendar.holidays).toEqual([]);
    expect(policy.categories[0]?.playbook).toEqual([]);
  });

  it('makes case channels public unless the file says private', () => {
    expect(parsePolicy(fixtureText).caseChannels).toBe('public');
    const settings = validSettings();
    settings.case_channels = 'private';
    expect(parsePolicy(stringify(settings)).caseChannels).toBe('private');
  });

  it('accepts holidays that YAML 1.1 turned into dates', () => {
    const text = `%YAML 1.1\n---\n${fixtureText.replace('holidays: []', 'holidays: [2026-12-24, "2026-12-25"]')}`;
    expect(parsePolicy(text).calendar.holidays).toEqual(['2026-12-24', '2026-12-25']);
  });

  describe('approval limits in minor units', () => {
    /** The fixture with its tiers' limits written as `limits` (YAML source) and `currency`. */
    function tiersFor(currency: string, limits: string[]): readonly (number | null)[] {
      const tiers = limits.map((limit, index) => `  - { up_to: ${limit}, approvers: [U0LEAD00${index}] }`).join('\n');
      const text = fixtureText
        .replace('currency: PLN', `currency: ${currency}`)
        .replace(/approval_tiers:\n(?: {2}- .*\n)+/, `approval_tiers:\n${tiers}\n`);
      return parsePolicy(text).approvalTiers.map((tier) => tier.upToMinor);
    }

    it.each<[string, string[], (number | null)[]]>([
      ['PLN', ['200', '2000', 'null'], [20_000, 200_000, null]],
      ['PLN', ['199.99', '200', 'null'], [19_999, 20_000, null]],
      ['PLN', ['0.01', '0.02', 'null'], [1, 2, null]],
      ['PLN', ['199.9', 'null'], [19_990, null]],
      ['PLN', ['"1 500,50"', 'null'], [150_050, null]],
      ['PLN', ['1000000000', 'null'], [100_000_000_000, null]],
      ['JPY', ['20000', 'null'], [20_000, null]],
      ['KWD', ['1.5', '2.125', 'null'], [1500, 2125, null]],
      ['EUR', ['null'], [null]],
    ])('%s %j become %j', (currency, limits, minor) => {
      expect(tiersFor(currency, limits)).toEqual(minor);
    });

    it.each<[string, string[], string]>([
      ['PLN', ['199.999', 'null'], 'approval_tiers[0].up_to: 199.999 has more decimals than PLN has (2)'],
      // As a float this is 200: the limit is read from the file's text, not from a number.
      ['PLN', ['199.9999999999999999', 'null'], 'approval_tiers[0].up_to: 199.9999999999999999 has more decimals than PLN has (2)'],
      ['JPY', ['100', '200.5', 'null'], 'approval_tiers[1].up_to: 200.5 has more decimals than JPY has (0)'],
      ['KWD', ['1.0001', 'null'], 'approval_tiers[0].up_to: 1.0001 has more decimals than KWD has (3)'],
      ['PLN', ['0', 'null'], 'approval_tiers[0].up_to: must be above zero'],
      ['PLN', ['0.00', 'null'], 'approval_tiers[0].up_to: must be above zero'],
      ['PLN', ['-0.01', 'null'], 'approval_tiers[0].up_to: must be above zero'],
      ['PLN', ['200', '200.00', 'null'], 'approval_tiers[1].up_to: must be greater than the tier before (200)'],
      ['PLN', ['199.99', '199.990', 'null'], 'approval_tiers[1].up_to: 199.990 has more decimals than PLN has (2)'],
      ['PLN', ['200.01', '200', 'null'], 'approval_tiers[1].up_to: must be greater than the tier before (200.01)'],
      ['PLN', ['100', '200', '150', 'null'], 'approval_tiers[2].up_to: must be greater than the tier before (200)'],
      ['PLN', ['1000000000.01', 'null'], 'approval_tiers[0].up_to: must be at most 1000000000 (the largest amount Anthill accepts)'],
      ['JPY', ['100000000001', 'null'], 'approval_tiers[0].up_to: must be at most 100000000000 (the largest amount Anthill accepts)'],
      ['PLN', ['1e3', 'null'], 'approval_tiers[0].up_to: must be an amount like 2000 or 199.99, or null (no upper limit), not "1e3"'],
      ['PLN', ['0x10', 'null'], 'approval_tiers[0].up_to: must be an amount like 2000 or 199.99, or null (no upper limit), not "0x10"'],
      ['PLN', ['.inf', 'null'], 'approval_tiers[0].up_to: must be an amount like 2000 or 199.99, or null (no upper limit), not ".inf"'],
      ['PLN', ['200 PLN', 'null'], 'approval_tiers[0].up_to: must be an amount like 2000 or 199.99, or null (no upper limit), not "200 PLN"'],
      ['PLN', ['true', 'null'], 'approval_tiers[0].up_to: must be an amount like 2000 or 199.99, or null (no upper limit), not true'],
      ['PLN', ['[200]', 'null'], 'approval_tiers[0].up_to: must be an amount like 2000 or 199.99, or null (no upper limit), not a list'],
      ['PLN', ['200', 'null', '300'], 'approval_tiers[1].up_to: only the last tier may be null (no upper limit)'],
      ['PLN', ['200', '300'], 'approval_tiers[1].up_to: the last tier must be null (no upper limit) so every amount has approvers'],
    ])('%s %j: %s', (currency, limits, message) => {
      expect(() => tiersFor(currency, limits)).toThrow(new ConfigError(message));
    });

    it('reads a limit reached through a YAML alias like one written in place', () => {
      expect(() => tiersFor('PLN', ['&limit 199.99', '*limit', 'null'])).toThrow(
        new ConfigError('approval_tiers[1].up_to: must be greater than the tier before (199.99)'),
      );
    });

    it('refuses a currency Intl does not know, whose decimals would be a guess', () => {
      expect(messageWhen((s) => (s.currency = 'ZZZ'))).toBe('currency: "ZZZ" is not an ISO 4217 currency code known to Intl');
    });
  });

  describe('compensation guide', () => {
    const category = (s: Record<string, unknown>): Record<string, unknown> => (s.categories as Record<string, unknown>[])[0]!;

    it('is optional and trimmed', () => {
      const settings = validSettings();
      category(settings).compensation_guide = '  Refund the delivery fee plus a 50 PLN voucher \n';
      const policy = parsePolicy(stringify(settings));
      expect(policy.categories[0]?.compensationGuide).toBe('Refund the delivery fee plus a 50 PLN voucher');
      expect(policy.categories[1]?.compensationGuide).toBeUndefined();
    });

    it('accepts exactly the longest guide', () => {
      const settings = validSettings();
      category(settings).compensation_guide = 'x'.repeat(COMPENSATION_GUIDE_MAX);
      expect(parsePolicy(stringify(settings)).categories[0]?.compensationGuide).toHaveLength(COMPENSATION_GUIDE_MAX);
    });

    it.each<[string, unknown, string]>([
      ['too long', 'x'.repeat(COMPENSATION_GUIDE_MAX + 1), `categories[0].compensation_guide: must be at most ${COMPENSATION_GUIDE_MAX} characters (it is shown in the compensation form and the approval request)`],
      ['empty', '   ', 'categories[0].compensation_guide: must not be empty (leave the setting out instead)'],
      ['a list', ['Refund'], 'categories[0].compensation_guide: must be text, not a list'],
      ['a number', 50, 'categories[0].compensation_guide: must be text, not 50'],
    ])('refuses a guide that is %s', (_name, guide, message) => {
      expect(messageWhen((s) => (category(s).compensation_guide = guide))).toBe(message);
    });
  });

  describe('errors', () => {
    it.each<[string, (settings: Record<string, unknown>) => void, string]>([
      ['an unknown top-level key', (s) => (s.foo = 1), 'foo: unknown setting'],
      [
        'a typo, rather than the setting it makes missing',
        (s) => {
          s.team_chanel = s.team_channel;
          delete s.team_channel;
        },
        'team_chanel: unknown setting',
      ],
      ['an unknown nested key', (s) => ((s.sla as Record<string, Record<string, unknown>>).high!.warn = '1h'), 'sla.high.warn: unknown setting'],
      ['a missing setting', (s) => delete s.currency, 'currency: required'],
      ['a channel name instead of an id', (s) => (s.team_channel = '#support'), 'team_channel: "#support" is not a Slack channel id like C0TEAM0001'],
      ['case channels neither public nor private', (s) => (s.case_channels = 'secret'), 'case_channels: "secret" is not public or private'],
      ['an unknown language', (s) => (s.language = 'de'), 'language: "de" is not one of en, pl, sv, ru'],
      ['a language written as a name', (s) => (s.language = 'Polish'), 'language: "Polish" is not one of en, pl, sv, ru'],
      ['case channels as a yes/no', (s) => (s.case_channels = true), 'case_channels: must be text, not true'],
      ['no responders', (s) => (s.responders = []), 'responders: must list at least one user or user group'],
      [
        'a responder that is not an id',
        (s) => (s.responders = ['U0AAA0001', '@anna']),
        'responders[1]: "@anna" is not a Slack user id (U… or W…) or user group id (S…)',
      ],
      ['a user group as a lead', (s) => (s.leads = ['S0GRP0001']), 'leads[0]: "S0GRP0001" is not a Slack user id (U… or W…)'],
      ['an unknown time zone', (s) => (s.timezone = 'Mars/Base'), 'timezone: "Mars/Base" is not a known time zone'],
      [
        'business hours without minutes',
        (s) => (s.business_hours = 'Mon-Fri 9-17'),
        'business_hours: "Mon-Fri 9-17" is not like Mon-Fri 09:00-17:00 or 24/7',
      ],
      ['an impossible holiday', (s) => (s.holidays = ['2026-02-30']), 'holidays[0]: "2026-02-30" is not a date like 2026-12-24'],
      [
        'a spelled-out duration',
        (s) => ((s.sla as Record<string, Record<string, unknown>>).high!.first_response = '2 hours'),
        'sla.high.first_response: "2 hours" is not a duration like 2h or 90m',
      ],
      [
        'a duration without a unit',
        (s) => ((s.sla as Record<string, Record<string, unknown>>).low!.resolution = 90),
        'sla.low.resolution: must be a duration like 2h or 90m, not 90',
      ],
      ['a zero duration', (s) => (s.follow_up_after = '0m'), 'follow_up_after: "0m" is not a duration like 2h or 90m'],
      ['a missing severity', (s) => delete (s.sla as Record<string, unknown>).normal, 'sla.normal: required'],
      ['a missing deadline', (s) => delete (s.sla as Record<string, Record<string, unknown>>).critical!.resolution, 'sla.critical.resolution: required'],
      ['warn_at of 1', (s) => (s.warn_at = 1), "warn_at: 1 is not between 0 and 1 (a share of the deadline's window, like 0.75)"],
      ['warn_at as a percentage', (s) => (s.warn_at = '75%'), 'warn_at: must be a number, not "75%"'],
      ['a lowercase currency', (s) => (s.currency = 'pln'), 'currency: "pln" is not a currency code like PLN or EUR (ISO 4217, uppercase)'],
      ['no approval tiers', (s) => (s.approval_tiers = []), 'approval_tiers: must list at least one tier'],
      [
        'tiers out of order',
        (s) => (s.approval_tiers = [{ up_to: 200, approvers: ['owner'] }, { up_to: 100, approvers: ['U0LEAD001'] }, { up_to: null, approvers: ['U0HEAD001'] }]),
        'approval_tiers[1].up_to: must be greater than the tier before (200)',
      ],
      [
        'an unlimited tier before the last',
        (s) => (s.approval_tiers = [{ up_to: null, approvers: ['owner'] }, { up_to: null, approvers: ['U0HEAD001'] }]),
        'approval_tiers[0].up_to: only the last tier may be null (no upper limit)',
      ],
      [
        'a limited last tier',
        (s) => (s.approval_tiers = [{ up_to: 200, approvers: ['owner'] }, { up_to: 2000, approvers: ['U0LEAD001'] }]),
        'approval_tiers[1].up_to: the last tier must be null (no upper limit) so every amount has approvers',
      ],
      ['a negative limit', (s) => (s.approval_tiers = [{ up_to: -5, approvers: ['owner'] }, { up_to: null, approvers: ['U0HEAD001'] }]), 'approval_tiers[0].up_to: must be above zero'],
      [
        'a tier without up_to',
        (s) => (s.approval_tiers = [{ approvers: ['U0HEAD001'] }]),
        'approval_tiers[0].up_to: required (an amount, or null for no upper limit)',
      ],
      ['a tier without approvers', (s) => (s.approval_tiers = [{ up_to: null, approvers: [] }]), 'approval_tiers[0].approvers: must list at least one approver'],
      [
        'an approver by name',
        (s) => (s.approval_tiers = [{ up_to: null, approvers: ['boss'] }]),
        'approval_tiers[0].approvers[0]: "boss" is not a Slack user id (U… or W…) or owner',
      ],
      ['no categories', (s) => (s.categories = []), 'categories: must list at least one category'],
      ['a category without id', (s) => delete (s.categories as Record<string, unknown>[])[0]!.id, 'categories[0].id: required'],
      [
        'a category id with capitals',
        (s) => ((s.categories as Record<string, unknown>[])[1]!.id = 'Billing'),
        'categories[1].id: "Billing" is not an id of at most 150 characters a-z 0-9 _ - like late_delivery',
      ],
      [
        'a category id longer than a Slack option value',
        (s) => ((s.categories as Record<string, unknown>[])[1]!.id = 'x'.repeat(151)),
        `categories[1].id: "${'x'.repeat(151)}" is not an id of at most 150 characters a-z 0-9 _ - like late_delivery`,
      ],
      ['a duplicate category id', (s) => ((s.categories as Record<string, unknown>[])[1]!.id = 'delivery'), 'categories[1].id: "delivery" is already the id of categories[0]'],
      [
        'a category name too long for a Slack menu',
        (s) => ((s.categories as Record<string, unknown>[])[0]!.name = 'x'.repeat(76)),
        'categories[0].name: must be at most 75 characters (it is shown in a Slack menu)',
      ],
      ['an empty category name', (s) => ((s.categories as Record<string, unknown>[])[0]!.name = '  '), 'categories[0].name: must not be empty'],
      ['a playbook that is not a list', (s) => ((s.categories as Record<string, unknown>[])[0]!.playbook = 'Apologise'), 'categories[0].playbook: must be a list, not "Apologise"'],
    ])('%s', (_name, change, message) => {
      expect(messageWhen(change)).toBe(message);
    });

    it('accepts a category name of exactly 75 characters', () => {
      const settings = validSettings();
      (settings.categories as Record<string, unknown>[])[0]!.name = 'x'.repeat(75);
      expect(parsePolicy(stringify(settings)).categories[0]?.name).toHaveLength(75);
    });

    it('names the line of a YAML syntax error', () => {
      const error = errorFor('team_channel: C0TEAM0001\nresponders: [U0AAA0001\nleads: [U0LEAD001]\n');
      expect(error.message).toMatch(/^anthill\.yml: YAML syntax error at line \d+: \S/);
      expect(errorFor('currency: PLN\nwarn_at: 0.75\n\tretro_due: 1d\n').message).toBe(
        'anthill.yml: YAML syntax error at line 3: Tabs are not allowed as indentation',
      );
    });

    it('rejects a duplicate key as a syntax error', () => {
      expect(errorFor('currency: PLN\ncurrency: EUR\n').message).toMatch(/^anthill\.yml: YAML syntax error at line 2: /);
    });

    it('rejects an empty file and a file that is not a mapping', () => {
      expect(errorFor('').message).toBe('anthill.yml: is empty (expected settings such as team_channel)');
      expect(errorFor('# nothing yet\n').message).toBe('anthill.yml: is empty (expected settings such as team_channel)');
      expect(errorFor('- team_channel\n').message).toBe('anthill.yml: must be a mapping of settings (team_channel: …, sla: …)');
    });

    it('reports only the first problem', () => {
      const message = messageWhen((s) => {
        s.timezone = 'Mars/Base';
        s.currency = 'pln';
      });
      expect(message).toBe('timezone: "Mars/Base" is not a known time zone');
    });
  });
});
