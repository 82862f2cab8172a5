import type { Kysely } from 'kysely';

/**
 * Weekly digest: a permanent Slack refusal (the team channel archived, the bot removed
 * from a private one) is recorded on the week's row, so the digest is not tried in a
 * loop and an operator can see why a week has none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('weekly_digests').addColumn('failed_at', 'timestamptz').addColumn('failure', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('weekly_digests').dropColumn('failure').dropColumn('failed_at').execute();
}
