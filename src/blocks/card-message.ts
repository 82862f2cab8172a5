import type { KnownBlock } from '@slack/types';
import { categoryPlaybook, type Policy } from '../config/policy.js';
import type { Case } from '../domain/case.js';
import { deadlineState } from '../domain/deadlines.js';
import { checklist, playbookVersion, type DoneStep } from '../domain/playbook.js';
import type { Deadline } from '../db/deadline-repository.js';
import type { Words } from '../i18n/words.js';
import { caseCardBlocks, caseCardText, type CaseCardView, type DeadlineView } from './case-card.js';
import type { PlaybookView } from './playbook-checklist.js';

/** Category name for display; a category removed from the policy file still shows its id. */
export function categoryName(policy: Policy, categoryId: string): string {
  return policy.categories.find((c) => c.id === categoryId)?.name ?? categoryId;
}

/** Deadlines as the card and `/complaint show` display them: kind, due time, state at `now`. */
export function deadlineViews(deadlines: readonly Deadline[], now: Date): DeadlineView[] {
  return deadlines.map((d) => ({ kind: d.kind, dueAt: d.dueAt, state: deadlineState(d, now) }));
}

/** The category's playbook with the case's ticks, as the card and `/complaint show` display it. */
export function playbookView(policy: Pick<Policy, 'categories'>, categoryId: string, done: readonly DoneStep[]): PlaybookView {
  const steps = categoryPlaybook(policy, categoryId);
  return { version: playbookVersion(steps), steps: checklist(steps, done) };
}

/** The case card as a message body, from the case as stored now. */
export function cardMessage(
  words: Words,
  policy: Policy,
  current: Case,
  now: Date,
  deadlines?: CaseCardView['deadlines'],
  stuck?: CaseCardView['stuck'],
  playbook?: CaseCardView['playbook'],
  compensation?: CaseCardView['compensation'],
  closure?: CaseCardView['closure'],
  sourceMessage?: CaseCardView['sourceMessage'],
): { text: string; blocks: KnownBlock[] } {
  const view: CaseCardView = {
    case: current,
    categoryName: categoryName(policy, current.categoryId),
    now,
    ...(deadlines && { deadlines }),
    ...(stuck && { stuck }),
    ...(playbook && { playbook }),
    ...(compensation && { compensation }),
    ...(closure && { closure }),
    ...(sourceMessage && { sourceMessage }),
  };
  return { text: caseCardText(words, view), blocks: caseCardBlocks(words, view) };
}
