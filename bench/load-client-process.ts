/**
 * The load generator's own process (started by load-client.ts): it sends signed requests
 * and times them, so the client's work never shares an event loop with the server measured.
 */
import type { Agent } from 'node:http';
import { newTriggerId } from '../fake-slack/trigger-ids.js';
import { keepAliveAgent, postSigned, runConcurrently } from './load.js';
import type { LoadJob, LoadReply, LoadResult } from './load-client.js';

const agents = new Map<string, Agent>();

/** One keep-alive agent per target URL, all made alike. */
function agentFor(url: string, concurrency: number): Agent {
  let agent = agents.get(url);
  if (agent === undefined) {
    agent = keepAliveAgent(concurrency);
    agents.set(url, agent);
  }
  return agent;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = agentFor(job.url, job.concurrency);
  const samples: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  await runConcurrently(job.count, job.concurrency, async () => {
    // A fresh trigger id per request, as Slack sends.
    const body = new URLSearchParams({ ...job.form, trigger_id: newTriggerId() }).toString();
    try {
      const response = await postSigned(agent, job.url, job.signingSecret, body);
      if (response.status !== 200 || (job.expectBodyIncludes !== undefined && !response.body.includes(job.expectBodyIncludes))) {
        failures += 1;
        firstFailure ??= `HTTP ${response.status}: ${response.body.slice(0, 200)}`;
      } else {
        samples.push(response.ms);
      }
    } catch (error) {
      failures += 1;
      firstFailure ??= error instanceof Error ? error.message : String(error);
    }
  });
  return { samples, failures, ...(firstFailure !== undefined && { firstFailure }) };
}

function reply(message: LoadReply): void {
  process.send?.(message);
}

function destroyAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

// The parent going away, however it happens, ends this process too.
process.on('disconnect', destroyAgents);

process.on('message', (message: { type: 'run'; id: number; job: LoadJob } | { type: 'exit' }) => {
  if (message.type === 'exit') {
    process.disconnect();
    return;
  }
  run(message.job).then(
    (result) => reply({ id: message.id, result }),
    (error: unknown) => reply({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
