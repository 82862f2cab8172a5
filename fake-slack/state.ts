import { SlackApiError } from './method-params.js';
import type { ResponseUrlGrant } from './response-urls.js';
import type {
  FakeChannel,
  FakeDirectConversation,
  FakeEphemeral,
  FakeFile,
  FakeMessage,
  FakeUser,
  FakeView,
} from './types.js';

export interface WorkspaceIdentity {
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
  token: string;
}

/** Hands out message timestamps: wall-clock based, strictly increasing and unique, surviving resets. */
export class MessageClock {
  private lastMicros = 0;

  next(): string {
    this.lastMicros = Math.max(this.lastMicros + 1, Date.now() * 1000);
    const seconds = Math.floor(this.lastMicros / 1_000_000);
    const micros = this.lastMicros % 1_000_000;
    return `${seconds}.${String(micros).padStart(6, '0')}`;
  }
}

export interface PendingUpload {
  id: string;
  filename: string;
  length: number;
  bytes: Buffer | undefined;
}

/** Everything one workspace holds; FakeSlack replaces it wholesale on reset(). */
export class SlackState {
  readonly users = new Map<string, FakeUser>();
  readonly userGroups = new Map<string, string[]>();
  readonly channels = new Map<string, FakeChannel>();
  readonly directConversations = new Map<string, FakeDirectConversation>();
  readonly messages = new Map<string, FakeMessage[]>();
  readonly ephemerals: FakeEphemeral[] = [];
  readonly views = new Map<string, FakeView>();
  readonly pendingUploads = new Map<string, PendingUpload>();
  readonly files: FakeFile[] = [];
  readonly usedTriggerIds = new Set<string>();
  /** Response URLs the fake itself handed out (FakeSlack.responseUrl), by token. */
  readonly responseUrls = new Map<string, ResponseUrlGrant>();
  /** People conversations.invite refuses, with the error it answers (`cant_invite` for a guest, say). */
  readonly refusedInvites = new Map<string, string>();
  /** People a DM to is refused, with the error chat.postMessage answers (a person Slack will not let the bot reach). */
  readonly refusedDms = new Map<string, string>();
  chatWritePublic = false;
  /** Slack refuses conversations.unarchive to bot tokens (`not_in_channel`); a test may pretend it allows it. */
  botMayUnarchive = false;
  /** When set, views.open/push reject trigger ids older than this (Slack: 3 s). */
  triggerExpiryMs: number | undefined;
  private nextIdNumber = 1;

  constructor(
    readonly identity: WorkspaceIdentity,
    readonly clock: MessageClock,
  ) {}

  /** A fresh Slack-looking id such as `C0000000007`, never one already in use. */
  newId(prefix: string): string {
    for (;;) {
      const id = `${prefix}${String(this.nextIdNumber++).padStart(10, '0')}`;
      if (!this.channels.has(id) && !this.directConversations.has(id) && !this.views.has(id)) return id;
    }
  }

  nowSeconds(): number {
    return Math.floor(Date.now() / 1000);
  }

  /** Only the bot and the users a test registered exist, as in a real workspace. */
  isKnownUser(userId: string): boolean {
    return userId === this.identity.botUserId || this.users.has(userId);
  }

  user(userId: string): FakeUser | undefined {
    const registered = this.users.get(userId);
    if (registered !== undefined) return registered;
    if (userId !== this.identity.botUserId) return undefined;
    return { id: userId, name: 'anthill', real_name: 'Anthill', tz: 'UTC', is_bot: true, deleted: false, is_restricted: false, is_ultra_restricted: false };
  }

  botIsMember(channel: FakeChannel): boolean {
    return channel.members.has(this.identity.botUserId);
  }

  channelByName(name: string): FakeChannel | undefined {
    for (const channel of this.channels.values()) if (channel.name === name) return channel;
    return undefined;
  }

  /** A channel the bot can see; private channels it is not in look missing, as in Slack. */
  requireChannel(channelId: string | undefined): FakeChannel {
    const channel = channelId === undefined ? undefined : this.channels.get(channelId);
    if (channel === undefined || (channel.is_private && !this.botIsMember(channel))) {
      throw new SlackApiError('channel_not_found');
    }
    return channel;
  }

  openIm(userId: string): FakeDirectConversation {
    for (const conversation of this.directConversations.values()) {
      if (conversation.kind === 'im' && conversation.users[0] === userId) return conversation;
    }
    const conversation: FakeDirectConversation = {
      id: this.newId('D'),
      kind: 'im',
      users: [userId],
      created: this.nowSeconds(),
    };
    this.directConversations.set(conversation.id, conversation);
    return conversation;
  }

  openMpim(userIds: string[]): FakeDirectConversation {
    const key = [...userIds].sort().join(',');
    for (const conversation of this.directConversations.values()) {
      if (conversation.kind === 'mpim' && [...conversation.users].sort().join(',') === key) return conversation;
    }
    const conversation: FakeDirectConversation = {
      id: this.newId('G'),
      kind: 'mpim',
      users: [...userIds],
      created: this.nowSeconds(),
    };
    this.directConversations.set(conversation.id, conversation);
    return conversation;
  }

  /**
   * Where a message goes: a channel (by id, or by name as Slack also accepts), a direct
   * conversation (`D…`/`G…`), or a user id (`U…`/`W…`), which means that user's DM.
   */
  resolveDestination(target: string | undefined): FakeChannel | FakeDirectConversation {
    if (target === undefined) throw new SlackApiError('channel_not_found');
    if (/^[UW]/.test(target)) {
      if (!this.isKnownUser(target)) throw new SlackApiError('channel_not_found');
      return this.openIm(target);
    }
    const direct = this.directConversations.get(target);
    if (direct !== undefined) return direct;
    if (this.channels.has(target)) return this.requireChannel(target);
    const byName = this.channelByName(target.replace(/^#/, ''));
    return this.requireChannel(byName?.id);
  }

  messagesIn(conversationId: string): FakeMessage[] {
    let list = this.messages.get(conversationId);
    if (list === undefined) {
      list = [];
      this.messages.set(conversationId, list);
    }
    return list;
  }
}

export function isChannel(conversation: FakeChannel | FakeDirectConversation): conversation is FakeChannel {
  return 'members' in conversation;
}
