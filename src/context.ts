import type { Logger } from 'pino';
import type { WebClient } from '@slack/web-api';
import type { Policy } from './config/policy.js';
import type { Db } from './db/connect.js';
import type { JobScheduler } from './cases/jobs-to-run.js';
import type { AccountDirectory, Workspace } from './domain/access.js';
import type { Words } from './i18n/words.js';
import type { AnthillMetrics } from './metrics/anthill-metrics.js';

/** What listeners and job handlers need; built once in main, replaced piecewise in tests. */
export interface AppContext {
  readonly db: Db;
  readonly policy: Policy;
  readonly slack: WebClient;
  /** The bot's own user id (from auth.test): never invited, recognised as a channel's creator. */
  readonly botUserId: string;
  /** The workspace the bot is installed in (auth.test): its members are the only people served. */
  readonly workspace: Workspace;
  /** People as Slack describes them (users.info, cached for a few minutes). */
  readonly accounts: AccountDirectory;
  readonly jobs: JobScheduler;
  readonly logger: Logger;
  /** Everything the bot says, in the policy language, zone and currency. */
  readonly words: Words;
  readonly now: () => Date;
  /** This process's Prometheus metrics (`GET /metrics`). */
  readonly metrics: AnthillMetrics;
}
