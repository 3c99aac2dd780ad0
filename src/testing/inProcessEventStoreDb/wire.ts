import { sharedPb, streamsPb } from './generated.js';
import type { ReadResp, StreamIdentifier, Uuid } from './generated.js';
import { DELETED_STREAM } from './streamMetadata.js';
import type { LogRecord } from './transactionLog.js';

const HEX_UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

const canonical = (hex32: string): string =>
  `${hex32.slice(0, 8)}-${hex32.slice(8, 12)}-${hex32.slice(12, 16)}-${hex32.slice(16, 20)}-${hex32.slice(20)}`.toLowerCase();

/** A UUID message (string or structured form) as a canonical lower-case string, or undefined when malformed. */
export const uuidToString = (uuid: Uuid | undefined): string | undefined => {
  if (uuid === undefined) return undefined;
  if (uuid.hasStructured()) {
    const s = uuid.getStructured()!;
    const msb = BigInt.asUintN(64, BigInt(s.getMostSignificantBits()));
    const lsb = BigInt.asUintN(64, BigInt(s.getLeastSignificantBits()));
    return canonical(msb.toString(16).padStart(16, '0') + lsb.toString(16).padStart(16, '0'));
  }
  const text = uuid.getString();
  return HEX_UUID.test(text) ? canonical(text.replaceAll('-', '')) : undefined;
};

export const uuidMessage = (id: string, structured: boolean): Uuid => {
  const uuid = new sharedPb.UUID();
  if (!structured) return uuid.setString(id);
  const hex = id.replaceAll('-', '');
  const s = new sharedPb.UUID.Structured();
  s.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString());
  s.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
  return uuid.setStructured(s);
};

export const streamNameOf = (identifier: StreamIdentifier | undefined): string | undefined =>
  identifier === undefined ? undefined : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');

export const streamIdentifier = (streamName: string): StreamIdentifier =>
  new sharedPb.StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));

export const revisionOnWire = (record: LogRecord): string =>
  record.tombstone ? DELETED_STREAM.toString() : String(record.revision);

/** Serialized event responses, per record, in the string-UUID form clients ask for: records never change. */
const serializedEvents = new WeakMap<LogRecord, Buffer>();

/** The serialized read/subscription response carrying one record (the Read call's serializer passes Buffers through). */
export const eventResponseBytes = (record: LogRecord, structuredUuids: boolean): Buffer => {
  if (structuredUuids) return Buffer.from(eventResponse(record, true).serializeBinary());
  let bytes = serializedEvents.get(record);
  if (bytes === undefined) {
    bytes = Buffer.from(eventResponse(record, false).serializeBinary());
    serializedEvents.set(record, bytes);
  }
  return bytes;
};

/** A read or subscription response carrying one record. */
export const eventResponse = (record: LogRecord, structuredUuids: boolean): ReadResp => {
  const position = String(record.position);
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(record.id, structuredUuids))
    .setStreamIdentifier(streamIdentifier(record.streamName))
    .setStreamRevision(revisionOnWire(record))
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(record.data)
    .setCustomMetadata(record.metadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.created);
  const readEvent = new streamsPb.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(position);
  return new streamsPb.ReadResp().setEvent(readEvent);
};

export const streamNotFoundResponse = (streamName: string): ReadResp =>
  new streamsPb.ReadResp().setStreamNotFound(
    new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName)),
  );

export const confirmationResponse = (subscriptionId: string): ReadResp =>
  new streamsPb.ReadResp().setConfirmation(
    new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId),
  );

export const caughtUpResponse = (): ReadResp => new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp());

export const checkpointResponse = (position: number): ReadResp =>
  new streamsPb.ReadResp().setCheckpoint(
    new streamsPb.ReadResp.Checkpoint().setCommitPosition(String(position)).setPreparePosition(String(position)),
  );
