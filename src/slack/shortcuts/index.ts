import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { registerGlobalShortcut } from './global-shortcut.js';
import { registerMessageShortcut } from './message-shortcut.js';

/** Shortcuts: "Open a complaint" on a message, "New complaint" in the shortcut menu. */
export function registerShortcuts(app: App, ctx: AppContext): void {
  registerMessageShortcut(app, ctx);
  registerGlobalShortcut(app, ctx);
}
