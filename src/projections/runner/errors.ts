/** Stable codes of the failures a projection runner reports. */
export type ProjectionErrorCode =
  /** Another runner advanced this projection's checkpoint: only one runner may own a projection. */
  | 'CHECKPOINT_CONFLICT'
  /** A change-request event failed validation or could not be upcast. */
  | 'EVENT_UNREADABLE'
  /** A projection threw while applying an event. */
  | 'PROJECTION_FAILED'
  /** The store failed (subscription, read or checkpoint append). */
  | 'STORE_FAILED'
  | 'INVALID_PROJECTION'
  | 'RUNNER_STOPPED';

export class ProjectionError extends Error {
  constructor(
    readonly code: ProjectionErrorCode,
    message: string,
    readonly details: { readonly projection?: string; readonly position?: number; readonly streamName?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProjectionError';
  }
}

export const isProjectionError = (e: unknown): e is ProjectionError => e instanceof ProjectionError;
