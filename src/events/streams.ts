/** Stream naming: one stream per change request, in the `change_request` category. */
export const changeRequestCategory = 'change_request';

export const changeRequestStream = (changeRequestId: string): string => `${changeRequestCategory}-${changeRequestId}`;

export const changeRequestIdOfStream = (streamName: string): string | undefined =>
  streamName.startsWith(`${changeRequestCategory}-`) ? streamName.slice(changeRequestCategory.length + 1) : undefined;

/**
 * CR numbers come from one counter stream per prefix and year
 * (`cr_number-CR-2025`, `cr_number-AI-CR-2025`): the number is the revision
 * of the allocation event plus one, so numbers never repeat and have no gaps.
 */
export const numberCategory = 'cr_number';
export const numberStream = (prefix: 'CR' | 'AI-CR', year: number): string => `${numberCategory}-${prefix}-${year}`;
export const numberAllocatedEventType = 'ChangeRequestNumberAllocated';

export const formatChangeRequestNumber = (prefix: 'CR' | 'AI-CR', year: number, sequence: number): string =>
  `${prefix}-${year}-${String(sequence).padStart(3, '0')}`;

/** Splits `CR-2025-007` / `AI-CR-2025-1234` into prefix, year and sequence; undefined unless canonical. */
export const parseChangeRequestNumber = (
  number: string,
): { readonly prefix: 'CR' | 'AI-CR'; readonly year: number; readonly sequence: number } | undefined => {
  const m = /^(AI-CR|CR)-(\d{4})-(\d{3,})$/.exec(number);
  if (m === null) return undefined;
  const prefix = m[1] as 'CR' | 'AI-CR';
  const year = Number(m[2]);
  const sequence = Number(m[3]);
  // Only the canonical spelling names a CR: CR-2025-0001 is not CR-2025-001.
  if (sequence < 1 || formatChangeRequestNumber(prefix, year, sequence) !== number) return undefined;
  return { prefix, year, sequence };
};
