import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerHealth, type HealthReport } from './health.js';

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
    answerHealth(check, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
