import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerHealth, type HealthReport } from './health.js';

/**
 * `GET /healthz` and `GET /metrics` alone, for worker-only processes, so a load balancer,
 * a container health check and Prometheus treat every role alike. Anything else is 404.
 */
export async function startHealthServer(
  port: number,
  check: () => Promise<HealthReport>,
  answerMetrics: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0];
    if (request.method === 'GET' && path === '/healthz') answerHealth(check, response);
    else if (request.method === 'GET' && path === '/metrics') answerMetrics(request, response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
