/**
 * The sandbox's own HTTP server: the page, its bundle, and a small JSON API that the page
 * uses to act as people of the demo workspace. Live updates go out as Server-Sent Events
 * (`/api/events`, one `change` event per new state version); the page then reads
 * `/api/state` again.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { z } from 'zod';
import { readBody } from '../fake-slack/request-body.js';
import type { PageBundle } from './page-bundle.js';
import { SandboxRefusal, type SandboxWorkspace } from './workspace.js';

const userId = z.string().min(1);
const conversationId = z.string().min(1);

/** One API request: its body checked by a schema, then acted on; answers a status and JSON. */
type Route = (body: unknown) => Promise<{ status: number; json: unknown }>;

function route<S extends z.ZodType>(schema: S, run: (body: z.infer<S>) => Promise<unknown> | unknown): Route {
  return async (body) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) return { status: 400, json: { error: `The sandbox did not understand that request: ${z.prettifyError(parsed.error)}` } };
    return { status: 200, json: await run(parsed.data) };
  };
}

/** The page's requests, each checked before the workspace acts on it; each answers JSON. */
function apiRoutes(workspace: SandboxWorkspace): Record<string, Route> {
  const done = () => ({});
  return {
    '/api/post': route(z.object({ userId, channelId: conversationId, text: z.string() }), (body) => workspace.post(body).then(done)),
    '/api/command': route(z.object({ userId, channelId: conversationId, line: z.string() }), (body) => workspace.command(body).then(done)),
    '/api/action': route(
      z.object({
        userId,
        action: z.looseObject({ type: z.string(), action_id: z.string(), block_id: z.string() }),
        channelId: conversationId.optional(),
        messageTs: z.string().optional(),
        isEphemeral: z.boolean().optional(),
        viewId: z.string().optional(),
      }),
      (body) => workspace.action(body).then(done),
    ),
    '/api/shortcut': route(
      z.object({ userId, kind: z.enum(['message', 'global']), channelId: conversationId.optional(), messageTs: z.string().optional() }),
      (body) => workspace.shortcut(body).then(done),
    ),
    '/api/submit': route(
      z.object({ userId, viewId: z.string(), values: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))) }),
      (body) => workspace.submit(body),
    ),
    '/api/close': route(z.object({ userId, viewId: z.string() }), (body) => {
      workspace.close(body);
      return {};
    }),
    '/api/home': route(z.object({ userId }), (body) => workspace.openHome(body.userId).then(done)),
  };
}

/** Content types for the files the bot uploads (the case record, the CSV export). */
const FILE_TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/plain; charset=utf-8',
};

/** An ant, so the browser's tab says what it is (and asks for no favicon.ico). */
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><text y=".9em" font-size="90">🐜</text></svg>';

export interface SandboxWebServer {
  readonly url: string;
  stop(): Promise<void>;
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    // The bot's uploads are shown as the type their name says, never sniffed into a page.
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

/**
 * Serves the sandbox on 127.0.0.1 only: it acts as anyone in the workspace, so it must not
 * be reachable from elsewhere. Listening on loopback is not enough against the other pages
 * open in the same browser: a request naming another host (a DNS-rebinding page) is
 * refused, and the API takes only JSON, which another site cannot send without the
 * browser asking first (a form or a `text/plain` post can be sent without asking).
 */
export async function startWebServer(options: { workspace: SandboxWorkspace; bundle: PageBundle; port: number }): Promise<SandboxWebServer> {
  const { workspace, bundle } = options;
  const streams = new Set<ServerResponse>();
  const stopListening = workspace.onChange((version) => {
    for (const stream of streams) stream.write(`event: change\ndata: ${version}\n\n`);
  });

  const openEventStream = (request: IncomingMessage, response: ServerResponse): void => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(`event: change\ndata: ${workspace.snapshot().version}\n\n`);
    streams.add(response);
    request.on('close', () => streams.delete(response));
  };

  const routes = apiRoutes(workspace);
  const handleApi = async (apiRoute: Route, request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const answer = await apiRoute(JSON.parse((await readBody(request)).toString('utf8') || '{}'));
    sendJson(response, answer.status, answer.json);
  };

  const serveFile = (fileId: string, response: ServerResponse): void => {
    const file = workspace.file(fileId);
    if (file === undefined) return send(response, 404, 'text/plain; charset=utf-8', 'No such file in the sandbox.');
    send(response, 200, FILE_TYPES[extname(file.name).toLowerCase()] ?? 'application/octet-stream', file.bytes);
  };

  let ownHosts = new Set<string>();
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!ownHosts.has(request.headers.host ?? '')) return send(response, 403, 'text/plain; charset=utf-8', 'The sandbox answers only at its own address.');
    const { pathname } = new URL(request.url ?? '/', 'http://sandbox');
    if (request.method === 'GET') {
      if (pathname === '/') return send(response, 200, 'text/html; charset=utf-8', bundle.html);
      if (pathname === '/sandbox.js') return send(response, 200, 'text/javascript; charset=utf-8', bundle.script);
      if (pathname === '/sandbox.css') return send(response, 200, 'text/css; charset=utf-8', bundle.style);
      if (pathname === '/favicon.svg') return send(response, 200, 'image/svg+xml', FAVICON);
      if (pathname === '/api/state') return sendJson(response, 200, workspace.snapshot());
      if (pathname === '/api/events') return openEventStream(request, response);
      if (pathname.startsWith('/api/files/')) return serveFile(decodeURIComponent(pathname.slice('/api/files/'.length)), response);
    }
    const apiRoute = routes[pathname];
    if (request.method === 'POST' && apiRoute !== undefined) {
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return sendJson(response, 415, { error: 'The sandbox expects JSON.' });
      return handleApi(apiRoute, request, response);
    }
    send(response, 404, 'text/plain; charset=utf-8', 'Not found');
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return;
      if (error instanceof SandboxRefusal) sendJson(response, 409, { error: error.message });
      else if (error instanceof SyntaxError) sendJson(response, 400, { error: 'The sandbox expects JSON.' });
      else sendJson(response, 500, { error: `The sandbox failed: ${error instanceof Error ? error.message : String(error)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${options.port} is already in use: choose another with --port N`) : error);
    });
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  ownHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      stopListening();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
