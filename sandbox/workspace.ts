/**
 * The sandbox's Slack: the fake Slack Web API the bot calls, plus what Slack's own client
 * would do for the people using the page: every click, command, shortcut and form becomes
 * a signed request to the bot's real `/slack/events` (SlackRequests), and what the bot
 * answers (views, response URLs, `response_action`) is applied as Slack applies it.
 */
import type { FakeSlack, FakeView, RecordedCall } from '../fake-slack/index.js';
import { SHORTCUT_CALLBACK_IDS } from '../src/blocks/shortcut-views.js';
import { SlackRequests, type SlackHttpResponse } from '../fake-slack/slack-requests.js';
import { newTriggerId } from '../fake-slack/trigger-ids.js';
import type {
  ActionRequest,
  CloseRequest,
  CommandRequest,
  PostRequest,
  SandboxPerson,
  SandboxProblem,
  SandboxState,
  SandboxView,
  ShortcutRequest,
  SubmitAnswer,
  SubmitRequest,
} from './page/sandbox-api.js';


/** Slack's errors worth showing on the page: the bot broke a rule a real workspace enforces. */
const NOTEWORTHY_ERRORS = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_arguments',
  'msg_too_long',
  'expired_trigger_id',
  'exchanged_trigger_id',
  'no_text',
  'invalid_json',
  'used_url',
  'expired_url',
  'hash_conflict',
]);

/** How long Slack waits for the app to acknowledge a request. */
const ACK_DEADLINE_MS = 3000;

/** A problem list longer than this loses its oldest entries. */
const MAX_PROBLEMS = 50;

/** A refusal the page shows as it is (English sandbox chrome, not the bot's words). */
export class SandboxRefusal extends Error {}

export interface SandboxWorkspaceOptions {
  slack: FakeSlack;
  /** The bot's `/slack/events` origin, e.g. `http://127.0.0.1:41234`. */
  botUrl: string;
  signingSecret: string;
  people: readonly SandboxPerson[];
  botName: string;
}

interface ModalStack {
  views: string[];
}

export class SandboxWorkspace {
  private readonly slack: FakeSlack;
  private readonly requests: SlackRequests;
  private readonly people: readonly SandboxPerson[];
  private readonly botName: string;
  /** Who each trigger id was handed to, so the modal it opens goes to their screen. */
  private readonly triggerOwners = new Map<string, string>();
  private readonly modalStacks = new Map<string, ModalStack>();
  /** Channels that existed before the bot ran, so the page can tell case channels apart. */
  private readonly setUpChannels = new Set<string>();
  private readonly problems: SandboxProblem[] = [];
  private readonly changeListeners = new Set<(version: number) => void>();
  private version = 0;

  constructor(options: SandboxWorkspaceOptions) {
    this.slack = options.slack;
    this.people = options.people;
    this.botName = options.botName;
    this.requests = new SlackRequests({ baseUrl: options.botUrl, signingSecret: options.signingSecret, teamId: options.slack.teamId });
    for (const channel of this.slack.channels()) this.setUpChannels.add(channel.id);
    this.slack.onAnswered((call) => this.observe(call));
  }

  /** Calls `listener` with the new version whenever anything the page shows changed. */
  onChange(listener: (version: number) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  snapshot(): SandboxState {
    const slack = this.slack;
    const files = slack.files();
    const fileRef = (id: string) => {
      const file = files.find((candidate) => candidate.id === id);
      return { id, name: file?.name ?? id, title: file?.title ?? id };
    };
    const conversations = [...slack.channels().map((channel) => channel.id), ...this.directConversations().map((dm) => dm.id)];
    const messages = Object.fromEntries(
      conversations.map((id) => [
        id,
        slack.messages(id).map((message) => ({
          ts: message.ts,
          user: message.user,
          text: message.text,
          blocks: message.blocks,
          threadTs: message.thread_ts,
          edits: message.edits,
          files: (message.files ?? []).map(fileRef),
        })),
      ]),
    );
    const views = new Map(slack.views().map((view) => [view.id, view]));
    const homes = Object.fromEntries(
      slack.views().filter((view) => view.type === 'home' && view.user_id !== undefined).map((view) => [view.user_id as string, viewOf(view)]),
    );
    const modals = Object.fromEntries(
      [...this.modalStacks].map(([userId, stack]) => [
        userId,
        stack.views.flatMap((id) => {
          const view = views.get(id);
          return view === undefined ? [] : [viewOf(view)];
        }),
      ]),
    );
    return {
      version: this.version,
      botUserId: slack.botUserId,
      botName: this.botName,
      people: [...this.people],
      channels: slack.channels().map((channel) => ({
        id: channel.id,
        name: channel.name,
        isPrivate: channel.is_private,
        isArchived: channel.is_archived,
        createdByBot: !this.setUpChannels.has(channel.id),
        members: [...channel.members],
        topic: channel.topic,
      })),
      dms: this.directConversations(),
      messages,
      ephemerals: slack.ephemerals().map((ephemeral) => ({
        channel: ephemeral.channel,
        user: ephemeral.user,
        text: ephemeral.text,
        blocks: ephemeral.blocks,
        messageTs: ephemeral.message_ts,
      })),
      homes,
      modals,
      files: files.map((file) => ({ id: file.id, name: file.name, title: file.title, channel: file.channel, bytes: file.bytes.length })),
      problems: [...this.problems],
    };
  }

  /** A person types a line in the composer; a slash command goes to the bot, other text is posted as theirs. */
  async post(request: PostRequest): Promise<void> {
    this.requirePerson(request.userId);
    const text = request.text.trim();
    if (text === '') throw new SandboxRefusal('Type a message or a slash command first.');
    if (text.startsWith('/')) {
      await this.command({ userId: request.userId, channelId: request.channelId, line: text });
      return;
    }
    const channel = this.slack.channel(request.channelId);
    if (channel?.is_archived === true) throw new SandboxRefusal('This channel is archived: nobody can post in it.');
    this.slack.postAsUser(request.channelId, request.userId, text);
    this.changed();
  }

  /** `/complaint …`, as Slack sends a slash command; an acknowledgement with text is shown to the person. */
  async command(request: CommandRequest): Promise<void> {
    const person = this.requirePerson(request.userId);
    const [command = '', ...words] = request.line.trim().split(/\s+/);
    if (command !== '/complaint') throw new SandboxRefusal(`Only /complaint is installed in this sandbox, not ${command}.`);
    const channelName = this.slack.channel(request.channelId)?.name ?? 'directmessage';
    const context = { user: request.userId, channel: request.channelId };
    const response = await this.deliver('slash command', () => this.requests.slashCommand({
      userId: request.userId,
      userName: person.name,
      channelId: request.channelId,
      channelName,
      command,
      text: words.join(' '),
      triggerId: this.triggerFor(request.userId),
      responseUrl: this.slack.responseUrl(context),
    }));
    if (response.json !== undefined && typeof response.json === 'object' && response.json !== null) {
      const shown = this.slack.respondToCommand(context, response.json as Record<string, unknown>);
      // An acknowledgement without text shows nothing, as in Slack; one breaking a limit is the bot's mistake.
      if (!shown.ok && shown.error !== 'no_text') {
        this.noteProblem({ at: Date.now(), method: 'slash command acknowledgement', error: shown.error ?? 'error', messages: shown.messages ?? [] });
      }
      this.changed();
    }
  }

  /** A button, select, overflow or checkbox was used in a message, a modal or the App Home. */
  async action(request: ActionRequest): Promise<void> {
    this.requirePerson(request.userId);
    const { action } = request;
    const view = request.viewId === undefined ? undefined : this.slack.views().find((candidate) => candidate.id === request.viewId);
    if (request.viewId !== undefined && view === undefined) throw new SandboxRefusal('That view is gone.');
    const message = this.findMessage(request);
    const { type, action_id: actionId, block_id: blockId, ...fields } = action;
    await this.deliver('block action', () => this.requests.blockAction({
      userId: request.userId,
      actionId,
      blockId,
      actionType: type,
      actionFields: fields,
      triggerId: this.triggerFor(request.userId),
      ...(request.channelId !== undefined && { channelId: request.channelId }),
      ...(view !== undefined && { view }),
      ...(message !== undefined && { message, messageTs: message.ts, isEphemeral: request.isEphemeral === true }),
      ...(view === undefined &&
        request.channelId !== undefined &&
        request.messageTs !== undefined && {
          responseUrl: this.slack.responseUrl({
            user: request.userId,
            channel: request.channelId,
            messageTs: request.messageTs,
            isEphemeral: request.isEphemeral === true,
          }),
        }),
    }));
  }

  /** The message menu's "Open a complaint", or the lightning menu's "New complaint". */
  async shortcut(request: ShortcutRequest): Promise<void> {
    this.requirePerson(request.userId);
    const triggerId = this.triggerFor(request.userId);
    if (request.kind === 'global') {
      await this.deliver('global shortcut', () => this.requests.globalShortcut({ userId: request.userId, callbackId: SHORTCUT_CALLBACK_IDS.global, triggerId }));
      return;
    }
    const channelId = request.channelId;
    const message = channelId === undefined ? undefined : this.slack.messages(channelId).find((candidate) => candidate.ts === request.messageTs);
    if (channelId === undefined || message === undefined) throw new SandboxRefusal('That message is gone.');
    await this.deliver('message shortcut', () => this.requests.messageShortcut({
      userId: request.userId,
      callbackId: SHORTCUT_CALLBACK_IDS.message,
      channelId,
      channelName: this.slack.channel(channelId)?.name ?? 'directmessage',
      message: { ts: message.ts, text: message.text, user: message.user, ...(message.thread_ts !== undefined && { thread_ts: message.thread_ts }), ...(message.blocks !== undefined && { blocks: message.blocks }) },
      triggerId,
      responseUrl: this.slack.responseUrl({ user: request.userId, channel: channelId }),
    }));
  }

  /** Submit on a modal: the bot's `response_action` closes, updates, pushes, clears or shows field errors. */
  async submit(request: SubmitRequest): Promise<SubmitAnswer> {
    this.requirePerson(request.userId);
    const stack = this.modalStacks.get(request.userId);
    const view = this.slack.views().find((candidate) => candidate.id === request.viewId);
    if (stack === undefined || view === undefined || !stack.views.includes(view.id)) throw new SandboxRefusal('That form is no longer open.');
    const response = await this.deliver('view submission', () => this.requests.viewSubmission({
      userId: request.userId,
      view,
      values: request.values as Parameters<SlackRequests['viewSubmission']>[0]['values'],
      triggerId: this.triggerFor(request.userId),
    }));
    const answer = (response.json ?? {}) as { response_action?: string; errors?: Record<string, string>; view?: unknown };
    switch (answer.response_action) {
      case 'errors':
        return { errors: answer.errors ?? {} };
      case 'update':
      case 'push': {
        const shown = this.applyViewResponse(answer.response_action, view.id, answer.view);
        if (answer.response_action === 'push') stack.views.push(shown.id);
        break;
      }
      case 'clear':
        this.modalStacks.delete(request.userId);
        break;
      default:
        stack.views = stack.views.filter((id) => id !== view.id);
    }
    this.changed();
    return {};
  }

  /** Close (or ×) on a modal: it leaves the person's stack, or the whole stack goes with `clear_on_close`, as in Slack. */
  close(request: CloseRequest): void {
    const stack = this.modalStacks.get(request.userId);
    const view = this.slack.views().find((candidate) => candidate.id === request.viewId);
    if (view?.definition.clear_on_close === true) this.modalStacks.delete(request.userId);
    else if (stack !== undefined) stack.views = stack.views.filter((id) => id !== request.viewId);
    this.changed();
  }

  /** The person opened the App Home tab: Slack sends `app_home_opened`. */
  async openHome(userId: string): Promise<void> {
    this.requirePerson(userId);
    const im = this.slack.dms(userId)[0]?.channel;
    await this.deliver('app_home_opened event', () => this.requests.event({ type: 'app_home_opened', user: userId, tab: 'home', ...(im !== undefined && { channel: im }) }));
  }

  /** A file's bytes and name, for the file viewer. */
  file(fileId: string): { name: string; bytes: Buffer } | undefined {
    const file = this.slack.files().find((candidate) => candidate.id === fileId);
    return file === undefined ? undefined : { name: file.name, bytes: file.bytes };
  }

  private applyViewResponse(action: 'update' | 'push', viewId: string, view: unknown): FakeView {
    try {
      return this.slack.applyViewResponse(action, viewId, view);
    } catch (error) {
      const details = (error as { code?: string; details?: { response_metadata?: { messages?: string[] } } });
      const messages = details.details?.response_metadata?.messages ?? [];
      this.noteProblem({ at: Date.now(), method: `view_submission response_action: ${action}`, error: details.code ?? String(error), messages });
      throw new SandboxRefusal(`Slack refused the form the bot answered with (${details.code ?? 'error'}).`);
    }
  }

  private directConversations(): SandboxState['dms'] {
    const dms = new Map<string, string[]>();
    for (const person of this.people) {
      const first = this.slack.dms(person.id)[0];
      if (first !== undefined) dms.set(first.channel, [person.id]);
    }
    return [...dms].map(([id, users]) => ({ id, users }));
  }

  private findMessage(request: ActionRequest): { ts: string; text: string; blocks?: unknown; user: string } | undefined {
    if (request.channelId === undefined || request.messageTs === undefined) return undefined;
    if (request.isEphemeral === true) {
      const ephemeral = this.slack.ephemerals(request.channelId).find((candidate) => candidate.message_ts === request.messageTs);
      return ephemeral === undefined ? undefined : { ts: ephemeral.message_ts, text: ephemeral.text, blocks: ephemeral.blocks, user: this.slack.botUserId };
    }
    const message = this.slack.messages(request.channelId).find((candidate) => candidate.ts === request.messageTs);
    if (message === undefined) throw new SandboxRefusal('That message is gone.');
    return { ts: message.ts, text: message.text, user: message.user, ...(message.blocks !== undefined && { blocks: message.blocks }) };
  }

  private requirePerson(userId: string): SandboxPerson {
    const person = this.people.find((candidate) => candidate.id === userId);
    if (person === undefined) throw new SandboxRefusal(`Nobody called ${userId} is in the demo workspace.`);
    return person;
  }

  /**
   * Sends one of Slack's requests to the bot. Slack waits 3 seconds for the acknowledgement
   * and then tells the person the app did not respond; a slower answer is shown as a problem,
   * and a failed one refused, as Slack would.
   */
  private async deliver(kind: string, send: () => Promise<SlackHttpResponse>): Promise<SlackHttpResponse> {
    const sentAt = Date.now();
    const response = await send();
    const tookMs = Date.now() - sentAt;
    if (tookMs > ACK_DEADLINE_MS) {
      this.noteProblem({ at: Date.now(), method: kind, error: 'operation_timeout', messages: [`the app acknowledged after ${tookMs} ms; Slack waits ${ACK_DEADLINE_MS} ms`] });
      this.changed();
    }
    if (response.status !== 200) throw new SandboxRefusal(`The app did not answer (HTTP ${response.status}). Slack would say: "${this.botName} didn't respond".`);
    return response;
  }

  private triggerFor(userId: string): string {
    const triggerId = newTriggerId();
    this.triggerOwners.set(triggerId, userId);
    return triggerId;
  }

  /** Follows the bot's calls: modals opened and pushed go onto their person's stack; refusals become problems. */
  private observe(call: RecordedCall): void {
    const result = call.result;
    if (result?.ok === true && (call.method === 'views.open' || call.method === 'views.push')) {
      const viewId = (result.view as { id?: string } | undefined)?.id;
      const triggerId = typeof call.params.trigger_id === 'string' ? call.params.trigger_id : undefined;
      const owner = triggerId === undefined ? undefined : this.triggerOwners.get(triggerId);
      if (viewId !== undefined && owner !== undefined) {
        const stack = this.modalStacks.get(owner);
        if (call.method === 'views.push' && stack !== undefined) stack.views.push(viewId);
        else this.modalStacks.set(owner, { views: [viewId] });
      }
    }
    if (result?.ok === false && typeof result.error === 'string' && NOTEWORTHY_ERRORS.has(result.error)) {
      const metadata = result.response_metadata as { messages?: unknown } | undefined;
      const messages = Array.isArray(metadata?.messages) ? metadata.messages.map(String) : Array.isArray(result.errors) ? result.errors.map(String) : [];
      this.noteProblem({ at: call.at, method: call.method, error: result.error, messages });
    }
    this.changed();
  }

  private noteProblem(problem: SandboxProblem): void {
    this.problems.push(problem);
    if (this.problems.length > MAX_PROBLEMS) this.problems.shift();
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.changeListeners) listener(this.version);
  }
}

function viewOf(view: FakeView): SandboxView {
  return { id: view.id, hash: view.hash, definition: view.definition };
}
