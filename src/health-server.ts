import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthReport } from './health.js';

/**
 * `GET /healthz` alone, for worker-only processes, so a load balancer or container
 * health check treats every role alike. Anything else is 404.
 */
export async function startHealthServer(port: number, check: () => Promise<HealthReport>): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/healthz') {
      response.writeHead(404).end();
      return;
    }
    void check().then((report) => {
      response.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify(report.ok ? { status: 'ok' } : { status: 'unavailable', failed: report.failed }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
