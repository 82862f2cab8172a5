import type { Button, KnownBlock, MrkdwnElement, SectionBlock, StaticSelect } from '@slack/types';
import type { Case } from '../domain/case.js';
import type { Closure } from '../domain/closure.js';
import type { SourceMessage } from '../domain/source-message.js';
import type { StuckRecord } from '../domain/stuck-step.js';
import type { DeadlineKind, DeadlineState } from '../domain/deadlines.js';
import { SEVERITIES, type Severity } from '../domain/severity.js';
import type { MessageKey } from '../i18n/translator.js';
import type { Words } from '../i18n/words.js';
import { escapeMrkdwn, fitText, quoteUserText } from './plain-text.js';
import { ACTION_IDS, type ActionId } from './action-ids.js';
import { channelLink, severityLabel, severityText, statusLabel, userMention } from './format.js';
import { SLACK_LIMITS } from './limits.js';
import { stuckStepsText } from './stuck-steps.js';
import { sourceLabel } from './source-label.js';
import { playbookChecklistBlocks, type PlaybookView } from './playbook-checklist.js';
import { compensationSection, type CompensationCardView } from './compensation-card.js';

export interface DeadlineView {
  kind: DeadlineKind;
  dueAt: Date;
  state: DeadlineState;
}

export interface CaseCardView {
  case: Case;
  categoryName: string;
  now: Date;
  /** Shown when present. */
  deadlines?: readonly DeadlineView[];
  /** Slack steps waiting for their next try; shown when any. */
  stuck?: readonly StuckRecord[];
  /** The category's playbook with its ticks; the card shows it as a checklist. */
  playbook?: PlaybookView;
  /** Compensation: the current proposal and the approved total; shown once anything was proposed. */
  compensation?: CompensationCardView;
  /** How the case ended, once closed. */
  closure?: Pick<Closure, 'outcome' | 'satisfaction'>;
  /** The Slack message the case was opened from ("Open a complaint"): the source field links it. */
  sourceMessage?: SourceMessage;
}

export interface CaseCardButton {
  actionId: ActionId;
  /** The catalog key of its text. */
  label: MessageKey;
  style?: 'primary' | 'danger';
  /** Whether the button makes sense for the case as it is now. */
  isShown: (c: Case) => boolean;
}

/** The case card's buttons, in display order; a new button is one more entry here. */
export const CASE_CARD_BUTTONS: readonly CaseCardButton[] = [
  { actionId: ACTION_IDS.take, label: 'card.button.take', isShown: (c) => c.status !== 'closed' },
  {
    actionId: ACTION_IDS.responded,
    label: 'card.button.responded',
    style: 'primary',
    isShown: (c) => c.status === 'open',
  },
  {
    actionId: ACTION_IDS.resolve,
    label: 'card.button.resolve',
    isShown: (c) => c.status === 'open' || c.status === 'responded',
  },
  // Closing: opens the close form once the case is resolved (`/complaint close` closes earlier, on purpose).
  { actionId: ACTION_IDS.close, label: 'card.button.close', isShown: (c) => c.status === 'resolved' },
  // Compensation: opens the proposal form.
  { actionId: ACTION_IDS.compPropose, label: 'comp.button.propose', isShown: (c) => c.status !== 'closed' },
];

export const CASE_CARD_ACTIONS_BLOCK_ID = 'case_card_actions';

const DEADLINE_MARKERS: Record<DeadlineState, string> = {
  pending: ':hourglass_flowing_sand:',
  warning: ':warning:',
  breached: ':rotating_light:',
  met: ':white_check_mark:',
};

const FALLBACK_SUMMARY_LENGTH = 200;

/**
 * The case card posted first in the case channel and updated in place.
 *
 * @example
 * await client.chat.update({ channel, ts, text: caseCardText(words, view), blocks: caseCardBlocks(words, view) });
 */
export function caseCardBlocks(words: Words, view: CaseCardView): KnownBlock[] {
  const blocks = caseFactBlocks(words, view);
  blocks.push(...playbookChecklistBlocks(words, view.case, view.playbook));
  const buttons = CASE_CARD_BUTTONS.filter((button) => button.isShown(view.case));
  const elements: (Button | StaticSelect)[] = buttons.map((button) => caseButton(words, button, view.case.id));
  if (view.case.status !== 'closed') elements.push(severitySelect(words, view.case));
  if (elements.length > 0) blocks.push({ type: 'actions', block_id: CASE_CARD_ACTIONS_BLOCK_ID, elements });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: words.t('card.updated', { at: words.dateTime(view.now) }) }],
  });
  return blocks;
}

/**
 * The message `text` that goes with the card: notifications and clients without blocks.
 *
 * @example
 * caseCardText(words, view) // 'Complaint #42 (Critical, Open): Parcel arrived broken'
 */
export function caseCardText(words: Words, view: Pick<CaseCardView, 'case'>): string {
  const c = view.case;
  return words.t('card.text', {
    number: c.number,
    severity: severityText(words, c.severity),
    status: statusLabel(words, c.status),
    summary: fitText(c.summary, FALLBACK_SUMMARY_LENGTH, 'mrkdwn'),
  });
}

/**
 * The facts of a case shared by the card and `/complaint show`: header, summary,
 * fields, description, deadlines and stuck Slack steps. No buttons.
 */
export function caseFactBlocks(words: Words, view: CaseCardView): KnownBlock[] {
  const c = view.case;
  const header = words.t('card.header', { number: c.number });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: fitText(header, SLACK_LIMITS.headerText, 'plain_text') } },
    sectionText(fitText(c.summary, SLACK_LIMITS.sectionText, 'mrkdwn') || `_${words.t('card.noSummary')}_`),
    ...fieldSections(caseFields(words, view)),
  ];
  const description = c.description.trim();
  if (description !== '') {
    const heading = `*${words.t('card.description')}*\n`;
    blocks.push(sectionText(heading + quoteUserText(description, SLACK_LIMITS.sectionText - heading.length)));
  }
  if (view.deadlines !== undefined && view.deadlines.length > 0) {
    const lines = view.deadlines.map((deadline) => deadlineLine(words, deadline, view.now));
    blocks.push(sectionText(`*${words.t('card.deadlines')}*\n${lines.join('\n')}`));
  }
  // Compensation: the current proposal, its state and the approved total.
  const compensation = view.compensation && compensationSection(words, view.compensation);
  if (compensation) blocks.push(compensation);
  const stuck = stuckStepsText(words, view.stuck ?? []);
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

function caseFields(words: Words, view: CaseCardView): MrkdwnElement[] {
  const c = view.case;
  const half = Math.floor(SLACK_LIMITS.fieldText / 2) - 20;
  const field = (key: MessageKey, valueMrkdwn: string) => labelledField(words.t(key), valueMrkdwn);
  const fields = [
    field('card.field.customer', `${fitText(c.customerName, half, 'mrkdwn')}\n${fitText(c.customerContact, half, 'mrkdwn')}`),
    field('card.field.category', fitText(view.categoryName, SLACK_LIMITS.fieldText, 'mrkdwn')),
    field('card.field.severity', severityLabel(words, c.severity)),
    field('card.field.source', sourceField(words, c, view.sourceMessage)),
    field('card.field.status', statusLabel(words, c.status)),
  ];
  if (view.closure) {
    const outcome = words.t(`close.outcome.${view.closure.outcome}`);
    fields.push(field('card.field.outcome', words.t('card.outcome', { outcome, satisfaction: view.closure.satisfaction })));
  }
  if (c.escalated) fields.push(field('card.field.escalated', `:mega: ${words.t('card.escalatedYes')}`));
  fields.push(
    field('card.field.owner', userMention(c.ownerId, `_${words.t('card.nobodyYet')}_`)),
    field('card.field.reporter', userMention(c.reporterId)),
    field('card.field.opened', words.dateTime(c.createdAt)),
  );
  if (c.claimedLossMinor !== null) fields.push(field('card.field.claimedLoss', words.amount(c.claimedLossMinor)));
  if (c.staffInvolvedIds.length > 0) fields.push(field('staff.field', c.staffInvolvedIds.map((id) => userMention(id)).join(' ')));
  return fields;
}

/** Where the complaint came from; a Slack message is a link to it (or names its channel, when Slack gave no link). */
function sourceField(words: Words, c: Case, message: SourceMessage | undefined): string {
  const label = escapeMrkdwn(sourceLabel(words, c.source));
  if (!message) return label;
  if (message.permalink) return `<${message.permalink}|${label}>`;
  return words.t('card.field.sourceIn', { source: label, channel: channelLink(message.channelId) });
}

function deadlineLine(words: Words, deadline: DeadlineView, now: Date): string {
  const marker = DEADLINE_MARKERS[deadline.state];
  const label = words.t(`deadline.${deadline.kind}`);
  const due = words.dateTime(deadline.dueAt);
  const leftMs = deadline.dueAt.getTime() - now.getTime();
  const span = words.span(leftMs);
  if (deadline.state === 'met') return `${marker} ${words.t('card.deadline.met', { label, due })}`;
  if (deadline.state === 'breached' || leftMs <= 0) return `${marker} ${words.t('card.deadline.overdue', { label, due, span })}`;
  const key = deadline.state === 'warning' ? 'card.deadline.dueSoon' : 'card.deadline.due';
  return `${marker} ${words.t(key, { label, due, span })}`;
}

/** Changing the severity moves the deadlines; each option's value is `<case id>:<severity>`. */
function severitySelect(words: Words, c: Case): StaticSelect {
  const option = (severity: Severity) => ({
    text: {
      type: 'plain_text' as const,
      text: fitText(words.t('card.severityOption', { severity: severityLabel(words, severity) }), SLACK_LIMITS.optionText, 'plain_text'),
    },
    value: `${c.id}:${severity}`,
  });
  return {
    type: 'static_select',
    action_id: ACTION_IDS.severity,
    placeholder: { type: 'plain_text', text: words.t('card.severityPlaceholder') },
    options: SEVERITIES.map(option),
    initial_option: option(c.severity),
  };
}

function caseButton(words: Words, button: CaseCardButton, caseId: string): Button {
  return {
    type: 'button',
    action_id: button.actionId,
    text: { type: 'plain_text', text: fitText(words.t(button.label), SLACK_LIMITS.buttonText, 'plain_text') },
    value: caseId,
    ...(button.style ? { style: button.style } : {}),
  };
}
