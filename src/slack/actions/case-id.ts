/** Case ids are UUIDs; anything else in a button's value is an old or forged button. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isCaseId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

export const OUT_OF_DATE = 'This button is out of date. Use `/complaint show` in the case channel.';
