import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from './slack-errors.js';

/**
 * Slack's file upload in its three steps (files.getUploadURLExternal, the bytes POSTed to
 * the URL it gives, files.completeUploadExternal), kept apart rather than in one
 * `filesUploadV2` call: the file id exists from the first step on, so a job can store it
 * before the file is shared, and after a crash ask Slack (`findUploadedFile`) whether the
 * share went through instead of posting the file twice.
 */

const UPLOAD_TIMEOUT_MS = 30_000;

/** An upload URL that answered with an HTTP error; sorted like the Web API's own (`classifySlackError`). */
export class UploadHttpError extends Error {
  readonly code = 'slack_webapi_http_error';

  constructor(readonly statusCode: number) {
    super(`the file upload URL answered HTTP ${statusCode}`);
    this.name = 'UploadHttpError';
  }
}

export interface ReservedUpload {
  readonly fileId: string;
  readonly uploadUrl: string;
}

/** Step 1: a file id and the URL its bytes go to. */
export async function reserveUpload(client: WebClient, input: { filename: string; length: number }): Promise<ReservedUpload> {
  const reply = await client.files.getUploadURLExternal({ filename: input.filename, length: input.length });
  if (!reply.file_id || !reply.upload_url) throw new Error('files.getUploadURLExternal gave no file id or upload URL');
  return { fileId: reply.file_id, uploadUrl: reply.upload_url };
}

/** Step 2: the bytes, POSTed to the upload URL (no token: the URL itself is the permission). */
export async function sendUploadBytes(uploadUrl: string, bytes: Uint8Array, contentType: string): Promise<void> {
  const response = await fetch(uploadUrl, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: bytes,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  // Drained either way, so the connection goes back to the pool.
  await response.arrayBuffer();
  if (!response.ok) throw new UploadHttpError(response.status);
}

/** Step 3: the file shared in a channel with a message; its permalink when Slack gives one. */
export async function completeUpload(
  client: WebClient,
  input: { fileId: string; title: string; channelId: string; initialComment: string },
): Promise<{ permalink: string | null }> {
  const reply = await client.files.completeUploadExternal({
    files: [{ id: input.fileId, title: input.title }],
    channel_id: input.channelId,
    initial_comment: input.initialComment,
  });
  const file = reply.files?.find((f) => f.id === input.fileId);
  return { permalink: file?.permalink ?? null };
}

/** A file as files.info describes it: where it is shared so far, and its permalink. */
export interface UploadedFile {
  readonly permalink: string | null;
  /** Channels the file is shared in; Slack shares asynchronously, so right after completing it may still be empty. */
  readonly sharedIn: readonly string[];
}

/**
 * Whether an upload was completed: files.info describes a completed file, and says
 * `file_not_found` for an id whose upload never was (Slack drops it). A file someone
 * deleted since (`file_deleted`) was completed too: it is not posted again. Other
 * refusals throw.
 */
export async function findUploadedFile(client: WebClient, fileId: string): Promise<UploadedFile | undefined> {
  try {
    const { file } = await client.files.info({ file: fileId });
    if (!file) return undefined;
    const shares = file.shares as { public?: Record<string, unknown>; private?: Record<string, unknown> } | undefined;
    const sharedIn = [
      ...Object.keys(shares?.public ?? {}),
      ...Object.keys(shares?.private ?? {}),
      ...(file.channels ?? []),
      ...(file.groups ?? []),
    ];
    return { permalink: file.permalink ?? null, sharedIn: [...new Set(sharedIn)] };
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'file_not_found') return undefined;
    if (code === 'file_deleted') return { permalink: null, sharedIn: [] };
    throw error;
  }
}
