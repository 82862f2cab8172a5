import { createHmac, timingSafeEqual } from 'node:crypto';
import { isConversationId, isMessageTs, isSlackPermalink, type SourceMessage } from '../domain/source-message.js';

/**
 * The message a form was opened from, carried in the form's `private_metadata` and sealed
 * with an HMAC. Slack hands `private_metadata` back with the submission, and Anthill does
 * not trust what comes back: a forged or edited one could tie a case to a message in a
 * conversation the reporter cannot see, and make the bot post a link to the case under it.
 * The seal binds the message to the workspace and the person who used the shortcut there
 * (which proves they could see it), and to when; `openSource` checks all of it.
 */
export interface SealedSource extends SourceMessage {
  readonly teamId: string;
  readonly userId: string;
  /** Cases the message already had when the form opened: the form asked to confirm another. */
  readonly alreadyCases: number;
}

/** A form is filled in within a day; an older seal is refused. */
export const SOURCE_SEAL_MAX_AGE_MS = 24 * 3_600_000;
const VERSION = 'src1';

/**
 * The key the seals are made with, derived from a secret every web process has (the bot
 * token), so a form opened by one process is checked by another.
 */
export function sourceSealKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('anthill: intake form source message, v1').digest();
}

/**
 * @example
 * const metadata = sealSource(key, { teamId, userId, channelId, messageTs, permalink, alreadyCases: 0 }, now);
 */
export function sealSource(key: Buffer, source: SealedSource, now: Date): string {
  const body = Buffer.from(
    JSON.stringify({
      t: source.teamId,
      u: source.userId,
      c: source.channelId,
      m: source.messageTs,
      ...(source.threadTs !== undefined && { h: source.threadTs }),
      p: source.permalink,
      a: source.alreadyCases,
      at: now.getTime(),
    }),
  ).toString('base64url');
  return `${VERSION}.${body}.${mac(key, body)}`;
}

export type OpenedSource = { ok: true; source: SealedSource } | { ok: false; reason: 'forged' | 'malformed' | 'other_person' | 'expired' };

/**
 * The sealed message of a submission, when the seal is Anthill's, unchanged, made for this
 * person in this workspace, younger than a day, and every part has Slack's shape.
 */
export function openSource(key: Buffer, metadata: string, request: { teamId: string; userId: string; now: Date }): OpenedSource {
  const [version, body, seal, ...rest] = metadata.split('.');
  if (version !== VERSION || body === undefined || seal === undefined || rest.length > 0) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(seal);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { t, u, c, m, h, p, a, at } = fields;
  const shaped =
    typeof t === 'string' && typeof u === 'string' && isConversationId(c) && isMessageTs(m) && (h === undefined || isMessageTs(h)) &&
    (p === null || isSlackPermalink(p)) && typeof a === 'number' && Number.isInteger(a) && a >= 0 && typeof at === 'number';
  if (!shaped) return { ok: false, reason: 'malformed' };
  if (t !== request.teamId || u !== request.userId) return { ok: false, reason: 'other_person' };
  const age = request.now.getTime() - at;
  if (age > SOURCE_SEAL_MAX_AGE_MS || age < -60_000) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    source: { teamId: t, userId: u, channelId: c, messageTs: m, ...(h !== undefined && { threadTs: h as string }), permalink: p as string | null, alreadyCases: a },
  };
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(`${VERSION}.${body}`).digest('base64url');
}
