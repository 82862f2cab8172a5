import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { registerComplaintCommand } from './complaint-command.js';

/** Slash commands: `/complaint` and its subcommands. */
export function registerCommands(app: App, ctx: AppContext): void {
  registerComplaintCommand(app, ctx);
}
