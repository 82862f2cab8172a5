import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { announcementMessage } from '../../src/blocks/announcement.js';
import { expectBlocksWithinLimits } from '../support/slack-limits.js';
import { ATTACK, ATTACK_ESCAPED, allTexts, findUnsafe, makeCase } from './fixtures.js';

describe('announcementMessage', () => {
  const message = announcementMessage({ case: makeCase(), channelId: 'C0CASE042', categoryName: 'Late or damaged delivery' });

  it('pings @here once, names the complaint and links the case channel', () => {
    expect(message.text).toMatch(/^<!here> New complaint #42: Parcel arrived broken/);
    expect(message.text).toContain('<#C0CASE042>');
    const blockText = allTexts(message.blocks).join('\n');
    expect(blockText).toContain('<!here>');
    expect(blockText.split('<!here>')).toHaveLength(2);
    expect(blockText).toContain('*New complaint #42*: Parcel arrived broken');
    expect(blockText).toContain(':large_orange_circle: High');
    expect(blockText).toContain('<#C0CASE042>');
    expectBlocksWithinLimits(message.blocks);
  });

  it('escapes the summary and category; the only ping is its own', () => {
    const risky = announcementMessage({ case: makeCase({ summary: ATTACK }), channelId: 'C0CASE042', categoryName: ATTACK });
    expect(risky.text).toContain(`New complaint #42: ${ATTACK_ESCAPED}`);
    expect(allTexts(risky.blocks).join('\n')).toContain(ATTACK_ESCAPED);
    expect(findUnsafe(risky, ['<!here> '])).toEqual([]);
  });

  it('does not link a channel id that is not one', () => {
    const odd = announcementMessage({ case: makeCase(), channelId: 'C1|x> <!channel', categoryName: 'x' });
    expect(findUnsafe(odd, ['<!here> '])).toEqual([]);
  });

  it('has no buttons for a public case channel, and a Join button naming the case for a private one', () => {
    expect(JSON.stringify(message.blocks)).not.toContain('"button"');
    const joinable = announcementMessage({ case: makeCase(), channelId: 'C0CASE042', categoryName: 'x', withJoinButton: true });
    const actions = joinable.blocks.find((block) => block.type === 'actions');
    expect(actions).toMatchObject({ elements: [{ type: 'button', action_id: ACTION_IDS.join, value: makeCase().id }] });
    expectBlocksWithinLimits(joinable.blocks);
  });

  it('stays within the limits with the longest summary', () => {
    const long = announcementMessage({ case: makeCase({ summary: '<'.repeat(3000) }), channelId: 'C0CASE042', categoryName: '&'.repeat(1000) });
    expectBlocksWithinLimits(long.blocks);
  });
});
