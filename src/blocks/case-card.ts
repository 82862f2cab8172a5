import type { Button, KnownBlock, MrkdwnElement, SectionBlock, StaticSelect } from '@slack/types';
import type { Case } from '../domain/case.js';
import { createWords } from '../i18n/words.js';
import type { StuckRecord } from '../domain/stuck-step.js';
import type { DeadlineState } from '../domain/deadlines.js';
import { SEVERITIES, type Severity } from '../domain/severity.js';
import { fitText, quoteUserText } from './plain-text.js';
import { ACTION_IDS, type ActionId } from './action-ids.js';
import {
  SEVERITY_LABELS,
  SEVERITY_TEXT,
  STATUS_LABELS,
  formatTimeSpan,
  formatMoney,
  formatZonedTime,
  userMention,
} from './format.js';
import { SLACK_LIMITS } from './limits.js';
import { stuckStepsText } from './stuck-steps.js';
import { sourceLabel } from './source-label.js';

// Until the card takes the team's words (its own conversion), its source and stuck steps are English.
const englishFor = (view: Pick<CaseCardView, 'timeZone' | 'currency'>) => createWords({ language: 'en', timeZone: view.timeZone, currency: view.currency });

export interface DeadlineView {
  label: string;
  dueAt: Date;
  state: DeadlineState;
}

export interface CaseCardView {
  case: Case;
  categoryName: string;
  currency: string;
  /** Workspace time zone (IANA) in which times are shown. */
  timeZone: string;
  now: Date;
  /** Shown when present. */
  deadlines?: readonly DeadlineView[];
  /** Slack steps waiting for their next try; shown when any. */
  stuck?: readonly StuckRecord[];
}

export interface CaseCardButton {
  actionId: ActionId;
  text: string;
  style?: 'primary' | 'danger';
  /** Whether the button makes sense for the case as it is now. */
  isShown: (c: Case) => boolean;
}

/** The case card's buttons, in display order; a new button is one more entry here. */
export const CASE_CARD_BUTTONS: readonly CaseCardButton[] = [
  { actionId: ACTION_IDS.take, text: 'Take ownership', isShown: (c) => c.status !== 'closed' },
  {
    actionId: ACTION_IDS.responded,
    text: 'First response sent',
    style: 'primary',
    isShown: (c) => c.status === 'open',
  },
  {
    actionId: ACTION_IDS.resolve,
    text: 'Resolve',
    isShown: (c) => c.status === 'open' || c.status === 'responded',
  },
];

export const CASE_CARD_ACTIONS_BLOCK_ID = 'case_card_actions';

const DEADLINE_MARKERS: Record<DeadlineState, string> = {
  pending: ':hourglass_flowing_sand:',
  warning: ':warning:',
  breached: ':rotating_light:',
  met: ':white_check_mark:',
};

const FALLBACK_SUMMARY_LENGTH = 200;
const DEADLINE_LABEL_LENGTH = 100;

/**
 * The case card posted first in the case channel and updated in place.
 *
 * @example
 * await client.chat.update({ channel, ts, text: caseCardText(view), blocks: caseCardBlocks(view) });
 */
export function caseCardBlocks(view: CaseCardView): KnownBlock[] {
  const blocks = caseFactBlocks(view);
  const buttons = CASE_CARD_BUTTONS.filter((button) => button.isShown(view.case));
  const elements: (Button | StaticSelect)[] = buttons.map((button) => caseButton(button, view.case.id));
  if (view.case.status !== 'closed') elements.push(severitySelect(view.case));
  if (elements.length > 0) blocks.push({ type: 'actions', block_id: CASE_CARD_ACTIONS_BLOCK_ID, elements });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Updated ${formatZonedTime(view.now, view.timeZone)}` }],
  });
  return blocks;
}

/**
 * The message `text` that goes with the card: notifications and clients without blocks.
 *
 * @example
 * caseCardText(view) // 'Complaint #42 (Critical, Open): Parcel arrived broken'
 */
export function caseCardText(view: Pick<CaseCardView, 'case'>): string {
  const c = view.case;
  return `Complaint #${c.number} (${SEVERITY_TEXT[c.severity]}, ${STATUS_LABELS[c.status]}): ${fitText(c.summary, FALLBACK_SUMMARY_LENGTH, 'mrkdwn')}`;
}

/**
 * The facts of a case shared by the card and `/complaint show`: header, summary,
 * fields, description, deadlines and stuck Slack steps. No buttons.
 */
export function caseFactBlocks(view: CaseCardView): KnownBlock[] {
  const c = view.case;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: fitText(`Complaint #${c.number}`, SLACK_LIMITS.headerText, 'plain_text') } },
    sectionText(fitText(c.summary, SLACK_LIMITS.sectionText, 'mrkdwn') || '_No summary_'),
    ...fieldSections(caseFields(view)),
  ];
  const description = c.description.trim();
  if (description !== '') {
    const heading = '*Description*\n';
    blocks.push(sectionText(heading + quoteUserText(description, SLACK_LIMITS.sectionText - heading.length)));
  }
  if (view.deadlines !== undefined && view.deadlines.length > 0) {
    const lines = view.deadlines.map((deadline) => deadlineLine(deadline, view.now, view.timeZone));
    blocks.push(sectionText(`*Deadlines*\n${lines.join('\n')}`));
  }
  const stuck = stuckStepsText(englishFor(view), view.stuck ?? []);
  if (stuck !== undefined) blocks.push(sectionText(stuck));
  return blocks;
}

/** A section of `mrkdwn` we composed (`markup`), cut to the 3000-character limit of a section. */
export function sectionText(markup: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: fitText(markup, SLACK_LIMITS.sectionText, 'markup') } };
}

/** `*Label*` over a value; cut to the 2000-character limit of a field. */
export function labelledField(label: string, valueMrkdwn: string): MrkdwnElement {
  return { type: 'mrkdwn', text: fitText(`*${label}*\n${valueMrkdwn}`, SLACK_LIMITS.fieldText, 'markup') };
}

/** Fields split into as many sections as the 10-fields-a-section limit needs. */
export function fieldSections(fields: readonly MrkdwnElement[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.sectionFields) {
    sections.push({ type: 'section', fields: fields.slice(i, i + SLACK_LIMITS.sectionFields) });
  }
  return sections;
}

function caseFields(view: CaseCardView): MrkdwnElement[] {
  const c = view.case;
  const half = Math.floor(SLACK_LIMITS.fieldText / 2) - 20;
  const fields = [
    labelledField('Customer', `${fitText(c.customerName, half, 'mrkdwn')}\n${fitText(c.customerContact, half, 'mrkdwn')}`),
    labelledField('Category', fitText(view.categoryName, SLACK_LIMITS.fieldText, 'mrkdwn')),
    labelledField('Severity', SEVERITY_LABELS[c.severity]),
    labelledField('Source', sourceLabel(englishFor(view), c.source)),
    labelledField('Status', STATUS_LABELS[c.status]),
  ];
  if (c.escalated) fields.push(labelledField('Escalated', ':mega: Yes, leads are involved'));
  fields.push(
    labelledField('Owner', userMention(c.ownerId, '_Nobody yet_')),
    labelledField('Reported by', userMention(c.reporterId)),
    labelledField('Opened', formatZonedTime(c.createdAt, view.timeZone)),
  );
  if (c.claimedLossMinor !== null) {
    fields.push(labelledField('Claimed loss', formatMoney(c.claimedLossMinor, view.currency)));
  }
  return fields;
}

function deadlineLine(deadline: DeadlineView, now: Date, timeZone: string): string {
  const marker = DEADLINE_MARKERS[deadline.state];
  const label = `*${fitText(deadline.label, DEADLINE_LABEL_LENGTH, 'mrkdwn')}*`;
  const due = formatZonedTime(deadline.dueAt, timeZone);
  const leftMs = deadline.dueAt.getTime() - now.getTime();
  if (deadline.state === 'met') return `${marker} ${label}: met (was due ${due})`;
  if (deadline.state === 'breached' || leftMs <= 0) {
    return `${marker} ${label}: *overdue by ${formatTimeSpan(leftMs)}* (was due ${due})`;
  }
  const left = `${formatTimeSpan(leftMs)} left`;
  return `${marker} ${label}: due ${due}, ${deadline.state === 'warning' ? `*${left}*` : left}`;
}

/** Changing the severity moves the deadlines; each option's value is `<case id>:<severity>`. */
function severitySelect(c: Case): StaticSelect {
  const option = (severity: Severity) => ({
    text: { type: 'plain_text' as const, text: fitText(`Severity: ${SEVERITY_LABELS[severity]}`, SLACK_LIMITS.optionText, 'plain_text') },
    value: `${c.id}:${severity}`,
  });
  return {
    type: 'static_select',
    action_id: ACTION_IDS.severity,
    placeholder: { type: 'plain_text', text: 'Change severity' },
    options: SEVERITIES.map(option),
    initial_option: option(c.severity),
  };
}

function caseButton(button: CaseCardButton, caseId: string): Button {
  return {
    type: 'button',
    action_id: button.actionId,
    text: { type: 'plain_text', text: fitText(button.text, SLACK_LIMITS.buttonText, 'plain_text') },
    value: caseId,
    ...(button.style ? { style: button.style } : {}),
  };
}
