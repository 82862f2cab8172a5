/**
 * Polls `predicate` every 10 ms until it returns something other than undefined, null or false,
 * and resolves with that value. A predicate that throws (say, a failing `expect`) counts as
 * not yet; on timeout the last such error and `describe()` are in the message.
 *
 * @example
 * const message = await pollUntil(() => fake.messages(channelId)[0], { timeoutMs: 5000 });
 */
export async function pollUntil<T>(
  predicate: () => T | undefined | null | false,
  options: { timeoutMs: number; describe?: () => string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = predicate();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const parts = [`waitFor: condition not met within ${options.timeoutMs} ms`];
  if (lastError !== undefined) parts.push(`last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
  if (options.describe !== undefined) parts.push(options.describe());
  throw new Error(parts.join('\n'), { cause: lastError });
}
