import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../fake-slack/index.js';
import { loadPolicy } from '../../src/config/load-policy.js';
import { parsePolicy, type Policy } from '../../src/config/policy.js';
import { LANGUAGES } from '../../src/config/policy-schema.js';
import { decidingTier } from '../../src/domain/authority.js';
import {
  DEMO_CHANNELS,
  DEMO_LOCALES,
  DEMO_PEOPLE,
  DEMO_TEAM_CHANNEL,
  demoPolicyYaml,
  writeDemoPolicy,
  type DemoRole,
} from '../../sandbox/demo-policy.js';

const MINUTE = 60_000;
const idsOf = (role: DemoRole) => DEMO_PEOPLE.filter((person) => person.role === role).map((person) => person.id);

describe.each(LANGUAGES)('the demo policy in %s', (language) => {
  const policy: Policy = parsePolicy(demoPolicyYaml(language), `demo-${language}.yml`);

  it('is valid for the bot and speaks the team language', () => {
    expect(policy.language).toBe(language);
    expect(policy.teamChannel).toBe(DEMO_TEAM_CHANNEL.id);
    expect(policy.currency).toBe(DEMO_LOCALES[language].currency);
    expect(policy.calendar.timeZone).toBe(DEMO_LOCALES[language].timezone);
  });

  it('names the demo responders and lead, and nobody who is not a demo person', () => {
    expect(policy.responders).toEqual(['U0ALICE001', 'U0BRUNO001']);
    expect(policy.responders).toEqual(idsOf('responder'));
    expect(policy.leads).toEqual(idsOf('lead'));
    const named = [...policy.responders, ...policy.leads, ...policy.approvalTiers.flatMap((tier) => tier.approvers)];
    const people = new Map(DEMO_PEOPLE.map((person) => [person.id, person]));
    for (const id of named.filter((entry) => entry !== 'owner')) expect(people.get(id)?.guest).toBe(false);
    expect(named).not.toContain(idsOf('guest')[0]);
    expect(named).not.toContain(idsOf('reporter')[0]);
  });

  it('runs around the clock with deadlines of minutes, so a reminder and a breach come while you try it', () => {
    expect(policy.calendar.hours).toEqual({ kind: 'always' });
    for (const target of Object.values(policy.sla)) {
      for (const deadline of [target.firstResponse, target.resolution]) {
        expect(deadline.days).toBe(0);
        expect(deadline.milliseconds).toBeLessThanOrEqual(60 * MINUTE);
      }
      expect(target.firstResponse.milliseconds).toBeLessThanOrEqual(10 * MINUTE);
      expect(target.firstResponse.milliseconds).toBeLessThan(target.resolution.milliseconds);
    }
    expect(policy.warnAt * policy.sla.normal.firstResponse.milliseconds).toBeLessThanOrEqual(3 * MINUTE);
    expect(policy.sla.normal.firstResponse.milliseconds).toBeLessThanOrEqual(5 * MINUTE);
    expect(policy.followUpAfter).toEqual({ days: 0, milliseconds: 3 * MINUTE });
    expect(policy.retroDue.days).toBe(0);
  });

  it('lets responders approve a little, the lead more and the head of service any amount', () => {
    const { responderLimit, leadLimit } = DEMO_LOCALES[language];
    const minor = (amount: number) => amount * 10 ** policy.currencyDigits;
    const decidedBy = (amount: number) => decidingTier(policy.approvalTiers, 0, minor(amount)).tier.approvers;
    expect(decidedBy(responderLimit)).toEqual(['owner', ...idsOf('responder')]);
    expect(decidedBy(responderLimit + 1)).toEqual(idsOf('lead'));
    expect(decidedBy(leadLimit)).toEqual(idsOf('lead'));
    expect(decidedBy(leadLimit + 1)).toEqual(idsOf('head_of_service'));
    expect(policy.approvalTiers.at(-1)?.upToMinor).toBeNull();
  });

  it("offers categories with playbooks and compensation guides in the team's words", () => {
    expect(policy.categories.map((category) => category.id)).toEqual(['delivery', 'billing']);
    for (const category of policy.categories) {
      expect(category.playbook.length).toBeGreaterThanOrEqual(2);
      expect(category.compensationGuide).toBeDefined();
    }
    if (language !== 'en') {
      const english = parsePolicy(demoPolicyYaml('en')).categories;
      policy.categories.forEach((category, index) => {
        expect(category.name).not.toBe(english[index]?.name);
        expect(category.playbook).not.toEqual(english[index]?.playbook);
      });
    }
  });
});

describe('the demo policy file', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'anthill-demo-policy-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('is written where the bot reads it, and names whom the ids stand for', async () => {
    const path = join(folder, 'anthill.yml');
    await writeDemoPolicy(path, 'sv');
    expect((await loadPolicy(path)).language).toBe('sv');
    const text = demoPolicyYaml('sv');
    expect(text).toContain('responders: [U0ALICE001, U0BRUNO001] # Alice Andersen, Bruno Berg');
    expect(text).toContain('team_channel: C0CUSTTEAM1 # #customer-team');
  });
});

describe('the demo people and channels', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('has each role the sandbox shows, once per id and handle', () => {
    expect(new Set(DEMO_PEOPLE.map((person) => person.id)).size).toBe(DEMO_PEOPLE.length);
    expect(new Set(DEMO_PEOPLE.map((person) => person.handle)).size).toBe(DEMO_PEOPLE.length);
    expect(DEMO_PEOPLE.map((person) => [person.realName.split(' ')[0], person.role])).toEqual([
      ['Alice', 'responder'],
      ['Bruno', 'responder'],
      ['Lena', 'lead'],
      ['Henrik', 'head_of_service'],
      ['Rita', 'reporter'],
      ['Gus', 'guest'],
    ]);
    expect(DEMO_PEOPLE.filter((person) => person.guest).map((person) => person.role)).toEqual(['guest']);
    for (const person of DEMO_PEOPLE) expect(person.about).not.toBe('');
  });

  it('can be created in the fake Slack as they are', () => {
    for (const person of DEMO_PEOPLE) {
      fake.addUser(person.id, { name: person.handle, real_name: person.realName, is_restricted: person.guest });
    }
    for (const channel of DEMO_CHANNELS) fake.createChannel({ id: channel.id, name: channel.name, purpose: channel.purpose });
    expect(fake.channelByName('customer-team')?.id).toBe(DEMO_TEAM_CHANNEL.id);
    expect(fake.channelByName('support-inbox')).toBeDefined();
  });
});
