/**
 * The demo workspace the sandbox shows: the demo policy and its people (demo-policy.ts),
 * the team channel the policy names, and `#support-inbox` with customers' messages to open
 * complaints from (its message menu's "Open a complaint").
 */
import type { Language } from '../src/config/policy-schema.js';
import { DEMO_PEOPLE, DEMO_TEAM_CHANNEL_ID, demoPolicy } from './demo-policy.js';
import type { SandboxOptions } from './sandbox.js';

/** Where complaints reach the team before they become cases, as in many support teams. */
const SUPPORT_INBOX_ID = 'C0INBOX001';

export type DemoWorkspace = Pick<SandboxOptions, 'policyText' | 'people' | 'channels'>;

export function demoWorkspace(language: Language): DemoWorkspace {
  const people = DEMO_PEOPLE.map((person) => ({ id: person.id, name: person.name, role: person.role }));
  const reporter = DEMO_PEOPLE.find((person) => person.role === 'reporter') ?? DEMO_PEOPLE[0];
  const forwarded = (text: string) => ({ user: reporter?.id ?? '', text });
  return {
    policyText: demoPolicy({ language }),
    people,
    channels: [
      { id: DEMO_TEAM_CHANNEL_ID, name: 'customer-team', purpose: 'The complaint team: new cases are announced here.' },
      {
        id: SUPPORT_INBOX_ID,
        name: 'support-inbox',
        purpose: 'Customer messages, forwarded by the front desk.',
        messages: [
          forwarded('From Anna Nowak (anna.nowak@example.com): my washing machine arrived with a dented drum and the door does not close. Order 4711.'),
          forwarded('From Lars Berg (+46 70 123 45 67): I was charged twice for invoice 2026-118, please refund the second payment.'),
        ],
      },
    ],
  };
}
