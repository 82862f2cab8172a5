import { SlackApiError } from '../method-params.js';
import { isChannel } from '../state.js';
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
      });
      return {
        id: upload.id,
        name: upload.filename,
        title,
        size: bytes.length,
        user: state.identity.botUserId,
        channels: channel === undefined ? [] : [channel],
        permalink: `https://${state.identity.teamDomain}.slack.com/files/${state.identity.botUserId}/${upload.id}/${upload.filename}`,
      };
    });
    return { files };
  },
};
