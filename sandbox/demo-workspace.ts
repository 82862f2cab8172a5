/**
 * The demo workspace the sandbox shows: the demo policy, its people and its channels
 * (demo-policy.ts), with customers' messages in `#support-inbox` to open complaints from
 * (its message menu's "Open a complaint").
 */
import type { Language } from '../src/config/policy-schema.js';
import { DEMO_CHANNELS, DEMO_INBOX_CHANNEL, DEMO_PEOPLE, demoPolicyYaml, type DemoPerson } from './demo-policy.js';
import type { SandboxOptions } from './sandbox.js';

export type DemoWorkspace = Pick<SandboxOptions, 'policyText' | 'people' | 'channels'>;

/** The front desk forwards what customers wrote; these are the messages it forwarded. */
const INBOX_MESSAGES = [
  'From Anna Nowak (anna.nowak@example.com): my washing machine arrived with a dented drum and the door does not close. Order 4711.',
  'From Lars Berg (+46 70 123 45 67): I was charged twice for invoice 2026-118, please refund the second payment.',
];

function reporter(): DemoPerson {
  const found = DEMO_PEOPLE.find((person) => person.role === 'reporter') ?? DEMO_PEOPLE[0];
  if (found === undefined) throw new Error('the demo policy names no people');
  return found;
}

export function demoWorkspace(language: Language): DemoWorkspace {
  const forwarder = reporter();
  return {
    policyText: demoPolicyYaml(language),
    people: DEMO_PEOPLE.map((person) => ({
      id: person.id,
      name: person.realName.split(' ')[0] ?? person.realName,
      fullName: person.realName,
      handle: person.handle,
      role: person.role.replace(/_/g, ' '),
      about: person.about,
      guest: person.guest,
    })),
    channels: DEMO_CHANNELS.map((channel) => ({
      ...channel,
      ...(channel.id === DEMO_INBOX_CHANNEL.id && { messages: INBOX_MESSAGES.map((text) => ({ user: forwarder.id, text })) }),
    })),
  };
}
