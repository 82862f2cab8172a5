import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { helpText, invalidUsageText, usageError } from '../../blocks/help.js';
import { intakeFormFor } from '../intake-form.js';
import { somethingWentWrong } from '../reply.js';
import { parseComplaintCommand } from './parse-arguments.js';
import { openResolveModal } from '../open-resolve-modal.js';
import { openCloseModal } from '../open-close-modal.js';
import { openRetroModal } from '../open-retro-modal.js';
import { runCaseCommand } from './case-commands.js';
import { requesterOf } from '../requester.js';
import { openProposalModal } from '../open-proposal-modal.js';
import { runCompensateCommand } from './compensate-inline.js';
import { statsReply } from './stats-reply.js';
import { readExportPeriod, startExport } from './export-request.js';

/**
 * `/complaint`: answers that need nothing slow go back in the acknowledgement itself;
 * everything else is acknowledged first and answered through the response URL.
 */
export function registerComplaintCommand(app: App, ctx: AppContext): void {
  app.command('/complaint', async ({ command, ack, respond, client, context }) => {
    const requester = requesterOf(context);
    const parsed = parseComplaintCommand(command.text ?? '');
    switch (parsed.kind) {
      case 'help':
        return ack({ response_type: 'ephemeral', text: helpText(ctx.words) });
      case 'unknown':
        return ack({ response_type: 'ephemeral', text: usageError(ctx.words, parsed.input) });
      case 'invalid':
        return ack({ response_type: 'ephemeral', text: invalidUsageText(ctx.words, parsed.subcommand) });
      case 'export': {
        // Acknowledged at once with "preparing…": the file is written by a job and comes in a DM.
        const read = readExportPeriod(ctx, parsed.period);
        await ack({ response_type: 'ephemeral', text: read.text });
        if (!('period' in read)) return;
        try {
          await startExport(ctx, { teamId: requester.teamId, userId: requester.userId, period: read.period });
        } catch (error) {
          ctx.logger.error({ err: error, command: parsed.kind }, 'complaint command failed');
          await respond({ response_type: 'ephemeral', ...somethingWentWrong(ctx.words) });
        }
        return;
      }
      case 'new': {
        await ack();
        const view = intakeFormFor(ctx, { prefill: { summary: parsed.summary } });
        try {
          await client.views.open({ trigger_id: command.trigger_id, view });
        } catch (error) {
          ctx.logger.error({ err: error }, 'could not open the intake form');
          await respond({ response_type: 'ephemeral', text: ctx.words.t('reply.formFailed') });
        }
        return;
      }
      default: {
        await ack();
        const origin = { ...requester, channelId: command.channel_id };
        try {
          if (parsed.kind === 'resolve' && !parsed.how.trim()) {
            const refusal = await openResolveModal(ctx, client, { ...origin, caseNumber: parsed.caseNumber, triggerId: command.trigger_id });
            if (refusal) await respond({ response_type: 'ephemeral', text: refusal });
            return;
          }
          if (parsed.kind === 'retro') {
            const refusal = await openRetroModal(ctx, client, { ...origin, caseNumber: parsed.caseNumber, triggerId: command.trigger_id });
            if (refusal) await respond({ response_type: 'ephemeral', text: refusal });
            return;
          }
          if (parsed.kind === 'close') {
            const refusal = await openCloseModal(ctx, client, { ...origin, caseNumber: parsed.caseNumber, triggerId: command.trigger_id });
            if (refusal) await respond({ response_type: 'ephemeral', text: refusal });
            return;
          }
          if (parsed.kind === 'compensate') {
            if (parsed.words.length === 0) {
              const refusal = await openProposalModal(ctx, client, { ...origin, caseNumber: parsed.caseNumber, triggerId: command.trigger_id });
              if (refusal) await respond({ response_type: 'ephemeral', text: refusal });
              return;
            }
            await respond({ response_type: 'ephemeral', ...(await runCompensateCommand(ctx, parsed, origin)) });
            return;
          }
          if (parsed.kind === 'stats') {
            await respond({ response_type: 'ephemeral', ...(await statsReply(ctx, parsed.period, origin.teamId)) });
            return;
          }
          const reply = await runCaseCommand(ctx, parsed, origin);
          await respond({ response_type: 'ephemeral', ...reply });
        } catch (error) {
          ctx.logger.error({ err: error, command: parsed.kind, caseNumber: 'caseNumber' in parsed ? parsed.caseNumber : undefined }, 'complaint command failed');
          await respond({ response_type: 'ephemeral', ...somethingWentWrong(ctx.words) });
        }
      }
    }
  });
}
