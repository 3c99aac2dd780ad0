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

/** Splits `CR-2025-007` / `AI-CR-2025-1234` into its counter stream and sequence; undefined if malformed. */
export const parseChangeRequestNumber = (
  number: string,
): { readonly prefix: 'CR' | 'AI-CR'; readonly year: number; readonly sequence: number } | undefined => {
  const m = /^(AI-CR|CR)-(\d{4})-(\d{3,})$/.exec(number);
  if (m === null) return undefined;
  const sequence = Number(m[3]);
  if (sequence < 1) return undefined;
  return { prefix: m[1] as 'CR' | 'AI-CR', year: Number(m[2]), sequence };
};
