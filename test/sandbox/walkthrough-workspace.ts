import { readFileSync } from 'node:fs';
import type { SandboxOptions } from '../../sandbox/sandbox.js';

export interface WalkthroughPeople {
  responder: string;
  responderName: string;
  lead: string;
  leadName: string;
  /** What the customer's message in #support-inbox says. */
  inboxMessage: string;
  /** Everyone, in the order they write their retro notes. */
  everyone: string[];
  /** More than a responder may approve, less than the lead's limit. */
  amountAboveResponder: string;
}

export function walkthroughWorkspace(): { sandbox: Pick<SandboxOptions, 'policyText' | 'people' | 'channels'>; people: WalkthroughPeople } {
  const policyText = readFileSync(new URL('../fixtures/anthill.test.yml', import.meta.url), 'utf8');
  return {
    sandbox: {
      policyText,
      people: [
        { id: 'U0AAA0001', name: 'Alice', role: 'responder' },
        { id: 'U0LEAD001', name: 'Lena', role: 'lead' },
        { id: 'U0HEAD001', name: 'Henrik', role: 'head of service' },
      ],
      channels: [
        { id: 'C0TEAM0001', name: 'customer-team', purpose: 'The team' },
        { id: 'C0INBOX001', name: 'support-inbox', purpose: 'Inbox', messages: [{ user: 'U0AAA0001', text: 'From Anna Nowak: my washing machine arrived with a dented drum.' }] },
      ],
    },
    people: { responder: 'U0AAA0001', responderName: 'Alice', lead: 'U0LEAD001', leadName: 'Lena', amountAboveResponder: '500', inboxMessage: 'my washing machine arrived with a dented drum', everyone: ['U0AAA0001', 'U0LEAD001', 'U0HEAD001'] },
  };
}
