import type { IntakeInput } from '../../src/domain/intake.js';

/** A valid intake, changed where a test cares. */
export function sampleIntake(overrides: Partial<IntakeInput> = {}): IntakeInput {
  return {
    summary: 'Washer arrived with a cracked drum',
    customerName: 'Anna Nowak',
    customerContact: 'anna@example.com',
    categoryId: 'delivery',
    severity: 'high',
    source: 'email',
    description: 'Delivered yesterday; the drum is cracked and leaks.',
    claimedLossMinor: 129_900,
    staffInvolvedIds: [],
    ...overrides,
  };
}
