import { createHash } from 'node:crypto';

/**
 * The playbook checklist of a case: its category's steps, as the policy words them, and
 * which of them someone ticked. Steps are named by their place in the playbook (0-based).
 */

/** A step someone ticked, as stored: `text` is the step's wording when it was ticked. */
export interface DoneStep {
  readonly index: number;
  readonly text: string;
  readonly doneBy: string;
  readonly doneAt: Date;
}

export interface ChecklistStep {
  readonly index: number;
  readonly text: string;
  /** Who ticked it and when; absent while the step is left to do. */
  readonly done?: { readonly byId: string; readonly at: Date };
}

/**
 * The playbook as a checklist. A tick counts only for the step it was given to: when the
 * policy's playbook changed since, a tick stored for another wording at that place is not
 * this step's.
 *
 * @example
 * checklist(['Thank the customer', 'Apologise'], [{ index: 1, text: 'Apologise', doneBy: 'U1', doneAt }])
 * // [{ index: 0, text: 'Thank the customer' }, { index: 1, text: 'Apologise', done: { byId: 'U1', at: doneAt } }]
 */
export function checklist(playbook: readonly string[], done: readonly DoneStep[]): ChecklistStep[] {
  return playbook.map((text, index) => {
    const tick = done.find((step) => step.index === index && step.text === text);
    return tick ? { index, text, done: { byId: tick.doneBy, at: tick.doneAt } } : { index, text };
  });
}

/**
 * A short fingerprint of a playbook's steps: a checklist built from one version and
 * clicked after the policy changed is recognised as out of date.
 *
 * @example
 * playbookVersion(['Thank the customer', 'Apologise']) // 'b7c1…' (12 hex digits)
 */
export function playbookVersion(playbook: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(playbook)).digest('hex').slice(0, 12);
}

/** What a click on a part of the checklist says: the steps it showed, as shown, and the ones ticked now. */
export interface ChecklistClick {
  /** Index of the first step the clicked part shows. */
  readonly first: number;
  /** Whether each step of the part, from `first` on, was shown ticked. */
  readonly shownDone: readonly boolean[];
  /** Indexes of the part's steps ticked after the click. */
  readonly selected: readonly number[];
}

export interface StepToggle {
  readonly index: number;
  readonly done: boolean;
}

/**
 * The steps a person changed with one click: those whose tick differs from what their copy
 * of the card showed. Steps they did not touch are left alone, so two people ticking two
 * steps on copies of the same card both count. Undefined when the click names a step
 * outside the part it came from.
 *
 * @example
 * toggledSteps({ first: 0, shownDone: [true, false, false], selected: [0, 2] }) // [{ index: 2, done: true }]
 */
export function toggledSteps(click: ChecklistClick): StepToggle[] | undefined {
  const last = click.first + click.shownDone.length;
  if (click.selected.some((index) => index < click.first || index >= last)) return undefined;
  const toggles: StepToggle[] = [];
  click.shownDone.forEach((wasDone, offset) => {
    const index = click.first + offset;
    const isDone = click.selected.includes(index);
    if (isDone !== wasDone) toggles.push({ index, done: isDone });
  });
  return toggles;
}
