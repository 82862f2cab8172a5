import type { App, GlobalShortcut } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { SHORTCUT_CALLBACK_IDS } from '../../blocks/shortcut-views.js';
import { intakeFormFor } from '../intake-form.js';

/** "New complaint" from the shortcut menu: the empty intake form, as `/complaint` opens it. */
export function registerGlobalShortcut(app: App, ctx: AppContext): void {
  app.shortcut<GlobalShortcut>({ callback_id: SHORTCUT_CALLBACK_IDS.global, type: 'shortcut' }, async ({ shortcut, ack, client }) => {
    await ack();
    const view = intakeFormFor(ctx);
    try {
      await client.views.open({ trigger_id: shortcut.trigger_id, view });
    } catch (error) {
      // A global shortcut has no response URL and no channel: the log is the only place to say so.
      ctx.logger.error({ err: error }, 'could not open the intake form from the shortcut menu');
    }
  });
}
