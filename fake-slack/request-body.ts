import type { IncomingMessage } from 'node:http';

/** Parameters Slack accepts JSON-encoded inside form bodies; decoded so tests see real objects. */
const JSON_ENCODED_FIELDS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata']);

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface MultipartPart {
  name: string;
  filename: string | undefined;
  data: Buffer;
}

/**
 * Decodes a Web API request into parameters: form-encoded (what WebClient sends), JSON, or
 * multipart; query-string parameters are merged in as Slack does.
 */
export function parseApiParams(contentType: string | undefined, body: Buffer, query: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = Object.fromEntries(query);
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    const parsed: unknown = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(params, parsed);
  } else if (type === 'multipart/form-data') {
    for (const part of parseMultipart(contentType ?? '', body)) {
      params[part.name] = part.filename === undefined ? part.data.toString('utf8') : part.data;
    }
  } else {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  }
  for (const field of JSON_ENCODED_FIELDS) {
    const value = params[field];
    if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
      try {
        params[field] = JSON.parse(value);
      } catch {
        // Left as a string: the method answers with its own "bad format" error.
      }
    }
  }
  return params;
}

/** Splits a multipart/form-data body (as sent by WebClient's upload to the upload URL). */
export function parseMultipart(contentType: string, body: Buffer): MultipartPart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (boundary === undefined) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // Each part: CRLF, headers, blank line, data, CRLF before the next delimiter.
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /[;\s]name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined) parts.push({ name, filename, data: Buffer.from(part.subarray(headerEnd + 4)) });
    }
    start = next;
  }
  return parts;
}
