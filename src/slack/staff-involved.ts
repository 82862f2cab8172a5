import type { AppContext } from '../context.js';
import { checkStaffInvolved } from '../domain/access.js';
import type { IntakeInput } from '../domain/intake.js';
import { INTAKE_FIELDS } from '../blocks/intake-modal.js';

/** The form must be answered within Slack's 3 seconds; the requester gate's own lookup came first. */
const LOOKUP_WAIT_MS = 1500;

/**
 * The intake's staff involved, checked with Slack (`users.info`, cached): the intake with
 * the people kept, or the error to show on the field.
 *
 * @example
 * const staff = await staffInvolvedOfIntake(ctx, parsed.intake);
 * if (!staff.ok) return ack({ response_action: 'errors', errors: staff.errors });
 */
export async function staffInvolvedOfIntake(
  ctx: Pick<AppContext, 'accounts' | 'botUserId' | 'logger' | 'words'>,
  intake: IntakeInput,
  waitMs = LOOKUP_WAIT_MS,
): Promise<{ ok: true; intake: IntakeInput } | { ok: false; errors: Record<string, string> }> {
  if (intake.staffInvolvedIds.length === 0) return { ok: true, intake };
  const field = INTAKE_FIELDS.staffInvolved.blockId;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`users.info took longer than ${waitMs} ms`)), waitMs);
  });
  let chosen;
  try {
    const lookups = Promise.all(intake.staffInvolvedIds.map(async (id) => ({ id, account: await ctx.accounts.lookup(id) })));
    chosen = await Promise.race([lookups, late]);
  } catch (error) {
    ctx.logger.warn({ err: error }, 'could not look up the staff involved in Slack');
    return { ok: false, errors: { [field]: ctx.words.t('staff.error.cannotCheck') } };
  } finally {
    clearTimeout(timer);
  }
  const checked = checkStaffInvolved(chosen, ctx.botUserId);
  if (!checked.ok) {
    const key = checked.code === 'bot' ? 'staff.error.bot' : 'staff.error.unknown';
    return { ok: false, errors: { [field]: ctx.words.t(key, { count: checked.count }) } };
  }
  return { ok: true, intake: { ...intake, staffInvolvedIds: checked.ids } };
}
