import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** How long the whole burst of submissions may take before the benchmark gives up on it. */
const BURST_TIMEOUT_MS = 60_000;

/** Form submissions to send at once, one per summary. */
export interface IntakeBurst {
  readonly baseUrl: string;
  readonly signingSecret: string;
  readonly teamId: string;
  readonly userId: string;
  readonly callbackId: string;
  readonly summaries: readonly string[];
}

export interface SubmissionTiming {
  /** When the request was sent, in epoch milliseconds (sub-millisecond precision). */
  readonly sentAt: number;
  /** Sent → the bot's whole answer received. */
  readonly answeredMs: number;
  readonly status: number;
  /** The answer's first 200 characters (empty when the form closed). */
  readonly body: string;
}

export type IntakeClientMessage = { type: 'submit'; burst: IntakeBurst } | { type: 'exit' };
export type IntakeClientReply = { type: 'ready' } | { type: 'done'; timings: SubmissionTiming[] } | { type: 'failed'; error: string };

/**
 * Slack's side of the intake benchmark in a child process: started (and warmed up) before
 * the measurement, it sends a burst of signed view submissions and reports their timings.
 *
 * @example
 * const client = await IntakeClient.start();
 * const timings = await client.submit({ baseUrl, signingSecret, teamId, userId, callbackId, summaries });
 * await client.close();
 */
export class IntakeClient {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<IntakeClient> {
    // The child inherits this process's execArgv, so tsx loads its TypeScript too.
    const child = fork(fileURLToPath(new URL('./intake-client-process.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('message', (message: IntakeClientReply) => (message.type === 'ready' ? resolve() : reject(new Error('intake client did not start'))));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`intake client exited (${code})`)));
    });
    return new IntakeClient(child);
  }

  submit(burst: IntakeBurst): Promise<SubmissionTiming[]> {
    return new Promise<SubmissionTiming[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`intake client: no answers within ${BURST_TIMEOUT_MS} ms`)), BURST_TIMEOUT_MS);
      this.child.once('message', (message: IntakeClientReply) => {
        clearTimeout(timer);
        if (message.type === 'done') resolve(message.timings);
        else reject(new Error(`intake client: ${message.type === 'failed' ? message.error : 'unexpected reply'}`));
      });
      this.child.send({ type: 'submit', burst } satisfies IntakeClientMessage);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.send({ type: 'exit' } satisfies IntakeClientMessage);
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}
