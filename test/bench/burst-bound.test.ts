import { describe, expect, it } from 'vitest';
import { shortestProvisioningMs } from '../../bench/burst.js';

// The burst benchmark's yardstick: the shortest provisioning Slack's limits allow.
describe('shortest provisioning under Slack’s limits', () => {
  it('is the team channel’s pace for a handful at once: three announcements go together, then one a second', () => {
    expect(shortestProvisioningMs([0, 0, 0])).toBe(0);
    expect(shortestProvisioningMs([0, 0, 0, 0, 0])).toBe(2000);
  });

  it('waits a minute for the 21st channel: conversations.create allows 20 a minute', () => {
    expect(shortestProvisioningMs(Array.from({ length: 20 }, () => 0))).toBe(17_000);
    expect(shortestProvisioningMs(Array.from({ length: 21 }, () => 0))).toBe(60_000);
  });

  it('is about 137 s for 60 complaints a second apart: the last 20 channels wait for the third minute, then share the team channel', () => {
    expect(shortestProvisioningMs(Array.from({ length: 60 }, (_, i) => i * 1000))).toBe(137_000);
  });
});
