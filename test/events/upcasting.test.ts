import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { sealEvent } from '../../src/events/integrity.js';
import { decodeRecordedEvent } from '../../src/events/serialization.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import { pipelineOn } from '../support/pipeline.js';

/** A ChangeRequestDrafted exactly as version 1 of the library stored it: the description was one string. */
const v1Data = {
  changeRequestId: 'legacy1',
  crType: 'manual',
  title: 'Legacy change',
  description: 'Rotate API keys\nKeys older than 90 days are rotated by the scheduler.',
  category: 'configuration',
  affectedModules: ['Auth'],
  estimatedEffort: '',
  stakeholders: [],
  draftedBy: { id: 'johan', role: 'change_manager' },
};

const v1Metadata = (schemaVersion: number) =>
  sealEvent(
    'ChangeRequestDrafted',
    v1Data,
    {
      actor: { id: 'johan', role: 'change_manager' },
      occurredAt: '2024-01-01T00:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
      schemaVersion,
      commandType: 'DraftChangeRequest',
    },
    null,
  );

const recorded = (schemaVersion: number): RecordedEvent => ({
  id: 'e1',
  type: 'ChangeRequestDrafted',
  streamName: 'change_request-legacy1',
  revision: 0,
  position: 0,
  data: v1Data,
  metadata: v1Metadata(schemaVersion),
});

describe('upcasting ChangeRequestDrafted from schema v1 to v2', () => {
  it('given a v1 event, when read back, then the description is split into summary and details', () => {
    const decoded = decodeRecordedEvent(recorded(1));
    expect(E.isRight(decoded) && decoded.right.type === 'ChangeRequestDrafted' && decoded.right.data.description).toEqual({
      summary: 'Rotate API keys',
      details: 'Keys older than 90 days are rotated by the scheduler.',
    });
  });

  it('given a v1 event in a store, the pipeline loads the CR and keeps deciding on it', async () => {
    const store = createInMemoryEventStore();
    const r = recorded(1);
    await store.appendToStream(r.streamName, [{ id: r.id, type: r.type, data: r.data, metadata: r.metadata }], { expectedRevision: 'no_stream' });
    const { cm } = pipelineOn(store);
    const state = await cm.get('legacy1');
    expect(state?.description?.summary).toBe('Rotate API keys');
    const submitted = await cm.execute({ type: 'SubmitChangeRequest', changeRequestId: 'legacy1', actor: { id: 'johan', role: 'change_manager' } });
    expect(E.isRight(submitted)).toBe(true);
  });

  it('the stored v1 event is never rewritten', () => {
    const r = recorded(1);
    decodeRecordedEvent(r);
    expect(r.data['description']).toBe(v1Data.description);
  });

  it('an event from a newer schema version than this library knows is refused with EVENT_SCHEMA_UNSUPPORTED', () => {
    const decoded = decodeRecordedEvent(recorded(3));
    expect(E.isLeft(decoded) && decoded.left.code).toBe('EVENT_SCHEMA_UNSUPPORTED');
  });

  it.each([0, 1.5])('a schema version of %s is invalid metadata', (version) => {
    const decoded = decodeRecordedEvent(recorded(version));
    expect(E.isLeft(decoded) && decoded.left).toMatchObject({ code: 'EVENT_DECODE_FAILED', path: 'schemaVersion' });
  });

  it('an unknown event type is refused with UNKNOWN_EVENT_TYPE', () => {
    const decoded = decodeRecordedEvent({ ...recorded(1), type: 'SomethingElse' });
    expect(E.isLeft(decoded) && decoded.left.code).toBe('UNKNOWN_EVENT_TYPE');
  });

  it('data that does not match the schema is refused with the path at fault', () => {
    const decoded = decodeRecordedEvent({ ...recorded(2), data: { ...v1Data, description: { summary: '' } } });
    expect(E.isLeft(decoded) && decoded.left).toMatchObject({ code: 'EVENT_DECODE_FAILED', path: 'description.summary' });
  });
});
