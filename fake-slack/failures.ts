import type { InjectedFailure } from './types.js';

/** Failures queued per Web API method, consumed one call at a time in the order queued. */
export class FailureQueue {
  private readonly queues = new Map<string, { failure: InjectedFailure; remaining: number }[]>();

  add(method: string, failure: InjectedFailure): void {
    const queue = this.queues.get(method) ?? [];
    queue.push({ failure, remaining: Math.max(1, failure.times ?? 1) });
    this.queues.set(method, queue);
  }

  take(method: string): InjectedFailure | undefined {
    const queue = this.queues.get(method);
    const next = queue?.[0];
    if (queue === undefined || next === undefined) return undefined;
    next.remaining -= 1;
    if (next.remaining === 0) queue.shift();
    return next.failure;
  }

  clear(): void {
    this.queues.clear();
  }
}
