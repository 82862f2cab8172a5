import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { CLOSE_CALLBACK_ID, CLOSE_FIELDS } from '../../src/blocks/close-modal.js';
import { RETRO_CALLBACK_ID, RETRO_FIELDS } from '../../src/blocks/retro-modal.js';
import type { RetroField } from '../../src/domain/retro.js';
import type { Harness } from './anthill-harness.js';
import { poll, submitComplaint, type OpenedCase } from './case-flow.js';
import type { FakeMessage, FakeView } from '../../fake-slack/types.js';
import type { SlackHttpResponse, ViewStateValue, ViewStateValues } from '../../fake-slack/slack-requests.js';

/** Steps of a case's end through signed requests, for the retro tests. */

export { poll, type OpenedCase } from './case-flow.js';

/** Submits the intake form as `reporter` and waits until the case channel is set up. */
export function openCase(h: Harness, reporter: string, summary: string): Promise<OpenedCase> {
  return submitComplaint(h, reporter, { summary, severity: 'normal', claimedLoss: '' });
}

/** Types `/complaint <text>` in the case channel; returns the ephemeral answer. */
export async function command(h: Harness, c: OpenedCase, text: string, userId: string): Promise<string> {
  const response = await h.requests.slashCommand({ userId, channelId: c.channelId, text });
  return ((await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0])).body as { text: string }).text;
}

/** Submits the close form for the case as `userId`. */
export async function closeCase(h: Harness, c: OpenedCase, userId: string): Promise<void> {
  const option = (value: string) => ({ type: 'radio_buttons', selected_option: { value } });
  const text = (value: string) => ({ type: 'plain_text_input', value });
  const response = await h.requests.viewSubmission({
    userId,
    callbackId: CLOSE_CALLBACK_ID,
    privateMetadata: c.id,
    values: {
      [CLOSE_FIELDS.outcome.blockId]: { [CLOSE_FIELDS.outcome.actionId]: option('in_favour') },
      [CLOSE_FIELDS.explanation.blockId]: { [CLOSE_FIELDS.explanation.actionId]: text('We replaced the washer.') },
      [CLOSE_FIELDS.satisfaction.blockId]: { [CLOSE_FIELDS.satisfaction.actionId]: { type: 'static_select', selected_option: { value: '5' } } },
      [CLOSE_FIELDS.agreement.blockId]: { [CLOSE_FIELDS.agreement.actionId]: text('New washer delivered on 4 December.') },
      [CLOSE_FIELDS.thanked.blockId]: { [CLOSE_FIELDS.thanked.actionId]: option('yes') },
    },
  });
  if (response.body !== '') throw new Error(`the close form was refused: ${response.body}`);
}

/** The case's current close, once it exists. */
export async function closureOf(h: Harness, c: OpenedCase) {
  return poll(() => h.database.db.selectFrom('case_closures').selectAll().where('case_id', '=', c.id).where('cancelled_at', 'is', null).executeTakeFirst());
}

const json = (message: FakeMessage | undefined) => JSON.stringify(message?.blocks ?? []);

/** The retro DMs (ask and reminder) a person got about a case, oldest first. */
export function retroDms(h: Harness, c: OpenedCase, userId: string): FakeMessage[] {
  const number = new RegExp(`#${c.number}(?!\\d)`);
  return h.slack.dms(userId).filter((m) => json(m).includes(ACTION_IDS.retroWrite) && number.test(m.text));
}

/** What people typed into the retro form. */
export interface RetroAnswers {
  cause?: string;
  detail?: string;
  wentWell?: string;
  lesson?: string;
  change?: string;
  owner?: string;
  due?: string;
}

/** The retro form's state as Slack would submit it. */
export function retroValues(answers: RetroAnswers): ViewStateValues {
  const field = (name: RetroField, state: ViewStateValue) => ({ [RETRO_FIELDS[name].blockId]: { [RETRO_FIELDS[name].actionId]: state } });
  const text = (value: string | undefined) => ({ type: 'plain_text_input', value: value ?? null });
  return {
    ...field('rootCause', { type: 'static_select', selected_option: answers.cause ? { value: answers.cause } : null }),
    ...field('rootCauseDetail', text(answers.detail)),
    ...field('wentWell', text(answers.wentWell)),
    ...field('lesson', text(answers.lesson)),
    ...field('change', text(answers.change)),
    ...field('changeOwner', { type: 'users_select', selected_user: answers.owner ?? null }),
    ...field('changeDue', { type: 'datepicker', selected_date: answers.due ?? null }),
  };
}

export const GOOD_NOTES: RetroAnswers = { cause: 'delivery_partner', wentWell: 'We answered within the hour.', lesson: 'Check the parcel photos first.' };

/** Clicks Write retro notes in a retro DM; returns the form it opened, or the private refusal. */
export async function clickWrite(h: Harness, userId: string, dm: FakeMessage): Promise<{ view?: FakeView; refusal?: string }> {
  const response = await h.requests.blockAction({ userId, channelId: dm.channel, actionId: ACTION_IDS.retroWrite, message: dm });
  return formOrRefusal(h, response);
}

/** `/complaint retro [#N]`, typed in the case channel (or `channelId`); the form it opened, or the refusal. */
export async function retroCommand(h: Harness, userId: string, channelId: string, text = 'retro'): Promise<{ view?: FakeView; refusal?: string }> {
  const response = await h.requests.slashCommand({ userId, channelId, text });
  return formOrRefusal(h, response);
}

async function formOrRefusal(h: Harness, response: SlackHttpResponse): Promise<{ view?: FakeView; refusal?: string }> {
  const found = await h.slack.waitFor(() => {
    const view = h.slack.views().find((v) => v.trigger_id === response.triggerId);
    if (view) return { view };
    const post = h.catcher.posts(response.responseUrl)[0];
    return post ? { refusal: (post.body as { text: string }).text } : undefined;
  });
  return found;
}

/** Submits the retro form as `userId`; returns Slack's answer (`errors`, or `update` with the thank-you). */
export async function submitRetro(
  h: Harness,
  userId: string,
  view: FakeView | { private_metadata: string },
  answers: RetroAnswers,
): Promise<{ response_action?: string; errors?: Record<string, string>; view?: { blocks: { text: { text: string } }[] } }> {
  const response = await h.requests.viewSubmission({
    userId,
    callbackId: RETRO_CALLBACK_ID,
    privateMetadata: view.private_metadata ?? '',
    values: retroValues(answers),
  });
  if (response.status !== 200) throw new Error(`retro form answered HTTP ${response.status}`);
  return (response.json ?? {}) as { response_action?: string; errors?: Record<string, string> };
}

/** The text of the thank-you view that replaces a submitted retro form. */
export function savedText(answer: Awaited<ReturnType<typeof submitRetro>>): string {
  return answer.view?.blocks.map((block) => block.text.text).join('\n') ?? '';
}
