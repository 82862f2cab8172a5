/**
 * Slack's side of the conversation with the bot: properly signed slash commands, block actions,
 * view submissions and events POSTed to the bot's `/slack/events`, plus a catcher for what the
 * bot posts back to response URLs.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_WORKSPACE } from './defaults.js';
import { readBody } from './request-body.js';
import { newTriggerId } from './trigger-ids.js';
import { pollUntil } from './wait-for.js';

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/**
 * Signs a request body as Slack does: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`.
 *
 * @example
 * const headers = signSlackRequest('secret', 'command=%2Fcomplaint', 1_700_000_000);
 */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const hash = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${hash}`, 'x-slack-request-timestamp': String(timestamp) };
}

export interface SlackHttpResponse {
  status: number;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown | undefined;
  /** The trigger id sent with the request, to find the view it opened. */
  triggerId?: string;
  /** The response URL sent with the request, to find what the bot posted to it. */
  responseUrl?: string;
}

/** Ways to spoil a request, for tests that check the bot rejects it. */
export interface SigningOverrides {
  /** Sign with this timestamp (seconds), e.g. 10 minutes ago for a stale request. */
  timestamp?: number;
  /** Send a signature that does not match. */
  corruptSignature?: boolean;
  /** Sign with another secret. */
  signingSecret?: string;
  /** Extra headers, e.g. `x-slack-retry-num`. */
  headers?: Record<string, string>;
}

export interface SlackRequestsOptions {
  /** The bot's HTTP origin, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  signingSecret: string;
  teamId: string;
  teamDomain?: string;
  appId?: string;
  /** Response URL sent with commands and message actions: fixed, or one per request (`() => catcher.nextUrl()`). */
  responseUrl?: string | (() => string);
  /** Default `/slack/events`. */
  path?: string;
}

/** A message as the action payload carries it; a FakeMessage from FakeSlack fits. */
export interface ActionMessage {
  ts: string;
  text?: string;
  blocks?: unknown;
  user?: string;
  thread_ts?: string;
}

/** A view as payloads carry it; a FakeView from FakeSlack fits. */
export interface ActionView {
  id: string;
  callback_id?: string;
  private_metadata?: string;
  hash?: string;
  blocks?: unknown;
  definition?: Record<string, unknown>;
}

/** Where a request comes from, when not the workspace the requests were made for. */
export interface RequestTeam {
  /** The request's team (`team_id`, `team.id`); default the workspace's. */
  teamId?: string;
  /** The clicking user's own team (`user.team_id`); default the request's team. */
  userTeamId?: string;
}

export interface SlashCommandInput extends RequestTeam {
  userId: string;
  channelId: string;
  text?: string;
  command?: string;
  triggerId?: string;
  responseUrl?: string;
  channelName?: string;
  userName?: string;
}

export interface BlockActionInput extends RequestTeam {
  userId: string;
  actionId: string;
  channelId?: string;
  value?: string;
  /** Found in `message.blocks` / `view` blocks when not given. */
  blockId?: string;
  messageTs?: string;
  /** The clicked message; its blocks supply the button's block id, value and text. */
  message?: ActionMessage;
  /** For actions inside a modal or home tab. */
  view?: ActionView;
  triggerId?: string;
  responseUrl?: string;
  isEphemeral?: boolean;
  /** Default `button`. */
  actionType?: string;
  /** Extra fields of the action, e.g. `{ selected_option: { value: 'high' } }`. */
  actionFields?: Record<string, unknown>;
}

export interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string; text?: { type: 'plain_text'; text: string } } | null;
  selected_options?: { value: string; text?: { type: 'plain_text'; text: string } }[];
  selected_date?: string | null;
  selected_user?: string | null;
  selected_users?: string[];
  selected_conversation?: string | null;
  [field: string]: unknown;
}

/** Slack's `view.state.values`: block id → action id → input state. */
export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

export interface ViewSubmissionInput extends RequestTeam {
  userId: string;
  values: ViewStateValues;
  /** Taken from `view` when not given. */
  callbackId?: string;
  privateMetadata?: string;
  viewId?: string;
  /** The submitted view, e.g. from FakeSlack.views(). */
  view?: ActionView;
  triggerId?: string;
}

export interface MessageShortcutInput extends RequestTeam {
  userId: string;
  callbackId: string;
  channelId: string;
  channelName?: string;
  /** The message the shortcut was used on, e.g. from FakeSlack.postAsUser(); `user_team` marks a Slack Connect author. */
  message: ActionMessage & { user_team?: string };
  triggerId?: string;
  responseUrl?: string;
}

export interface GlobalShortcutInput extends RequestTeam {
  userId: string;
  callbackId: string;
  triggerId?: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The interactive element with `actionId` in a list of blocks, and its block's id. */
export function findAction(blocks: unknown, actionId: string): { blockId: string | undefined; element: Json } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks) {
    if (!isObject(block)) continue;
    const candidates = [
      ...(Array.isArray(block.elements) ? block.elements : []),
      block.accessory,
      block.element,
    ];
    const element = candidates.find((candidate): candidate is Json => isObject(candidate) && candidate.action_id === actionId);
    if (element !== undefined) {
      return { blockId: typeof block.block_id === 'string' ? block.block_id : undefined, element };
    }
  }
  return undefined;
}

/**
 * Sends Slack's requests to the bot, signed with its signing secret.
 *
 * @example
 * const slack = new SlackRequests({ baseUrl: 'http://127.0.0.1:3000', signingSecret, teamId: fake.teamId });
 * const response = await slack.slashCommand({ userId: 'U0AAA0001', channelId: 'C0TEAM0001', text: 'new Late parcel' });
 * expect(response.status).toBe(200);
 */
export class SlackRequests {
  private readonly teamDomain: string;
  private readonly appId: string;

  private eventCount = 0;

  constructor(private readonly options: SlackRequestsOptions) {
    this.teamDomain = options.teamDomain ?? FAKE_WORKSPACE.teamDomain;
    this.appId = options.appId ?? FAKE_WORKSPACE.appId;
  }

  slashCommand(input: SlashCommandInput, overrides: SigningOverrides = {}): Promise<SlackHttpResponse> {
    const triggerId = input.triggerId ?? newTriggerId();
    const responseUrl = input.responseUrl ?? this.nextResponseUrl();
    const form = new URLSearchParams({
      token: 'fake-verification-token',
      team_id: input.teamId ?? this.options.teamId,
      team_domain: this.teamDomain,
      channel_id: input.channelId,
      channel_name: input.channelName ?? 'fake-channel',
      user_id: input.userId,
      user_name: input.userName ?? input.userId.toLowerCase(),
      command: input.command ?? '/complaint',
      text: input.text ?? '',
      api_app_id: this.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    });
    return this.sendSigned(form.toString(), 'application/x-www-form-urlencoded', overrides, { triggerId, responseUrl });
  }

  blockAction(input: BlockActionInput, overrides: SigningOverrides = {}): Promise<SlackHttpResponse> {
    const triggerId = input.triggerId ?? newTriggerId();
    const viewBlocks = input.view?.blocks ?? input.view?.definition?.blocks;
    const found = findAction(input.message?.blocks, input.actionId) ?? findAction(viewBlocks, input.actionId);
    const action: Json = {
      type: input.actionType ?? 'button',
      action_id: input.actionId,
      block_id: input.blockId ?? found?.blockId ?? 'fake-block',
      action_ts: `${(Date.now() / 1000).toFixed(6)}`,
    };
    if (found?.element.text !== undefined) action.text = found.element.text;
    const value = input.value ?? (typeof found?.element.value === 'string' ? found.element.value : undefined);
    if (value !== undefined) action.value = value;
    Object.assign(action, input.actionFields);

    const payload: Json = {
      type: 'block_actions',
      team: { id: input.teamId ?? this.options.teamId, domain: this.teamDomain },
      user: this.userPayload(input),
      api_app_id: this.appId,
      token: 'fake-verification-token',
      trigger_id: triggerId,
      is_enterprise_install: false,
      enterprise: null,
      actions: [action],
      state: { values: {} },
    };
    let responseUrl: string | undefined;
    if (input.view !== undefined) {
      payload.container = { type: 'view', view_id: input.view.id };
      payload.view = this.viewPayload(input.view, {});
    } else {
      const messageTs = input.messageTs ?? input.message?.ts ?? `${(Date.now() / 1000).toFixed(6)}`;
      responseUrl = input.responseUrl ?? this.nextResponseUrl();
      payload.container = {
        type: 'message',
        message_ts: messageTs,
        channel_id: input.channelId,
        is_ephemeral: input.isEphemeral ?? false,
      };
      payload.message = { type: 'message', text: '', ...input.message, ts: messageTs };
      payload.response_url = responseUrl;
    }
    if (input.channelId !== undefined) payload.channel = { id: input.channelId, name: 'fake-channel' };
    return this.sendPayload(payload, overrides, { triggerId, responseUrl });
  }

  viewSubmission(input: ViewSubmissionInput, overrides: SigningOverrides = {}): Promise<SlackHttpResponse> {
    const triggerId = input.triggerId ?? newTriggerId();
    // Like Slack, every modal a test did not name is a view of its own.
    const view = input.view ?? { id: input.viewId ?? `V0${randomBytes(5).toString('hex').toUpperCase()}` };
    const payload: Json = {
      type: 'view_submission',
      team: { id: input.teamId ?? this.options.teamId, domain: this.teamDomain },
      user: this.userPayload(input),
      api_app_id: this.appId,
      token: 'fake-verification-token',
      trigger_id: triggerId,
      view: this.viewPayload(view, {
        id: input.viewId,
        callback_id: input.callbackId,
        private_metadata: input.privateMetadata,
        values: input.values,
      }),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const callbackId = (payload.view as Json).callback_id;
    if (typeof callbackId !== 'string' || callbackId === '') {
      throw new Error('viewSubmission: give callbackId, or a view that has a callback_id');
    }
    return this.sendPayload(payload, overrides, { triggerId });
  }

  /** A message shortcut (`message_action`): someone chose the app's entry in a message's menu. */
  messageShortcut(input: MessageShortcutInput, overrides: SigningOverrides = {}): Promise<SlackHttpResponse> {
    const triggerId = input.triggerId ?? newTriggerId();
    const responseUrl = input.responseUrl ?? this.nextResponseUrl();
    const { ts, text, user, thread_ts, blocks, user_team } = input.message;
    const payload: Json = {
      type: 'message_action',
      token: 'fake-verification-token',
      action_ts: `${(Date.now() / 1000).toFixed(6)}`,
      team: { id: input.teamId ?? this.options.teamId, domain: this.teamDomain },
      user: this.userPayload(input),
      channel: { id: input.channelId, name: input.channelName ?? 'fake-channel' },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: input.callbackId,
      trigger_id: triggerId,
      response_url: responseUrl,
      message_ts: ts,
      message: {
        type: 'message',
        ts,
        text: text ?? '',
        ...(user !== undefined && { user }),
        ...(user_team !== undefined && { user_team, source_team: user_team }),
        ...(thread_ts !== undefined && { thread_ts }),
        ...(blocks !== undefined && { blocks }),
      },
      api_app_id: this.appId,
    };
    return this.sendPayload(payload, overrides, { triggerId, responseUrl });
  }

  /** A global shortcut (`shortcut`), from the shortcut menu: no channel, no message, no response URL. */
  globalShortcut(input: GlobalShortcutInput, overrides: SigningOverrides = {}): Promise<SlackHttpResponse> {
    const triggerId = input.triggerId ?? newTriggerId();
    const payload: Json = {
      type: 'shortcut',
      token: 'fake-verification-token',
      action_ts: `${(Date.now() / 1000).toFixed(6)}`,
      team: { id: input.teamId ?? this.options.teamId, domain: this.teamDomain },
      user: this.userPayload(input),
      is_enterprise_install: false,
      enterprise: null,
      callback_id: input.callbackId,
      trigger_id: triggerId,
      api_app_id: this.appId,
    };
    return this.sendPayload(payload, overrides, { triggerId });
  }

  /** An Events API callback, e.g. `{ type: 'app_home_opened', user: 'U…' }`. */
  event(event: Json, overrides: SigningOverrides = {}, envelope: { eventId?: string; teamId?: string } = {}): Promise<SlackHttpResponse> {
    // Slack's event ids are unique per delivery of an event, and the same on its retries.
    this.eventCount += 1;
    const body = JSON.stringify({
      token: 'fake-verification-token',
      team_id: envelope.teamId ?? this.options.teamId,
      api_app_id: this.appId,
      type: 'event_callback',
      event_id: envelope.eventId ?? `Ev${Date.now().toString(36).toUpperCase()}${this.eventCount}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { event_ts: `${(Date.now() / 1000).toFixed(6)}`, ...event },
    });
    return this.sendSigned(body, 'application/json', overrides, {});
  }

  /** Sends `body` with exactly these headers (content type defaults to form-encoded); nothing is signed. */
  raw(body: string, headers: Record<string, string> = {}): Promise<SlackHttpResponse> {
    return this.post(body, { 'content-type': 'application/x-www-form-urlencoded', ...headers }, {});
  }

  private viewPayload(view: ActionView, overrides: { id?: string; callback_id?: string; private_metadata?: string; values?: ViewStateValues }): Json {
    const definition = view.definition ?? {};
    const id = overrides.id ?? view.id;
    return {
      type: 'modal',
      title: { type: 'plain_text', text: 'Fake' },
      ...definition,
      id,
      team_id: this.options.teamId,
      blocks: view.blocks ?? definition.blocks ?? [],
      callback_id: overrides.callback_id ?? view.callback_id ?? definition.callback_id ?? '',
      private_metadata: overrides.private_metadata ?? view.private_metadata ?? definition.private_metadata ?? '',
      state: { values: overrides.values ?? {} },
      hash: view.hash ?? 'fake-hash',
      root_view_id: id,
      previous_view_id: null,
      app_id: this.appId,
      app_installed_team_id: this.options.teamId,
      bot_id: FAKE_WORKSPACE.botId,
    };
  }

  private userPayload(input: { userId: string } & RequestTeam): Json {
    const name = input.userId.toLowerCase();
    return { id: input.userId, username: name, name, team_id: input.userTeamId ?? input.teamId ?? this.options.teamId };
  }

  private nextResponseUrl(): string {
    const { responseUrl } = this.options;
    if (typeof responseUrl === 'function') return responseUrl();
    // Port 9 (discard) refuses at once, so a bot that answers without a catcher fails fast, offline.
    return responseUrl ?? 'http://127.0.0.1:9/no-response-url-catcher';
  }

  private sendPayload(payload: Json, overrides: SigningOverrides, sent: Partial<SlackHttpResponse>): Promise<SlackHttpResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.sendSigned(body, 'application/x-www-form-urlencoded', overrides, sent);
  }

  private sendSigned(body: string, contentType: string, overrides: SigningOverrides, sent: Partial<SlackHttpResponse>): Promise<SlackHttpResponse> {
    const signature = signSlackRequest(overrides.signingSecret ?? this.options.signingSecret, body, overrides.timestamp);
    if (overrides.corruptSignature === true) {
      const last = signature['x-slack-signature'].slice(-1);
      signature['x-slack-signature'] = signature['x-slack-signature'].slice(0, -1) + (last === '0' ? '1' : '0');
    }
    return this.post(body, { 'content-type': contentType, ...signature, ...overrides.headers }, sent);
  }

  private async post(body: string, headers: Record<string, string>, sent: Partial<SlackHttpResponse>): Promise<SlackHttpResponse> {
    const response = await fetch(`${this.options.baseUrl}${this.options.path ?? '/slack/events'}`, {
      method: 'POST',
      headers,
      body,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, body: text, json, ...sent };
  }
}

export interface CaughtResponse {
  /** The full response URL posted to. */
  url: string;
  /** The posted body, parsed as JSON when it is JSON. */
  body: unknown;
  at: number;
}

/**
 * Stands in for Slack's response URLs: records what the bot posts there (Bolt's `respond()`).
 *
 * @example
 * const catcher = await ResponseUrlCatcher.start();
 * const slack = new SlackRequests({ ..., responseUrl: () => catcher.nextUrl() });
 * const { responseUrl } = await slack.slashCommand({ userId, channelId, text: 'help' });
 * const reply = await catcher.waitFor(() => catcher.posts(responseUrl)[0]);
 */
export class ResponseUrlCatcher {
  private caught: CaughtResponse[] = [];
  private issued = 0;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<ResponseUrlCatcher> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const catcher = new ResponseUrlCatcher(server, `http://127.0.0.1:${port}`);
    server.on('request', (request, response) => {
      void readBody(request).then((raw) => {
        const text = raw.toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // Not JSON: keep the text.
        }
        catcher.caught.push({ url: `${catcher.baseUrl}${request.url ?? '/'}`, body, at: Date.now() });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"ok":true}');
      });
    });
    return catcher;
  }

  /** One shared response URL; posts() without an argument lists what arrived at any URL. */
  get url(): string {
    return `${this.baseUrl}/response`;
  }

  /** A fresh response URL, so each request's replies can be told apart. */
  nextUrl(): string {
    this.issued += 1;
    return `${this.baseUrl}/response/${this.issued}`;
  }

  /** Everything posted, or only what was posted to `url`. */
  posts(url?: string): CaughtResponse[] {
    return this.caught.filter((post) => url === undefined || post.url === url);
  }

  async waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    return pollUntil(predicate, {
      timeoutMs,
      describe: () => `response URLs received ${this.caught.length} post(s): ${this.caught.map((post) => post.url).join(', ') || 'none'}`,
    });
  }

  reset(): void {
    this.caught = [];
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
