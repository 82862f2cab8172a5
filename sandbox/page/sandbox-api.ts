/**
 * What the sandbox's server and its page say to each other: the state the page draws and
 * the bodies of its requests. Types only, so both sides (Node and the browser) import it.
 */

export interface SandboxPerson {
  id: string;
  /** What the page calls them, e.g. "Alice". */
  name: string;
  /** Their full name in Slack's profile; default `name`. */
  fullName?: string;
  /** Slack's short name (`alice`); default `name` in lower case. */
  handle?: string;
  /** What they are in the demo team, e.g. "responder" or "lead". */
  role: string;
  /** What acting as them shows, said beside the act-as switch. */
  about?: string;
  /** A multi-channel guest (Slack's `is_restricted`), whom Anthill refuses. */
  guest?: boolean;
}

export interface SandboxChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  /** A channel the bot created (a case channel), as opposed to one the sandbox set up. */
  createdByBot: boolean;
  members: string[];
  topic: string;
}

export interface SandboxDirectConversation {
  id: string;
  users: string[];
}

export interface SandboxFileRef {
  id: string;
  name: string;
  title: string;
}

export interface SandboxMessage {
  ts: string;
  user: string;
  text: string;
  blocks: unknown[] | undefined;
  threadTs: string | undefined;
  edits: number;
  files: SandboxFileRef[];
}

export interface SandboxEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks: unknown[] | undefined;
  messageTs: string;
}

/** A view as the bot last sent it (views.open/update/push/publish or a response_action). */
export interface SandboxView {
  id: string;
  hash: string;
  definition: Record<string, unknown>;
}

/** Something the bot did that Slack refused: a broken Block Kit limit, an expired trigger… */
export interface SandboxProblem {
  at: number;
  method: string;
  error: string;
  messages: string[];
}

export interface SandboxState {
  version: number;
  botUserId: string;
  botName: string;
  people: SandboxPerson[];
  channels: SandboxChannel[];
  dms: SandboxDirectConversation[];
  messages: Record<string, SandboxMessage[]>;
  ephemerals: SandboxEphemeral[];
  /** App Home views by user id. */
  homes: Record<string, SandboxView>;
  /** Open modals by user id, bottom of the stack first. */
  modals: Record<string, SandboxView[]>;
  files: (SandboxFileRef & { channel: string | undefined; bytes: number })[];
  problems: SandboxProblem[];
}

/** A block action as the page sends it: Slack's `actions[0]` and where it was clicked. */
export interface ActionRequest {
  userId: string;
  /** Slack's action object (`toSlackAction`): type, action_id, block_id, value, selected_… */
  action: Record<string, unknown> & { type: string; action_id: string; block_id: string };
  /** A message's button: its conversation and timestamp. */
  channelId?: string;
  messageTs?: string;
  isEphemeral?: boolean;
  /** A modal's or App Home's element. */
  viewId?: string;
}

export interface CommandRequest {
  userId: string;
  channelId: string;
  /** The whole line typed, e.g. `/complaint new Late parcel`. */
  line: string;
}

export interface PostRequest {
  userId: string;
  channelId: string;
  text: string;
}

export interface ShortcutRequest {
  userId: string;
  /** `message` needs the message; `global` is the lightning menu's. */
  kind: 'message' | 'global';
  channelId?: string;
  messageTs?: string;
}

export interface SubmitRequest {
  userId: string;
  viewId: string;
  values: Record<string, Record<string, Record<string, unknown>>>;
}

export interface SubmitAnswer {
  /** Field errors from `response_action: errors`, by block id; the modal stays open. */
  errors?: Record<string, string>;
}

export interface CloseRequest {
  userId: string;
  viewId: string;
}

/** What the sandbox's API answers when it could not do what was asked. */
export interface ApiRefusal {
  error: string;
}
