import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import type { AccountDirectory, SlackAccount } from '../domain/access.js';
import { slackErrorCode } from '../outbound/slack-errors.js';

/** How long what Slack said about a person is trusted: a guest made a member waits at most this. */
export const ACCOUNT_CACHE_TTL_MS = 5 * 60_000;
const ACCOUNT_CACHE_MAX = 10_000;
// Slack's answers for an id it will not describe to this app.
const NO_SUCH_USER = new Set(['user_not_found', 'user_not_visible']);

/** `account` undefined: Slack knows no such user (remembered like any other answer). */
interface Lookup {
  readonly account: SlackAccount | undefined;
}

/**
 * People as `users.info` describes them, cached in this process for a few minutes so a
 * busy person costs one Slack call, not one per click. Concurrent lookups of one person
 * share a call; a failed call is not remembered.
 *
 * @example
 * const accounts = new SlackAccounts(client);
 * (await accounts.lookup('U0AAA0001'))?.isRestricted // false
 */
export class SlackAccounts implements AccountDirectory {
  private readonly cache: LRUCache<string, Lookup>;

  constructor(
    private readonly client: WebClient,
    ttlMs = ACCOUNT_CACHE_TTL_MS,
  ) {
    this.cache = new LRUCache<string, Lookup>({ max: ACCOUNT_CACHE_MAX, ttl: ttlMs, fetchMethod: (userId) => this.ask(userId) });
  }

  async lookup(userId: string): Promise<SlackAccount | undefined> {
    return (await this.cache.fetch(userId))?.account;
  }

  private async ask(userId: string): Promise<Lookup> {
    try {
      const { user } = await this.client.users.info({ user: userId });
      if (!user?.id) return { account: undefined };
      const name = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name].find((n) => typeof n === 'string' && n.trim() !== '');
      return {
        account: {
          id: user.id,
          ...(name && { name: name.trim() }),
          teamId: user.team_id ?? '',
          ...(user.enterprise_user?.enterprise_id && { enterpriseId: user.enterprise_user.enterprise_id }),
          deleted: user.deleted === true,
          isBot: user.is_bot === true,
          isRestricted: user.is_restricted === true,
          isUltraRestricted: user.is_ultra_restricted === true,
        },
      };
    } catch (error) {
      if (NO_SUCH_USER.has(slackErrorCode(error) ?? '')) return { account: undefined };
      throw error;
    }
  }
}
