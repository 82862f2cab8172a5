import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** How long one batch of requests may take before the benchmark gives up on it. */
const JOB_TIMEOUT_MS = 120_000;

/** A batch of signed form POSTs: `count` of them, at most `concurrency` in flight. */
export interface LoadJob {
  readonly url: string;
  readonly signingSecret: string;
  /** Form fields of every request; a fresh `trigger_id` is added to each. */
  readonly form: Record<string, string>;
  readonly count: number;
  readonly concurrency: number;
  /** An answer counts only when it is a 200 whose body contains this. */
  readonly expectBodyIncludes?: string;
}

export interface LoadResult {
  /** Milliseconds per successful request, from writing it to the end of the answer. */
  readonly samples: number[];
  readonly failures: number;
  readonly firstFailure?: string;
}

export type LoadReply = { id: number; result: LoadResult } | { id: number; error: string };

/**
 * The load generator, in a child process of its own with one keep-alive agent per target,
 * so both targets are measured by the same client under the same conditions.
 *
 * @example
 * const client = await LoadClient.start();
 * const { samples } = await client.run({ url, signingSecret, form, count: 100, concurrency: 20 });
 * await client.close();
 */
export class LoadClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (result: LoadResult) => void; reject: (error: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: LoadReply) => {
      const waiting = this.pending.get(message.id);
      if (waiting === undefined) return;
      this.pending.delete(message.id);
      if ('error' in message) waiting.reject(new Error(`load client: ${message.error}`));
      else waiting.resolve(message.result);
    });
    child.on('exit', (code, signal) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`load client exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  static async start(): Promise<LoadClient> {
    // The child inherits this process's execArgv, so tsx loads its TypeScript too.
    const child = fork(fileURLToPath(new URL('./load-client-process.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return new LoadClient(child);
  }

  run(job: LoadJob): Promise<LoadResult> {
    const id = this.nextId++;
    return new Promise<LoadResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`load client: no result for ${job.url} within ${JOB_TIMEOUT_MS} ms`));
      }, JOB_TIMEOUT_MS);
      const settle = <T>(done: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        done(value);
      };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.child.send({ type: 'run', id, job });
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.send({ type: 'exit' });
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}
