import { describe, expect, it } from 'vitest';
import { checkAssignee, checkCaseWorkspace, checkRequester, checkStaffInvolved, type SlackAccount } from '../../src/domain/access.js';

const workspace = { teamId: 'T0HOME001' };
const member: SlackAccount = { id: 'U1', teamId: 'T0HOME001', deleted: false, isBot: false, isRestricted: false, isUltraRestricted: false };

describe('checkRequester', () => {
  it('lets a full member of the workspace in', () => {
    expect(checkRequester(member, workspace)).toBeUndefined();
  });

  it.each<[string, SlackAccount | undefined, string]>([
    ['an id Slack does not know', undefined, 'unknown_user'],
    ['a deactivated account', { ...member, deleted: true }, 'deactivated'],
    ['a bot', { ...member, isBot: true }, 'bot'],
    ['a multi-channel guest', { ...member, isRestricted: true }, 'guest'],
    ['a single-channel guest', { ...member, isRestricted: true, isUltraRestricted: true }, 'guest'],
    ['someone from another organisation', { ...member, teamId: 'T0OTHER01' }, 'external'],
    ['a guest from another organisation, as from another organisation', { ...member, teamId: 'T0OTHER01', isRestricted: true }, 'external'],
  ])('refuses %s', (_who, account, code) => {
    expect(checkRequester(account, workspace)).toMatchObject({ ok: false, code });
  });

  it('on Enterprise Grid, counts members of the same organisation from a sister workspace, and no one else', () => {
    const grid = { teamId: 'T0HOME001', enterpriseId: 'E0ORG0001' };
    expect(checkRequester({ ...member, teamId: 'T0SISTER1', enterpriseId: 'E0ORG0001' }, grid)).toBeUndefined();
    expect(checkRequester({ ...member, teamId: 'T0SISTER1', enterpriseId: 'E0OTHER01' }, grid)).toMatchObject({ code: 'external' });
    expect(checkRequester({ ...member, teamId: 'T0SISTER1' }, grid)).toMatchObject({ code: 'external' });
    // Without Grid, an enterprise id on the account alone proves nothing.
    expect(checkRequester({ ...member, teamId: 'T0SISTER1', enterpriseId: 'E0ORG0001' }, workspace)).toMatchObject({ code: 'external' });
  });

  it('says why as a code alone: the words are the Slack layer’s', () => {
    for (const account of [undefined, { ...member, isRestricted: true }, { ...member, teamId: 'T0OTHER01' }]) {
      expect(checkRequester(account, workspace)).toEqual({ ok: false, code: expect.any(String), params: {} });
    }
  });
});

describe('checkAssignee', () => {
  it('refuses the same people as owners, in words about the owner', () => {
    expect(checkAssignee(member, workspace)).toBeUndefined();
    expect(checkAssignee({ ...member, isRestricted: true }, workspace)).toMatchObject({ ok: false, code: 'assignee_guest' });
    expect(checkAssignee({ ...member, teamId: 'T0OTHER01' }, workspace)).toMatchObject({ ok: false, code: 'assignee_external' });
    expect(checkAssignee(undefined, workspace)).toMatchObject({ ok: false, code: 'assignee_unknown_user' });
  });
});

describe('checkCaseWorkspace', () => {
  it('refuses a case of another workspace', () => {
    expect(checkCaseWorkspace({ teamId: 'T0HOME001' }, 'T0HOME001')).toBeUndefined();
    expect(checkCaseWorkspace({ teamId: 'T0HOME001' }, 'T0OTHER01')).toMatchObject({ ok: false, code: 'other_workspace' });
  });
});

describe('checkStaffInvolved', () => {
  const person = (id: string, overrides: Partial<SlackAccount> = {}): { id: string; account: SlackAccount } => ({
    id,
    account: { id, teamId: 'T0HOME001', deleted: false, isBot: false, isRestricted: false, isUltraRestricted: false, ...overrides },
  });
  const BOT = 'U0BOT0001';

  it('keeps people, guests, people of other organisations and deactivated accounts, in order, and drops Anthill itself', () => {
    const chosen = [person('U0AAA0001'), person(BOT, { isBot: true }), person('U0GUEST01', { isRestricted: true }), person('U0EXT0001', { teamId: 'T0OTHER' }), person('U0GONE001', { deleted: true })];
    expect(checkStaffInvolved(chosen, BOT)).toEqual({ ok: true, ids: ['U0AAA0001', 'U0GUEST01', 'U0EXT0001', 'U0GONE001'] });
    expect(checkStaffInvolved([person(BOT, { isBot: true })], BOT)).toEqual({ ok: true, ids: [] });
  });

  it('refuses people Slack does not know, then other bots, counting them', () => {
    expect(checkStaffInvolved([person('U0AAA0001'), { id: 'U0NOBODY1', account: undefined }, { id: 'U0NOBODY2', account: undefined }], BOT)).toEqual({
      ok: false,
      code: 'unknown_user',
      count: 2,
    });
    expect(checkStaffInvolved([person('U0AAA0001'), person('U0OTHERB1', { isBot: true })], BOT)).toEqual({ ok: false, code: 'bot', count: 1 });
  });
});
