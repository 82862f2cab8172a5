import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_WORKSPACE } from './defaults.js';
import { FailureQueue } from './failures.js';
import { replyJson, replyText, replyWithFailure } from './http-replies.js';
import { MethodParams, SlackApiError } from './method-params.js';
import { channelNameError } from './methods/conversations.js';
import { FILE_PATH_PREFIX, UPLOAD_PATH_PREFIX } from './methods/files.js';
import { webApiMethods } from './methods/index.js';
import { applyViewResponse } from './methods/views.js';
import { SlackRateLimits, type RateLimitOption } from './rate-limits.js';
import { parseApiParams, parseMultipart, readBody } from './request-body.js';
import {
  deliverResponse,
  grantResponseUrl,
  RESPONSE_URL_PATH_PREFIX,
  useResponseUrl,
  type ResponseBody,
  type ResponseUrlContext,
} from './response-urls.js';
import { MessageClock, SlackState, type WorkspaceIdentity } from './state.js';
import type {
  FakeChannel,
  FakeEphemeral,
  FakeFile,
  FakeMessage,
  FakeUser,
  FakeView,
  InjectedFailure,
  RecordedCall,
} from './types.js';
import { pollUntil } from './wait-for.js';

export interface FakeSlackOptions {
  teamId?: string;
  botUserId?: string;
  token?: string;
  /**
   * `'slack'` enforces Slack's published per-method limits (and chat.postMessage's per
   * channel), answering 429 with Retry-After; an object adjusts single methods. Default: none.
   */
  rateLimits?: RateLimitOption;
}

export interface CreateChannelOptions {
  name: string;
  id?: string;
  /** Members besides the bot. */
  members?: string[];
  /** Default true. */
  botIsMember?: boolean;
  isPrivate?: boolean;
  isArchived?: boolean;
  /** Who created it; default the bot. A person's id makes it a channel the bot must not reuse. */
  creator?: string;
  topic?: string;
  purpose?: string;
}

/**
 * Slack's Web API, faked at its HTTP edge for integration tests and benchmarks: point the real
 * Bolt app / WebClient at `apiUrl` and it behaves like one workspace with one bot.
 *
 * @example
 * const slack = await FakeSlack.start();
 * const client = new WebClient(slack.token, { slackApiUrl: slack.apiUrl });
 * await client.conversations.create({ name: 'cmp-1-late-parcel' });
 * slack.channelByName('cmp-1-late-parcel'); // → the channel, with the bot as a member
 */
export class FakeSlack {
  readonly apiUrl: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly token: string;
  private state: SlackState;
  private readonly identity: WorkspaceIdentity;
  private readonly clock = new MessageClock();
  private readonly failures = new FailureQueue();
  private readonly listeners = new Set<(call: RecordedCall) => void>();
  private readonly answerListeners = new Set<(call: RecordedCall) => void>();
  private recordedCalls: RecordedCall[] = [];
  private defaultLatencyMs = 0;
  private readonly latencyByMethod = new Map<string, number>();
  private rateLimitOption: RateLimitOption | undefined;
  private rateLimits: SlackRateLimits | undefined;

  private constructor(
    private readonly server: Server,
    private readonly origin: string,
    options: FakeSlackOptions,
  ) {
    this.apiUrl = `${origin}/api/`;
    this.identity = {
      ...FAKE_WORKSPACE,
      teamId: options.teamId ?? FAKE_WORKSPACE.teamId,
      botUserId: options.botUserId ?? FAKE_WORKSPACE.botUserId,
      token: options.token ?? FAKE_WORKSPACE.token,
    };
    this.teamId = this.identity.teamId;
    this.botUserId = this.identity.botUserId;
    this.token = this.identity.token;
    this.state = new SlackState(this.identity, this.clock);
    this.setRateLimits(options.rateLimits);
  }

  /** Starts the fake on a free port of 127.0.0.1. */
  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const server = createServer();
    // Long keep-alive so a client never reuses a socket the server is just closing.
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSlack(server, `http://127.0.0.1:${port}`, options);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      fake.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) replyText(response, 500, `fake Slack failed: ${String(error)}`);
      });
    });
    return fake;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  /** Forgets the workspace's content, recorded calls, queued failures and latency; keeps onCall listeners and the rate limits (with fresh windows). */
  reset(): void {
    this.state = new SlackState(this.identity, this.clock);
    this.setRateLimits(this.rateLimitOption);
    this.recordedCalls = [];
    this.failures.clear();
    this.defaultLatencyMs = 0;
    this.latencyByMethod.clear();
  }

  // --- Setting up the workspace ---

  /**
   * Registers a user (a full member of the workspace unless `profile` says otherwise).
   * Only the bot and registered users exist: any other id is `user_not_found` for
   * users.info and conversations.invite, and `channel_not_found` as a DM destination.
   */
  addUser(id: string, profile: Partial<Omit<FakeUser, 'id'>> = {}): FakeUser {
    const user: FakeUser = {
      id,
      name: id.toLowerCase(),
      real_name: id,
      tz: 'UTC',
      is_bot: false,
      deleted: false,
      is_restricted: false,
      is_ultra_restricted: false,
      ...profile,
    };
    this.state.users.set(id, user);
    return user;
  }

  /** Registers several full members at once; ids already registered keep their profile. */
  addUsers(ids: Iterable<string>): void {
    for (const id of ids) if (!this.state.users.has(id) && id !== this.botUserId) this.addUser(id);
  }

  /** Changes a registered user, e.g. `{ deleted: true }` when they leave. */
  updateUser(id: string, change: Partial<Omit<FakeUser, 'id'>>): void {
    const user = this.state.users.get(id);
    if (user === undefined) throw new Error(`updateUser: ${id} is not registered`);
    Object.assign(user, change);
  }

  /** Forgets a user, as for an id Slack no longer knows: users.info says user_not_found, a DM channel_not_found. */
  removeUser(id: string): void {
    this.state.users.delete(id);
  }

  /** A user group; members not registered yet become full members of the workspace. */
  addUserGroup(id: string, userIds: string[]): void {
    this.addUsers(userIds);
    this.state.userGroups.set(id, [...userIds]);
  }

  /** Creates a channel directly (say, the team channel), bypassing the Web API and its call log. */
  createChannel(options: CreateChannelOptions): FakeChannel {
    const nameError = channelNameError(options.name);
    if (nameError !== undefined) throw new Error(`createChannel: "${options.name}" is not a valid channel name (${nameError})`);
    if (this.state.channelByName(options.name) !== undefined) throw new Error(`createChannel: name "${options.name}" is taken`);
    const id = options.id ?? this.state.newId('C');
    if (this.state.channels.has(id)) throw new Error(`createChannel: id ${id} is taken`);
    const members = new Set(options.members ?? []);
    if (options.botIsMember ?? true) members.add(this.botUserId);
    const channel: FakeChannel = {
      id,
      name: options.name,
      topic: options.topic ?? '',
      purpose: options.purpose ?? '',
      created: this.state.nowSeconds(),
      creator: options.creator ?? this.botUserId,
      is_archived: options.isArchived ?? false,
      is_private: options.isPrivate ?? false,
      members,
    };
    this.state.channels.set(id, channel);
    return channel;
  }

  /** Adds a message written by a person (one the bot may not chat.update). */
  postAsUser(channelId: string, userId: string, text: string, threadTs?: string): FakeMessage {
    const message: FakeMessage = {
      channel: channelId,
      ts: this.clock.next(),
      text,
      blocks: undefined,
      thread_ts: threadTs,
      user: userId,
      edits: 0,
    };
    this.state.messagesIn(channelId).push(message);
    return message;
  }

  /** Makes conversations.invite refuse this person with `error`, failing the whole call as Slack does. */
  refuseInvites(userId: string, error = 'cant_invite'): void {
    this.state.refusedInvites.set(userId, error);
  }

  /**
   * Makes a DM to this person fail with `error` (default `channel_not_found`, Slack's answer
   * for a person it no longer lets the bot reach), while users.info still describes them.
   */
  refuseDirectMessages(userId: string, error = 'channel_not_found'): void {
    this.state.refusedDms.set(userId, error);
  }

  /** Lets DMs to this person through again. */
  allowDirectMessages(userId: string): void {
    this.state.refusedDms.delete(userId);
  }

  /** Lets conversations.invite invite this person again. */
  allowInvites(userId: string): void {
    this.state.refusedInvites.delete(userId);
  }

  /** Deletes a message, as a person with the right to do so would in Slack; later chat.update answers `message_not_found`. */
  deleteMessage(channelId: string, ts: string): void {
    const messages = this.state.messages.get(channelId) ?? [];
    const index = messages.findIndex((message) => message.ts === ts);
    if (index < 0) throw new Error(`deleteMessage: no message ${ts} in ${channelId}`);
    messages.splice(index, 1);
  }

  /** With the chat:write.public scope the bot may post in public channels it has not joined. */
  setChatWritePublic(enabled: boolean): void {
    this.state.chatWritePublic = enabled;
  }

  /** Lets the bot unarchive channels, which Slack does not (it answers `not_in_channel` to bot tokens). */
  setBotMayUnarchive(enabled: boolean): void {
    this.state.botMayUnarchive = enabled;
  }

  /** Reject trigger ids (from SlackRequests) older than `ms`, as Slack does after 3 s; undefined turns it off. */
  setTriggerExpiry(ms: number | undefined): void {
    this.state.triggerExpiryMs = ms;
  }

  // --- Failures and timing ---

  /** Makes the next call(s) of `method` fail before it runs, so nothing changes. */
  failNext(method: string, failure: InjectedFailure = {}): void {
    this.failures.add(method, failure);
  }

  /** Delays every answer (or only `method`'s) by `ms`, like a distant Slack. */
  setLatency(ms: number, method?: string): void {
    if (method === undefined) this.defaultLatencyMs = ms;
    else this.latencyByMethod.set(method, ms);
  }

  /** Turns Slack's rate limits on (`'slack'`, or adjusted), with fresh windows, or off (undefined). */
  setRateLimits(option: RateLimitOption | undefined): void {
    this.rateLimitOption = option;
    this.rateLimits = option === undefined ? undefined : new SlackRateLimits(option);
  }

  /** 429s the rate limits answered since they were turned on, of one method or all. */
  rateLimited(method?: string): number {
    return this.rateLimits?.refusals(method) ?? 0;
  }

  /** Calls `listener` as each Web API call arrives; returns a function that stops listening. */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` once each Web API call (or post to one of the fake's response URLs,
   * logged as method `response_url`) has been answered, its effect visible in the state.
   */
  onAnswered(listener: (call: RecordedCall) => void): () => void {
    this.answerListeners.add(listener);
    return () => this.answerListeners.delete(listener);
  }

  // --- Slack's side of interactions ---

  /**
   * A response URL served by the fake itself, with Slack's rules (5 uses in 30 minutes;
   * replace_original / delete_original act on `messageTs`; otherwise an ephemeral to `user`,
   * or an `in_channel` message). Tests that only record posts use ResponseUrlCatcher instead.
   */
  responseUrl(context: ResponseUrlContext): string {
    return `${this.origin}${RESPONSE_URL_PATH_PREFIX}${grantResponseUrl(this.state, context)}`;
  }

  /**
   * What Slack does with a slash command's acknowledgement body (`{ text, blocks,
   * response_type }`): the same as a post to its response URL, without using one up.
   */
  respondToCommand(context: ResponseUrlContext, body: ResponseBody): { ok: boolean; error?: string; messages?: string[] } {
    const outcome = deliverResponse(this.state, context, body);
    if (outcome.result.ok === true) return { ok: true };
    const metadata = outcome.result.response_metadata as { messages?: string[] } | undefined;
    return { ok: false, error: String(outcome.result.error), ...(metadata?.messages ? { messages: metadata.messages } : {}) };
  }

  /**
   * What Slack does with a view submission's `response_action` `update` or `push`; returns
   * the view now shown. Throws SlackApiError when the view breaks a Block Kit limit.
   */
  applyViewResponse(action: 'update' | 'push', submittedViewId: string, view: unknown): FakeView {
    return applyViewResponse(this.state, action, submittedViewId, view);
  }

  // --- Observing ---

  calls(method?: string): RecordedCall[] {
    return this.recordedCalls.filter((call) => method === undefined || call.method === method);
  }

  channels(): FakeChannel[] {
    return [...this.state.channels.values()];
  }

  channel(id: string): FakeChannel | undefined {
    return this.state.channels.get(id);
  }

  channelByName(name: string): FakeChannel | undefined {
    return this.state.channelByName(name);
  }

  /** Messages in a channel or DM, thread replies included, oldest first. */
  messages(channelId: string): FakeMessage[] {
    return [...(this.state.messages.get(channelId) ?? [])];
  }

  /** Messages the bot sent to `userId` in their one-to-one DM. */
  dms(userId: string): FakeMessage[] {
    const im = [...this.state.directConversations.values()].find(
      (conversation) => conversation.kind === 'im' && conversation.users[0] === userId,
    );
    return im === undefined ? [] : this.messages(im.id);
  }

  /** Ephemeral messages, optionally only those in a channel or to a user. */
  ephemerals(channelOrUser?: string): FakeEphemeral[] {
    return this.state.ephemerals.filter(
      (ephemeral) => channelOrUser === undefined || ephemeral.channel === channelOrUser || ephemeral.user === channelOrUser,
    );
  }

  views(): FakeView[] {
    return [...this.state.views.values()];
  }

  files(): FakeFile[] {
    return [...this.state.files];
  }

  /**
   * Resolves with the predicate's first value other than undefined/null/false, polling every
   * 10 ms; on timeout throws an error listing the last calls the fake received.
   */
  async waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    return pollUntil(predicate, { timeoutMs, describe: () => this.describeRecentCalls() });
  }

  private describeRecentCalls(): string {
    const recent = this.recordedCalls.slice(-15);
    if (recent.length === 0) return 'fake Slack received no Web API calls';
    const lines = recent.map((call) => {
      const outcome = call.result === undefined ? `HTTP ${call.status ?? 'dropped'}` : call.result.ok === true ? 'ok' : String(call.result.error);
      const channel = typeof call.params.channel === 'string' ? ` channel=${call.params.channel}` : '';
      return `  ${call.method}${channel} → ${outcome}`;
    });
    return `last calls to fake Slack (of ${this.recordedCalls.length}):\n${lines.join('\n')}`;
  }

  // --- HTTP ---

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin);
    const body = await readBody(request);
    if (url.pathname.startsWith(UPLOAD_PATH_PREFIX)) {
      this.receiveUpload(url.pathname.slice(UPLOAD_PATH_PREFIX.length), request, body, response);
      return;
    }
    if (url.pathname.startsWith(FILE_PATH_PREFIX)) {
      this.serveFile(url.pathname.slice(FILE_PATH_PREFIX.length), request, response);
      return;
    }
    if (url.pathname.startsWith(RESPONSE_URL_PATH_PREFIX) && request.method === 'POST') {
      this.receiveResponse(url.pathname.slice(RESPONSE_URL_PATH_PREFIX.length), body, response);
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      replyText(response, 404, 'Not Found');
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    let rawParams: Record<string, unknown>;
    try {
      rawParams = parseApiParams(request.headers['content-type'], body, url.searchParams);
    } catch {
      replyJson(response, 200, { ok: false, error: 'invalid_json' });
      return;
    }
    const call: RecordedCall = { method, params: rawParams, at: Date.now() };
    this.recordedCalls.push(call);
    for (const listener of this.listeners) listener(call);

    const latency = this.latencyByMethod.get(method) ?? this.defaultLatencyMs;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));

    const failure = this.failures.take(method);
    if (failure !== undefined) {
      Object.assign(call, replyWithFailure(request, response, failure));
      return;
    }
    const channel = typeof rawParams.channel === 'string' ? rawParams.channel : undefined;
    const retryAfter = this.rateLimits?.admit(method, channel);
    if (retryAfter !== undefined) {
      Object.assign(call, replyWithFailure(request, response, { status: 429, retryAfter }));
      return;
    }
    const result = this.runMethod(method, rawParams, request.headers.authorization);
    call.status = 200;
    call.result = result;
    replyJson(response, 200, result);
    this.announceAnswer(call);
  }

  private announceAnswer(call: RecordedCall): void {
    for (const listener of this.answerListeners) listener(call);
  }

  /** A post to one of the fake's response URLs (JSON, as Bolt's respond() sends). */
  private receiveResponse(token: string, body: Buffer, response: ServerResponse): void {
    let params: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      params = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      replyJson(response, 400, { ok: false, error: 'invalid_json' });
      return;
    }
    const call: RecordedCall = { method: 'response_url', params, at: Date.now() };
    this.recordedCalls.push(call);
    for (const listener of this.listeners) listener(call);
    const outcome = useResponseUrl(this.state, token, params);
    call.status = outcome.status;
    call.result = outcome.result;
    replyJson(response, outcome.status, outcome.result);
    this.announceAnswer(call);
  }

  private runMethod(method: string, rawParams: Record<string, unknown>, authorization: string | undefined): Record<string, unknown> {
    const handler = webApiMethods.get(method);
    if (handler === undefined) return { ok: false, error: 'unknown_method' };
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
    const token = bearer ?? (typeof rawParams.token === 'string' && rawParams.token !== '' ? rawParams.token : undefined);
    if (token === undefined) return { ok: false, error: 'not_authed' };
    if (token !== this.token) return { ok: false, error: 'invalid_auth' };
    try {
      return { ok: true, ...handler({ state: this.state, params: new MethodParams(rawParams), origin: this.origin }) };
    } catch (error) {
      if (error instanceof SlackApiError) return { ok: false, error: error.code, ...error.details };
      // A bug in the fake itself: answer like Slack's own internal failure, with the cause for the test log.
      return { ok: false, error: 'fatal_error', fake_slack_error: error instanceof Error ? error.stack : String(error) };
    }
  }

  /**
   * `url_private` / `url_private_download` of a completed file (`<team>-<file id>/[download/]<name>`):
   * its bytes to a GET with the bot token; without it Slack sends the browser to sign in.
   */
  private serveFile(path: string, request: IncomingMessage, response: ServerResponse): void {
    const [owner] = path.split('/');
    const prefix = `${this.identity.teamId}-`;
    const file = owner?.startsWith(prefix) ? this.state.files.find((candidate) => candidate.id === owner.slice(prefix.length)) : undefined;
    if (request.method !== 'GET' || file === undefined) {
      replyText(response, 404, 'Not Found');
      return;
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer !== this.token) {
      response.writeHead(302, { location: '/signin' });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
    response.end(file.bytes);
  }

  /** The upload URL from files.getUploadURLExternal: keeps the bytes (raw or multipart) for completion. */
  private receiveUpload(fileId: string, request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const upload = this.state.pendingUploads.get(fileId);
    if (upload === undefined || request.method !== 'POST') {
      replyText(response, 404, 'Not Found');
      return;
    }
    const contentType = request.headers['content-type'] ?? '';
    if (contentType.toLowerCase().startsWith('multipart/form-data')) {
      const parts = parseMultipart(contentType, body);
      const filePart = parts.find((part) => part.filename !== undefined) ?? parts[0];
      upload.bytes = filePart?.data ?? Buffer.alloc(0);
    } else {
      upload.bytes = body;
    }
    replyText(response, 200, `OK - ${upload.bytes.length}`);
  }
}
