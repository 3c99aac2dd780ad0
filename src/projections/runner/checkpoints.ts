import { isWrongExpectedRevision } from '../../store/errors.js';
import type { EventStore } from '../../store/port.js';
import { ProjectionError } from './errors.js';

/**
 * Checkpoints live in the event store itself, one stream per projection.
 * Each append names the revision the writer last saw, so of two runners
 * feeding the same projection only one can advance it; the other gets
 * CHECKPOINT_CONFLICT and stops.
 */
export const checkpointCategory = 'projection_checkpoint';
export const checkpointStream = (projection: string): string => `${checkpointCategory}-${projection}`;
export const checkpointEventType = 'ProjectionCheckpointed';

export interface Checkpoint {
  /** Position of the last event the projection had applied; -1 for none. */
  readonly position: number;
  /** Revision of the checkpoint stream's last event; -1 when it does not exist. */
  readonly revision: number;
}

export const readCheckpoint = async (store: EventStore, projection: string): Promise<Checkpoint> => {
  const [last] = await store.readStream(checkpointStream(projection), { direction: 'backwards', maxCount: 1 });
  if (last === undefined) return { position: -1, revision: -1 };
  const position = last.data['position'];
  if (typeof position !== 'number' || !Number.isInteger(position) || position < -1) {
    throw new ProjectionError('STORE_FAILED', `Checkpoint of ${projection} at revision ${last.revision} is malformed`, { projection });
  }
  return { position, revision: last.revision };
};

export const writeCheckpoint = async (
  store: EventStore,
  projection: string,
  after: Checkpoint,
  position: number,
  id: string,
  at: string,
): Promise<Checkpoint> => {
  try {
    const result = await store.appendToStream(
      checkpointStream(projection),
      [{ id, type: checkpointEventType, data: { position }, metadata: { occurredAt: at } }],
      { expectedRevision: after.revision === -1 ? 'no_stream' : after.revision },
    );
    return { position, revision: result.nextExpectedRevision };
  } catch (e) {
    if (isWrongExpectedRevision(e)) {
      throw new ProjectionError(
        'CHECKPOINT_CONFLICT',
        `Another runner advanced the checkpoint of ${projection} (expected revision ${after.revision}, found ${String(e.actual)})`,
        { projection },
        { cause: e },
      );
    }
    throw new ProjectionError('STORE_FAILED', `Could not write the checkpoint of ${projection}`, { projection }, { cause: e });
  }
};
