import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/config/policy.js';
import { LANGUAGES } from '../../src/config/policy-schema.js';
import { DEMO_LEAD_LIMIT, DEMO_OWNER_LIMIT, DEMO_PEOPLE, DEMO_TEAM_CHANNEL_ID, demoPolicy } from '../../sandbox/demo-policy.js';

describe('the demo policy', () => {
  it.each(LANGUAGES)('is a policy the bot accepts, in %s', (language) => {
    const policy = parsePolicy(demoPolicy({ language }));
    expect(policy.language).toBe(language);
    expect(policy.teamChannel).toBe(DEMO_TEAM_CHANNEL_ID);
    expect(policy.categories.map((category) => category.id)).toEqual(['delivery', 'billing']);
    for (const category of policy.categories) expect(category.playbook.length).toBeGreaterThan(2);
  });

  it('names the demo people by their roles', () => {
    const policy = parsePolicy(demoPolicy({ language: 'en' }));
    const ids = (role: string) => DEMO_PEOPLE.filter((person) => person.role === role).map((person) => person.id);
    expect(policy.responders).toEqual(ids('responder'));
    expect(policy.leads).toEqual(ids('lead'));
    expect(policy.approvalTiers.map((tier) => tier.approvers)).toEqual([['owner'], ids('lead'), ids('head of service')]);
    expect(new Set(DEMO_PEOPLE.map((person) => person.id)).size).toBe(DEMO_PEOPLE.length);
  });

  it('lets a responder approve less than the lead, and the lead less than the head of service', () => {
    const tiers = parsePolicy(demoPolicy({ language: 'en' })).approvalTiers;
    expect(DEMO_OWNER_LIMIT).toBeLessThan(DEMO_LEAD_LIMIT);
    expect(tiers.map((tier) => tier.upToMinor)).toEqual([DEMO_OWNER_LIMIT * 100, DEMO_LEAD_LIMIT * 100, null]);
    expect(tiers.length).toBe(3);
  });

  it('has deadlines of minutes, around the clock, so a reminder and a breach happen while one watches', () => {
    const text = demoPolicy({ language: 'en' });
    expect(text).toContain('business_hours: 24/7');
    const policy = parsePolicy(text);
    for (const target of Object.values(policy.sla)) expect(target.firstResponse).toEqual({ days: 0, milliseconds: expect.any(Number) as number });
    for (const target of Object.values(policy.sla)) expect(target.firstResponse.milliseconds).toBeLessThanOrEqual(5 * 60_000);
  });
});
