import { SlackApiError } from '../method-params.js';
import { isChannel, type SlackState } from '../state.js';
import type { FakeFile } from '../types.js';
import type { MethodHandler } from './method-handler.js';

interface FileReference {
  id: string;
  title?: string;
}

function fileReferences(value: unknown): FileReference[] {
  if (!Array.isArray(value) || value.length === 0) throw new SlackApiError('invalid_arguments');
  return value.map((item: unknown) => {
    const reference = item as Partial<FileReference> | null;
    if (reference === null || typeof reference !== 'object' || typeof reference.id !== 'string') {
      throw new SlackApiError('invalid_arguments');
    }
    return { id: reference.id, title: typeof reference.title === 'string' ? reference.title : undefined };
  });
}

/** The upload URL path the fake serves; the bytes POSTed there are kept until completion. */
export const UPLOAD_PATH_PREFIX = '/upload/v1/';
/** Where a completed file's bytes are served (`url_private`), to a request with the bot token. */
export const FILE_PATH_PREFIX = '/files-pri/';

/** `url_private` of a file: `<origin>/files-pri/<team>-<file id>/<name>`, as Slack's own. */
export function privateFileUrl(state: SlackState, origin: string, file: Pick<FakeFile, 'id' | 'name'>, download = false): string {
  return `${origin}${FILE_PATH_PREFIX}${state.identity.teamId}-${file.id}/${download ? 'download/' : ''}${encodeURIComponent(file.name)}`;
}

function permalink(state: SlackState, file: Pick<FakeFile, 'id' | 'name'>): string {
  return `https://${state.identity.teamDomain}.slack.com/files/${state.identity.botUserId}/${file.id}/${file.name}`;
}

const FILE_TYPES: Record<string, { filetype: string; pretty_type: string; mimetype: string }> = {
  md: { filetype: 'markdown', pretty_type: 'Markdown (raw)', mimetype: 'text/plain' },
  csv: { filetype: 'csv', pretty_type: 'CSV', mimetype: 'text/csv' },
  txt: { filetype: 'text', pretty_type: 'Plain Text', mimetype: 'text/plain' },
};

/**
 * A file as files.info answers it: where it is shared (`channels` for public channels,
 * `groups` for private ones, `ims` for DMs, and `shares` with the sharing message's ts),
 * its permalink, and `url_private` / `url_private_download` serving its bytes.
 */
function fileObject(state: SlackState, origin: string, file: FakeFile): Record<string, unknown> {
  const type = FILE_TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? { filetype: 'binary', pretty_type: 'Binary', mimetype: 'application/octet-stream' };
  const channel = file.channel === undefined ? undefined : state.channels.get(file.channel);
  const direct = file.channel === undefined ? undefined : state.directConversations.get(file.channel);
  // Slack lists a file shared in a DM among the private shares, keyed by the DM's id.
  const sharedIn = channel ?? direct;
  const share =
    sharedIn && file.share_ts
      ? { [sharedIn.id]: [{ reply_users: [], reply_users_count: 0, reply_count: 0, ts: file.share_ts, channel_name: channel?.name ?? sharedIn.id, team_id: state.identity.teamId, share_user_id: state.identity.botUserId, source: 'UNKNOWN' }] }
      : undefined;
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    ...type,
    user: state.identity.botUserId,
    user_team: state.identity.teamId,
    editable: false,
    size: file.bytes.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: channel !== undefined && !channel.is_private,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: privateFileUrl(state, origin, file),
    url_private_download: privateFileUrl(state, origin, file, true),
    permalink: permalink(state, file),
    permalink_public: `https://slack-files.com/${state.identity.teamId}-${file.id}-0000000000`,
    channels: channel && !channel.is_private ? [channel.id] : [],
    groups: channel?.is_private ? [channel.id] : [],
    ims: direct ? [direct.id] : [],
    shares: share ? (channel === undefined || channel.is_private ? { private: share } : { public: share }) : {},
    comments_count: 0,
    has_rich_preview: false,
    file_access: 'visible',
  };
}

export const fileMethods: Record<string, MethodHandler> = {
  'files.getUploadURLExternal': ({ state, params, origin }) => {
    const filename = params.required('filename');
    const length = params.integer('length');
    if (length === undefined || length < 0) throw new SlackApiError('invalid_arguments');
    const id = state.newId('F');
    state.pendingUploads.set(id, { id, filename, length, bytes: undefined });
    return { upload_url: `${origin}${UPLOAD_PATH_PREFIX}${id}`, file_id: id };
  },

  'files.completeUploadExternal': ({ state, params }) => {
    const references = fileReferences(params.json('files'));
    const channelId = params.string('channel_id') ?? params.string('channels');
    let channel: string | undefined;
    if (channelId !== undefined) {
      // Like Slack, a channel or DM id is needed here; a user id must first go through conversations.open.
      const direct = state.directConversations.get(channelId);
      if (direct !== undefined) {
        channel = direct.id;
      } else {
        const destination = state.requireChannel(channelId);
        if (isChannel(destination) && destination.is_archived) throw new SlackApiError('is_archived');
        if (!state.botIsMember(destination)) throw new SlackApiError('not_in_channel');
        channel = destination.id;
      }
    }
    const uploads = references.map((reference) => {
      const upload = state.pendingUploads.get(reference.id);
      if (upload?.bytes === undefined) throw new SlackApiError('file_not_found');
      return { upload, bytes: upload.bytes, title: reference.title ?? upload.filename };
    });
    // Like Slack, sharing into a conversation posts one message there that carries the files.
    const shareTs = channel === undefined ? undefined : state.clock.next();
    if (channel !== undefined && shareTs !== undefined) {
      state.messagesIn(channel).push({
        channel,
        ts: shareTs,
        text: params.string('initial_comment') ?? '',
        blocks: undefined,
        thread_ts: params.string('thread_ts'),
        user: state.identity.botUserId,
        edits: 0,
        files: uploads.map(({ upload }) => upload.id),
      });
    }
    const files = uploads.map(({ upload, bytes, title }) => {
      state.pendingUploads.delete(upload.id);
      state.files.push({
        id: upload.id,
        name: upload.filename,
        title,
        bytes,
        content: bytes.toString('utf8'),
        channel,
        initial_comment: params.string('initial_comment'),
        thread_ts: params.string('thread_ts'),
        created: state.nowSeconds(),
        share_ts: shareTs,
      });
      return {
        id: upload.id,
        name: upload.filename,
        title,
        size: bytes.length,
        user: state.identity.botUserId,
        channels: channel === undefined ? [] : [channel],
        permalink: permalink(state, { id: upload.id, name: upload.filename }),
      };
    });
    return { files };
  },

  // A file whose upload was never completed is not a file yet: `file_not_found`, like an unknown id.
  'files.info': ({ state, params, origin }) => {
    const id = params.required('file', 'file_not_found');
    const file = state.files.find((candidate) => candidate.id === id);
    if (file === undefined) throw new SlackApiError('file_not_found');
    return { file: fileObject(state, origin, file), comments: [], response_metadata: { next_cursor: '' } };
  },
};
