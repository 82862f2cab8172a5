import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANOTHER_FROM_MESSAGE_FIELD, INTAKE_CALLBACK_ID, INTAKE_FIELDS } from '../../src/blocks/intake-modal.js';
import { SHORTCUT_CALLBACK_IDS } from '../../src/blocks/shortcut-views.js';
import { startHarness, type Harness } from '../support/anthill-harness.js';
import { poll } from '../support/case-flow.js';
import { intakeValues, type IntakeForm } from '../support/intake-values.js';
import type { FakeMessage, FakeView } from '../../fake-slack/types.js';

const REPORTER = 'U0REP0001';
const COLLEAGUE = 'U0COL0001';
const CUSTOMER = 'U0CUST001';
const GUEST = 'U0GUEST01';
const LATE_REPORTER = 'U0LATE001';
const LATE_CUSTOMER = 'U0CUST002';
const OTHER_TEAM = 'T0OTHER01';
const SUPPORT = 'C0SUPPORT1';
const OUTSIDE = 'C0OUTSIDE1';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ users: [REPORTER, LATE_REPORTER] });
  h.slack.addUser(COLLEAGUE, { display_name: 'Ola Nowak' });
  h.slack.addUser(CUSTOMER, { team_id: OTHER_TEAM, display_name: 'Jan Kowalski', real_name: 'Jan Kowalski' });
  h.slack.addUser(LATE_CUSTOMER, { team_id: OTHER_TEAM, display_name: 'Eva Berg' });
  h.slack.addUser(GUEST, { is_restricted: true });
  h.slack.createChannel({ name: 'support', id: SUPPORT, members: [REPORTER, COLLEAGUE, CUSTOMER, GUEST, LATE_REPORTER, LATE_CUSTOMER] });
  h.slack.createChannel({ name: 'shop-floor', id: OUTSIDE, botIsMember: false, members: [REPORTER] });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.slack.setLatency(0, 'users.info');
  h.slack.setTriggerExpiry(undefined);
});

/** "Open a complaint" on `message`; resolves with the form once the message has been read into it. */
async function openFromMessage(message: FakeMessage, userId = REPORTER, channelId = message.channel): Promise<FakeView> {
  const response = await h.requests.messageShortcut({
    userId,
    callbackId: SHORTCUT_CALLBACK_IDS.message,
    channelId,
    channelName: h.slack.channel(channelId)?.name ?? 'fake-channel',
    message: { ...message, ...((message.user === CUSTOMER || message.user === LATE_CUSTOMER) && { user_team: OTHER_TEAM }) },
  });
  expect(response.status).toBe(200);
  return h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === response.triggerId && v.updates > 0));
}

function initialValue(view: FakeView, blockId: string): unknown {
  const blocks = view.definition.blocks as { block_id?: string; element?: { initial_value?: string; initial_option?: { value: string } } }[];
  const element = blocks.find((block) => block.block_id === blockId)?.element;
  return element?.initial_value ?? element?.initial_option?.value;
}

function submitForm(view: FakeView, form: Partial<IntakeForm> = {}, extra: { userId?: string; privateMetadata?: string; another?: boolean } = {}) {
  const values = intakeValues({ source: 'slack_message', ...form });
  if (extra.another) {
    values[ANOTHER_FROM_MESSAGE_FIELD.blockId] = { [ANOTHER_FROM_MESSAGE_FIELD.actionId]: { type: 'checkboxes', selected_options: [{ value: 'another' }] } };
  }
  return h.requests.viewSubmission({
    userId: extra.userId ?? REPORTER,
    view,
    values,
    ...(extra.privateMetadata !== undefined && { privateMetadata: extra.privateMetadata }),
  });
}

const caseRow = (summary: string) => h.database.db.selectFrom('cases').selectAll().where('summary', '=', summary).executeTakeFirst();
const sourceRow = (caseId: string) => h.database.db.selectFrom('case_source_messages').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
/** The case's source row, once `done` holds for it (a job records its steps after Slack answers). */
const recordedRow = (caseId: string, done: (row: Awaited<ReturnType<typeof sourceRow>>) => boolean) =>
  poll(async () => {
    const row = await sourceRow(caseId);
    return done(row) && row;
  });

/** A case the form stored: it is stored before the form is answered. */
async function storedCase(summary: string) {
  const row = await caseRow(summary);
  if (!row) throw new Error(`no case "${summary}"`);
  return row;
}

/** The case's channel, once provisioning has made it. */
const caseChannelOf = (caseId: string): Promise<string> =>
  poll(async () => (await h.database.db.selectFrom('case_channels').select('channel_id').where('case_id', '=', caseId).executeTakeFirst())?.channel_id ?? undefined);

describe('"New complaint" from the shortcut menu', () => {
  it('opens the empty intake form, as /complaint does', async () => {
    const response = await h.requests.globalShortcut({ userId: REPORTER, callbackId: SHORTCUT_CALLBACK_IDS.global });
    expect(response.status).toBe(200);
    const view = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === response.triggerId));
    expect(view.callback_id).toBe(INTAKE_CALLBACK_ID);
    expect(initialValue(view, INTAKE_FIELDS.summary.blockId)).toBeUndefined();
    expect(view.private_metadata).toBeUndefined();
  });
});

describe('"Open a complaint" on a message', () => {
  it('prefills the form from a message with mentions, links, emoji, formatting and an email address', async () => {
    const text =
      '*Parcel arrived crushed* :disappointed: &amp; late, says <@U0COL0001>\n' +
      'See <https://shop.example/orders/77|order 77> and <#C0TEAM0001|customer-team>, <!here> &lt;3 ~really~ _sad_. ' +
      'Write to <mailto:anna@example.com|anna@example.com>, <@U0NOBODY9> knows more.';
    const message = h.slack.postAsUser(SUPPORT, COLLEAGUE, text);
    const view = await openFromMessage(message);
    expect(initialValue(view, INTAKE_FIELDS.summary.blockId)).toBe('*Parcel arrived crushed* :disappointed: & late, says @Ola Nowak');
    expect(initialValue(view, INTAKE_FIELDS.description.blockId)).toBe(
      '*Parcel arrived crushed* :disappointed: & late, says @Ola Nowak\n' +
        'See order 77 (https://shop.example/orders/77) and #customer-team, @here <3 ~really~ _sad_. ' +
        'Write to anna@example.com, @someone knows more.',
    );
    expect(initialValue(view, INTAKE_FIELDS.source.blockId)).toBe('slack_message');
    expect(initialValue(view, INTAKE_FIELDS.customerContact.blockId)).toBe('anna@example.com');
    // A colleague wrote it: no name is suggested for the customer.
    expect(initialValue(view, INTAKE_FIELDS.customerName.blockId)).toBeUndefined();
    expect(JSON.stringify(view.definition)).toContain('only suggestions');
    expect(view.private_metadata).toMatch(/^src1\./);
  });

  it('opens a case that links the message: the card, /complaint show and a reply in the message thread', async () => {
    const message = h.slack.postAsUser(SUPPORT, COLLEAGUE, 'Fridge door fell off on delivery');
    const view = await openFromMessage(message);
    expect((await submitForm(view, { summary: 'Fridge door fell off' })).status).toBe(200);
    const stored = await storedCase('Fridge door fell off');
    expect(stored.source).toBe('slack_message');
    const channelId = await caseChannelOf(stored.id);
    const reply = await h.slack.waitFor(() => h.slack.messages(SUPPORT).find((m) => m.thread_ts === message.ts && m.user === h.slack.botUserId));
    expect(reply.text).toContain(`complaint #${stored.number}`);
    expect(reply.text).toContain(`<#${channelId}>`);

    // The reply is in Slack a moment before the job records it.
    const source = await recordedRow(stored.id, (row) => row.reply_ts !== null);
    expect(source).toMatchObject({ channel_id: SUPPORT, message_ts: message.ts, reply_ts: reply.ts, reply_failure: null });
    expect(source.permalink).toBe(`https://anthill-test.slack.com/archives/${SUPPORT}/p${message.ts.replace('.', '')}`);
    const card = await h.slack.waitFor(() => h.slack.messages(channelId)[0]);
    expect(JSON.stringify(card.blocks)).toContain(`<${source.permalink}|Slack message>`);

    const show = await h.requests.slashCommand({ userId: REPORTER, channelId, text: 'show' });
    const answer = await h.catcher.waitFor(() => h.catcher.posts(show.responseUrl)[0]);
    expect(JSON.stringify(answer.body)).toContain(`<${source.permalink}|Slack message>`);
  });

  it('links the message whatever source the reporter chose for the complaint', async () => {
    const message = h.slack.postAsUser(SUPPORT, COLLEAGUE, 'Forwarded: customer email about a cracked screen');
    const view = await openFromMessage(message);
    expect((await submitForm(view, { summary: 'Cracked screen by email', source: 'email' })).status).toBe(200);
    const stored = await storedCase('Cracked screen by email');
    expect(stored.source).toBe('email');
    const channelId = await caseChannelOf(stored.id);
    const { permalink } = await sourceRow(stored.id);
    const card = await h.slack.waitFor(() => h.slack.messages(channelId)[0]);
    expect(JSON.stringify(card.blocks)).toContain(`<${permalink}|`);
    const show = await h.requests.slashCommand({ userId: REPORTER, channelId, text: 'show' });
    const answer = await h.catcher.waitFor(() => h.catcher.posts(show.responseUrl)[0]);
    expect(JSON.stringify(answer.body)).toContain(`<${permalink}|`);
  });

  it('a message that already has a case says so, links it, and opens another only when asked on purpose', async () => {
    const message = h.slack.postAsUser(SUPPORT, COLLEAGUE, 'Washer leaks, and the invoice is wrong');
    const first = await openFromMessage(message);
    await submitForm(first, { summary: 'Washer leaks' });
    const firstCase = await storedCase('Washer leaks');
    const channelId = await caseChannelOf(firstCase.id);

    const again = await openFromMessage(message);
    const everything = JSON.stringify(again.definition);
    expect(everything).toContain('This message already has a complaint');
    expect(everything).toContain(`complaint #${firstCase.number} in <#${channelId}>`);
    expect(everything).toContain(ANOTHER_FROM_MESSAGE_FIELD.blockId);

    const unticked = await submitForm(again, { summary: 'Invoice is wrong' });
    expect(unticked.json).toMatchObject({ response_action: 'errors', errors: { [ANOTHER_FROM_MESSAGE_FIELD.blockId]: expect.any(String) } });
    expect(await caseRow('Invoice is wrong')).toBeUndefined();

    expect((await submitForm(again, { summary: 'Invoice is wrong' }, { another: true })).status).toBe(200);
    const second = await storedCase('Invoice is wrong');
    expect(second.number).toBe(firstCase.number + 1);
    expect((await sourceRow(second.id)).message_ts).toBe(message.ts);
  });

  it('a message that is itself a reply in a thread gets the link in that thread', async () => {
    const parent = h.slack.postAsUser(SUPPORT, COLLEAGUE, 'Order 88 thread');
    const message = h.slack.postAsUser(SUPPORT, CUSTOMER, 'And the lid is missing too', parent.ts);
    const view = await openFromMessage(message);
    await submitForm(view, { summary: 'Lid missing' });
    const stored = await storedCase('Lid missing');
    const reply = await h.slack.waitFor(() => h.slack.messages(SUPPORT).find((m) => m.user === h.slack.botUserId && m.text.includes(`complaint #${stored.number} `)));
    expect(reply.thread_ts).toBe(parent.ts);
    expect(await sourceRow(stored.id)).toMatchObject({ message_ts: message.ts, thread_ts: parent.ts });
    expect((await sourceRow(stored.id)).permalink).toContain(`?thread_ts=${parent.ts}`);
  });

  it('suggests a Slack Connect author as the customer, with the phone number their message carries', async () => {
    const message = h.slack.postAsUser(SUPPORT, CUSTOMER, 'My order never came. Call me on +48 601 234 567, order 12345678.');
    const view = await openFromMessage(message);
    expect(initialValue(view, INTAKE_FIELDS.customerName.blockId)).toBe('Jan Kowalski');
    expect(initialValue(view, INTAKE_FIELDS.customerContact.blockId)).toBe('+48 601 234 567');
    expect(initialValue(view, INTAKE_FIELDS.summary.blockId)).toBe('My order never came. Call me on +48 601 234 567, order 12345678.');
  });

  it('in a channel the bot is not in, the case still links the message and the reporter hears where the case lives', async () => {
    const message = h.slack.postAsUser(OUTSIDE, REPORTER, 'Customer at the till: the blender smokes');
    const view = await openFromMessage(message);
    await submitForm(view, { summary: 'Blender smokes' });
    const stored = await storedCase('Blender smokes');
    const channelId = await caseChannelOf(stored.id);
    const told = await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.includes('not in that conversation')));
    expect(told.text).toContain(`<#${channelId}>`);
    expect(told.text).toContain(`complaint #${stored.number}`);
    expect(await recordedRow(stored.id, (row) => row.reporter_told_at !== null)).toMatchObject({ reply_ts: null, reply_failure: 'not_in_channel' });
    expect(h.slack.messages(OUTSIDE).filter((m) => m.user === h.slack.botUserId)).toEqual([]);
  });

  it('refuses a guest, whoever wrote the message, and opens no form', async () => {
    const message = h.slack.postAsUser(SUPPORT, COLLEAGUE, 'Broken lamp');
    const response = await h.requests.messageShortcut({ userId: GUEST, callbackId: SHORTCUT_CALLBACK_IDS.message, channelId: SUPPORT, message });
    const view = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === response.triggerId));
    expect(JSON.stringify(view.definition)).toContain('guest');
    expect(view.callback_id).toBeUndefined();
    const global = await h.requests.globalShortcut({ userId: GUEST, callbackId: SHORTCUT_CALLBACK_IDS.global });
    const refusal = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === global.triggerId));
    expect(refusal.callback_id).toBeUndefined();
  });

  it('refuses a form whose source was tampered with or belongs to someone else, and stores nothing', async () => {
    const message = h.slack.postAsUser(SUPPORT, COLLEAGUE, 'Scratched table top');
    const view = await openFromMessage(message);
    const [version, body, seal] = (view.private_metadata ?? '').split('.');
    const fields = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...fields, c: 'C0SECRET01' })).toString('base64url');
    for (const [privateMetadata, userId] of [[`${version}.${forged}.${seal}`, REPORTER], [view.private_metadata ?? '', COLLEAGUE], ['{"c":"C0SECRET01"}', REPORTER]] as const) {
      const response = await submitForm(view, { summary: 'Scratched table top' }, { privateMetadata, userId });
      expect(response.json).toMatchObject({ response_action: 'errors', errors: { [INTAKE_FIELDS.summary.blockId]: expect.stringContaining('could not be checked') } });
    }
    expect(await caseRow('Scratched table top')).toBeUndefined();
  });

  it('opens within Slack’s 3 seconds when looking people up is slow, and fills the form in afterwards', async () => {
    h.slack.setTriggerExpiry(3000);
    // The requester's own check and the author's lookup (neither known yet) each take most of the trigger's life.
    h.slack.setLatency(1600, 'users.info');
    const message = h.slack.postAsUser(SUPPORT, LATE_CUSTOMER, 'The sofa is the wrong colour');
    const view = await openFromMessage(message, LATE_REPORTER);
    const opened = h.slack.calls('views.open').find((call) => call.params.trigger_id === view.trigger_id);
    expect(opened?.result).toMatchObject({ ok: true });
    expect(initialValue(view, INTAKE_FIELDS.customerName.blockId)).toBe('Eva Berg');
    // Had the form waited for the lookups, the trigger would have expired: the author was looked up after it opened.
    const authorLookup = h.slack.calls('users.info').find((call) => call.params.user === LATE_CUSTOMER);
    expect(authorLookup && opened && authorLookup.at >= opened.at).toBe(true);
  });
});
