import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { registerIntakeSubmission } from './intake-submission.js';
import { registerResolveSubmission } from './resolve-submission.js';
import { registerCloseSubmission } from './close-submission.js';
import { registerProposalSubmission } from './proposal-submission.js';
import { registerRejectSubmission } from './reject-submission.js';
import { registerDeclineSubmission } from './decline-submission.js';
import { registerRetroSubmission } from './retro-submission.js';

/** Forms: the complaint intake, "How was it resolved?", the close form, compensation's forms and the retro notes. */
export function registerViews(app: App, ctx: AppContext): void {
  registerIntakeSubmission(app, ctx);
  registerResolveSubmission(app, ctx);
  registerCloseSubmission(app, ctx);
  // Compensation: the proposal, the reason for a rejection, what a customer who declined would value.
  registerProposalSubmission(app, ctx);
  registerRejectSubmission(app, ctx);
  registerDeclineSubmission(app, ctx);
  // Retro: the notes asked for after closing.
  registerRetroSubmission(app, ctx);
}
