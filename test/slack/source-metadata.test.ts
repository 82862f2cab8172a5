import { describe, expect, it } from 'vitest';
import { openSource, sealSource, sourceSealKey, SOURCE_SEAL_MAX_AGE_MS, type SealedSource } from '../../src/slack/source-metadata.js';

const key = sourceSealKey('xoxb-test-token');
const now = new Date('2026-12-02T10:00:00Z');
const source: SealedSource = {
  teamId: 'T0TEAM001',
  userId: 'U0REP0001',
  channelId: 'C0SUPPORT1',
  messageTs: '1796219874.199000',
  permalink: 'https://anthill-test.slack.com/archives/C0SUPPORT1/p1796219874199000',
  alreadyCases: 0,
};
const request = { teamId: 'T0TEAM001', userId: 'U0REP0001', now };

describe('a sealed source message', () => {
  it('opens unchanged for the person and workspace it was made for', () => {
    expect(openSource(key, sealSource(key, source, now), request)).toEqual({ ok: true, source });
  });

  it('keeps a thread', () => {
    const threaded = { ...source, threadTs: '1796219800.000100' };
    expect(openSource(key, sealSource(key, threaded, now), request)).toEqual({ ok: true, source: threaded });
  });

  it.each([
    ['another person', { ...request, userId: 'U0OTHER01' }, 'other_person'],
    ['another workspace', { ...request, teamId: 'T0OTHER01' }, 'other_person'],
    ['a day later', { ...request, now: new Date(now.getTime() + SOURCE_SEAL_MAX_AGE_MS + 1) }, 'expired'],
  ])('is refused to %s', (_who, asker, reason) => {
    expect(openSource(key, sealSource(key, source, now), asker)).toEqual({ ok: false, reason });
  });

  it('is refused when sealed with another key or edited', () => {
    const sealed = sealSource(key, source, now);
    expect(openSource(sourceSealKey('xoxb-other'), sealed, request)).toEqual({ ok: false, reason: 'forged' });
    const [version, body, seal] = sealed.split('.');
    const edited = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body ?? '', 'base64url').toString()), c: 'C0SECRET01' })).toString('base64url');
    expect(openSource(key, `${version}.${edited}.${seal}`, request)).toEqual({ ok: false, reason: 'forged' });
    expect(openSource(key, '{"c":"C0SECRET01"}', request)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('is refused when a part does not have Slack’s shape, even sealed with the right key', () => {
    for (const bad of [{ channelId: 'general' }, { messageTs: '123' }, { permalink: 'https://evil.example/archives/C1/p1' }]) {
      expect(openSource(key, sealSource(key, { ...source, ...bad }, now), request)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
