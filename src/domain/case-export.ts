/** One `/complaint export`: who asked, for which period, and how far sending it got. */
export interface CaseExport {
  readonly id: string;
  readonly teamId: string;
  readonly userId: string;
  readonly from: Date;
  readonly to: Date;
  readonly requestedAt: Date;
  readonly rowCount: number | null;
  /** Slack's id for the upload, stored before it is completed. */
  readonly fileId: string | null;
  readonly postedAt: Date | null;
  readonly failedAt: Date | null;
  readonly failure: string | null;
}

/** After this long unsent (Slack down all along, say), an export is given up and the person told, so it never loops. */
export const EXPORT_GIVE_UP_AFTER_MS = 24 * 3_600_000;

/** Whether an export is still owed: neither sent nor given up. */
export function isExportOwed(entry: Pick<CaseExport, 'postedAt' | 'failedAt'>): boolean {
  return entry.postedAt === null && entry.failedAt === null;
}

/** Whether it is time to give up on an export still owed at `now`. */
export function isExportTooOld(entry: Pick<CaseExport, 'requestedAt'>, now: Date): boolean {
  return now.getTime() - entry.requestedAt.getTime() >= EXPORT_GIVE_UP_AFTER_MS;
}
