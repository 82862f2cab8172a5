/** Shapes of what the fake Slack stores; field names follow Slack's own JSON so tests read like Slack. */

export interface FakeUser {
  id: string;
  name: string;
  real_name: string;
  /** The name Slack shows for them (their profile's display name); default `name`. */
  display_name?: string;
  tz: string;
  is_bot: boolean;
  /** A deactivated account: Slack still answers users.info, with `deleted: true`. */
  deleted: boolean;
  /** Multi-channel guest. */
  is_restricted: boolean;
  /** Single-channel guest. */
  is_ultra_restricted: boolean;
  /** The user's own workspace; another team's id makes them a Slack Connect (external) user. Default: the fake's team. */
  team_id?: string;
  /** Enterprise Grid organisation the user belongs to, answered as `enterprise_user.enterprise_id`. */
  enterprise_id?: string;
}

export interface FakeChannel {
  id: string;
  name: string;
  topic: string;
  purpose: string;
  /** Unix seconds. */
  created: number;
  creator: string;
  is_archived: boolean;
  is_private: boolean;
  members: Set<string>;
}

/** A one-to-one (`D…`) or group (`G…`) direct conversation opened by the bot. */
export interface FakeDirectConversation {
  id: string;
  kind: 'im' | 'mpim';
  users: string[];
  created: number;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[] | undefined;
  thread_ts: string | undefined;
  user: string;
  /** How many times chat.update changed this message. */
  edits: number;
  /** Ids of the files this message shares (files.completeUploadExternal posts one). */
  files?: string[];
  /** Message metadata sent with chat.postMessage (`event_type`, `event_payload`). */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks: unknown[] | undefined;
  thread_ts: string | undefined;
  message_ts: string;
}

export interface FakeView {
  id: string;
  type: 'modal' | 'home';
  /** How the view came to be: views.open, views.push or views.publish. */
  via: 'open' | 'push' | 'publish';
  /** The view definition as last sent by the bot (views.update replaces it). */
  definition: Record<string, unknown>;
  callback_id: string | undefined;
  private_metadata: string | undefined;
  external_id: string | undefined;
  trigger_id: string | undefined;
  /** For home tabs: whose home tab. */
  user_id: string | undefined;
  hash: string;
  /** How many times views.update (or a later views.publish) replaced it. */
  updates: number;
}

export interface FakeFile {
  id: string;
  name: string;
  title: string;
  bytes: Buffer;
  /** `bytes` decoded as UTF-8, for text files such as CSV. */
  content: string;
  channel: string | undefined;
  initial_comment: string | undefined;
  thread_ts: string | undefined;
  /** Unix seconds of the completed upload. */
  created: number;
  /** The message that shared it in `channel`, if shared. */
  share_ts: string | undefined;
}

export interface RecordedCall {
  method: string;
  /** Request parameters; JSON-encoded fields such as `blocks` and `view` are already decoded. */
  params: Record<string, unknown>;
  /** Date.now() when the request arrived. */
  at: number;
  /** The JSON body answered, set once the response is sent (absent for injected HTTP and network failures). */
  result?: Record<string, unknown>;
  /** HTTP status answered, set once the response is sent (absent for network failures). */
  status?: number;
}

export interface InjectedFailure {
  /** Slack error code answered with HTTP 200, or `ratelimited` for HTTP 429. */
  error?: string;
  /** HTTP status, e.g. 500 or 503 (answered with an HTML body), or 429. */
  status?: number;
  /** Seconds for the Retry-After header of a 429; default 1. */
  retryAfter?: number;
  /** How many consecutive calls fail; default 1. */
  times?: number;
  /** Destroy the socket instead of answering. */
  networkError?: boolean;
}
