import { DEMO_LOCALES, DEMO_PEOPLE } from '../../sandbox/demo-policy.js';
import { demoWorkspace, type DemoWorkspace } from '../../sandbox/demo-workspace.js';

/** Who does what in the browser walkthrough: the demo workspace `npm run sandbox` shows, in English. */
export interface WalkthroughPeople {
  responder: string;
  /** A second responder, who may approve only small amounts. */
  otherResponder: string;
  lead: string;
  leadName: string;
  /** More than a responder may approve, less than the lead's limit. */
  amountAboveResponder: string;
  /** Words of the first customer message in #support-inbox. */
  inboxMessage: string;
  /** The first step of the delivery playbook. */
  firstStep: string;
  /** Everyone who may be asked for retro notes, in the order they write them. */
  everyone: string[];
}

function person(role: string, nth = 0): { id: string; name: string } {
  const found = DEMO_PEOPLE.filter((candidate) => candidate.role === role)[nth];
  if (found === undefined) throw new Error(`the demo policy has no ${role}`);
  return { id: found.id, name: found.realName.split(' ')[0] ?? found.realName };
}

export function walkthroughWorkspace(): { sandbox: DemoWorkspace; people: WalkthroughPeople } {
  const locale = DEMO_LOCALES.en;
  const responder = person('responder');
  const lead = person('lead');
  const delivery = locale.categories[0];
  return {
    sandbox: demoWorkspace('en'),
    people: {
      responder: responder.id,
      otherResponder: person('responder', 1).id,
      lead: lead.id,
      leadName: lead.name,
      amountAboveResponder: String((locale.responderLimit + locale.leadLimit) / 2),
      inboxMessage: 'my washing machine arrived with a dented drum',
      firstStep: delivery?.playbook[0] ?? '',
      everyone: DEMO_PEOPLE.filter((candidate) => !candidate.guest).map((candidate) => candidate.id),
    },
  };
}
