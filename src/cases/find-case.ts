import type { Kysely } from 'kysely';
import { checkCaseWorkspace } from '../domain/access.js';
import type { Case } from '../domain/case.js';
import { userError, type Outcome } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { findCaseByChannel, findCaseById, findCaseByNumber } from '../db/case-repository.js';

/**
 * The case a command or button is about: the button's case id, else `#N` when given,
 * else the case whose channel the command was typed in. Always a case of `teamId`, the
 * workspace the request came from.
 */
export async function findTargetCase(
  db: Kysely<Database>,
  input: { teamId: string; channelId: string; caseId?: string; caseNumber?: number; verb: string },
): Promise<Outcome<{ case: Case }>> {
  if (input.caseId !== undefined) {
    const found = await findCaseById(db, input.caseId);
    if (!found) return userError('case_not_found');
    return checkCaseWorkspace(found, input.teamId) ?? { ok: true, case: found };
  }
  if (input.caseNumber !== undefined) {
    const found = await findCaseByNumber(db, input.teamId, input.caseNumber);
    return found ? { ok: true, case: found } : userError('no_such_case', { caseNumber: input.caseNumber });
  }
  const here = await findCaseByChannel(db, input.teamId, input.channelId);
  return here
    ? { ok: true, case: here }
    : userError('no_case_here', { verb: input.verb });
}
