import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { registerJoinButton } from './join-button.js';
import { registerPlaybookStepButton } from './playbook-step-button.js';
import { registerRespondedButton } from './responded-button.js';
import { registerResolveButton } from './resolve-button.js';
import { registerCloseButton } from './close-button.js';
import { registerSeverityMenu } from './severity-menu.js';
import { registerTakeButton } from './take-button.js';
import { registerCompensateButton } from './compensate-button.js';
import { registerDecisionButtons } from './decision-button.js';
import { registerCustomerAnswerButtons } from './customer-answer-button.js';
import { registerFollowUpButtons } from './follow-up-buttons.js';
import { registerActionItemDoneButton } from './action-item-done-button.js';
import { registerRetroButton } from './retro-button.js';

/** Buttons and menus on the case card, in reminder DMs and on the announcement. */
export function registerActions(app: App, ctx: AppContext): void {
  registerTakeButton(app, ctx);
  registerRespondedButton(app, ctx);
  registerResolveButton(app, ctx);
  registerCloseButton(app, ctx);
  registerSeverityMenu(app, ctx);
  registerJoinButton(app, ctx);
  registerPlaybookStepButton(app, ctx);
  // Compensation: the card's Propose button, Approve / Reject, the customer's answer.
  registerCompensateButton(app, ctx);
  registerDecisionButtons(app, ctx);
  registerCustomerAnswerButtons(app, ctx);
  // Follow-up after resolving: Customer satisfied / Not yet.
  registerFollowUpButtons(app, ctx);
  // Action items from retros: Done in the list and in the due-date DM.
  registerActionItemDoneButton(app, ctx);
  // Retro: Write retro notes in the DM asking for them.
  registerRetroButton(app, ctx);
}
