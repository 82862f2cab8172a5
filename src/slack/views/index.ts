import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { registerIntakeSubmission } from './intake-submission.js';
import { registerResolveSubmission } from './resolve-submission.js';

/** Forms: the complaint intake and "How was it resolved?". */
export function registerViews(app: App, ctx: AppContext): void {
  registerIntakeSubmission(app, ctx);
  registerResolveSubmission(app, ctx);
}
