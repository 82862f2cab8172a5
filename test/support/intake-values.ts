import { INTAKE_FIELDS } from '../../src/blocks/intake-modal.js';
import type { ViewStateValues } from '../../fake-slack/slack-requests.js';

export interface IntakeForm {
  summary: string;
  customerName: string;
  customerContact: string;
  category: string;
  severity: string;
  source: string;
  description: string;
  claimedLoss: string;
  /** User ids chosen as staff involved. */
  staffInvolved: readonly string[];
}

/** The intake modal's state as Slack would submit it. */
export function intakeValues(overrides: Partial<IntakeForm> = {}): ViewStateValues {
  const form: IntakeForm = {
    summary: 'Washer arrived with a cracked drum',
    customerName: 'Anna Nowak',
    customerContact: 'anna@example.com',
    category: 'delivery',
    severity: 'high',
    source: 'email',
    description: 'Delivered yesterday; the drum is cracked and leaks.',
    claimedLoss: '1299.00',
    staffInvolved: [],
    ...overrides,
  };
  const text = (field: { blockId: string; actionId: string }, value: string) => ({
    [field.blockId]: { [field.actionId]: { type: 'plain_text_input', value: value === '' ? null : value } },
  });
  const select = (field: { blockId: string; actionId: string }, value: string) => ({
    [field.blockId]: { [field.actionId]: { type: 'static_select', selected_option: value ? { value } : null } },
  });
  return {
    ...text(INTAKE_FIELDS.summary, form.summary),
    ...text(INTAKE_FIELDS.customerName, form.customerName),
    ...text(INTAKE_FIELDS.customerContact, form.customerContact),
    ...select(INTAKE_FIELDS.category, form.category),
    ...select(INTAKE_FIELDS.severity, form.severity),
    ...select(INTAKE_FIELDS.source, form.source),
    ...text(INTAKE_FIELDS.description, form.description),
    ...text(INTAKE_FIELDS.claimedLoss, form.claimedLoss),
    [INTAKE_FIELDS.staffInvolved.blockId]: {
      [INTAKE_FIELDS.staffInvolved.actionId]: { type: 'multi_users_select', selected_users: [...form.staffInvolved] },
    },
  };
}
