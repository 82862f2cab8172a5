/** A procedure change from a retro note: who does it, by when, and whether it is done. */
export interface ActionItem {
  readonly id: string;
  readonly caseId: string;
  readonly teamId: string;
  readonly retroNoteId: string;
  readonly description: string;
  readonly ownerId: string;
  /** `YYYY-MM-DD`, a day in the workspace's zone. */
  readonly dueOn: string;
  /** When its owner is reminded if it is still open: the start of the due day's business hours. */
  readonly remindAt: Date;
  readonly remindedAt: Date | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly doneAt: Date | null;
  readonly doneBy: string | null;
}
