/** A database or queue server the sandbox started for itself, in its temporary folder. */
export interface PrivateServer {
  /** How the bot reaches it; holds the password, so it is never printed. */
  readonly url: string;
  /** Where it listens, for the notes the sandbox prints: no secrets. */
  readonly address: string;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
  /** Signals the server to stop without waiting: all that can still be done while the process exits. */
  signalStop(): void;
}

/**
 * The last few lines a server wrote, kept so that a server which will not start can be
 * explained in one line instead of a dump of its log.
 */
export class RecentLines {
  private readonly lines: string[] = [];

  constructor(private readonly keep = 20) {}

  add(text: string): void {
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (trimmed === '') continue;
      this.lines.push(trimmed);
      if (this.lines.length > this.keep) this.lines.shift();
    }
  }

  /** The last line matching `pattern`, else the last line, else `fallback`. */
  telling(pattern: RegExp, fallback: string): string {
    return this.lines.findLast((line) => pattern.test(line)) ?? this.lines.at(-1) ?? fallback;
  }
}
