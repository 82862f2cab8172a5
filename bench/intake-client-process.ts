/**
 * The intake benchmark's Slack, in a process of its own (started by intake-client.ts): it
 * signs and sends every form submission at once and times each answer, so building,
 * signing and sending 50 requests is not charged to the bot measured, as it never is in
 * production, where Slack's servers send them.
 */
import { intakeValues } from '../test/support/intake-values.js';
import { SlackRequests } from '../fake-slack/slack-requests.js';
import type { IntakeBurst, IntakeClientMessage, IntakeClientReply, SubmissionTiming } from './intake-client.js';

/** Milliseconds since the epoch with sub-millisecond precision, comparable across processes. */
const epochNow = (): number => performance.timeOrigin + performance.now();

async function submitAll(burst: IntakeBurst): Promise<SubmissionTiming[]> {
  const requests = new SlackRequests({ baseUrl: burst.baseUrl, signingSecret: burst.signingSecret, teamId: burst.teamId });
  return Promise.all(
    burst.summaries.map(async (summary): Promise<SubmissionTiming> => {
      const sentAt = epochNow();
      const response = await requests.viewSubmission({ userId: burst.userId, callbackId: burst.callbackId, values: intakeValues({ summary }) });
      return { sentAt, answeredMs: epochNow() - sentAt, status: response.status, body: response.body.slice(0, 200) };
    }),
  );
}

function reply(message: IntakeClientReply): void {
  process.send?.(message);
}

process.on('message', (message: IntakeClientMessage) => {
  if (message.type === 'exit') {
    process.disconnect();
    return;
  }
  submitAll(message.burst).then(
    (timings) => reply({ type: 'done', timings }),
    (error: unknown) => reply({ type: 'failed', error: error instanceof Error ? error.message : String(error) }),
  );
});
reply({ type: 'ready' });
