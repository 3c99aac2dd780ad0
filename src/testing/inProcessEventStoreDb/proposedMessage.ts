import type { Uuid } from './generated.js';
import type { ProposedEvent } from './transactionLog.js';
import { uuidToString } from './wire.js';

/** The shape shared by AppendReq.ProposedMessage and BatchAppendReq.ProposedMessage. */
export interface WireProposedMessage {
  getId(): Uuid | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

export type ParsedMessage =
  | { readonly ok: true; readonly event: ProposedEvent; readonly size: number }
  | { readonly ok: false; readonly missing: 'type' | 'content-type' | 'id' };

/**
 * Reads a proposed event. Its size counts as EventStoreDB counts it against
 * the maximum append size: data + metadata + twice the type's length.
 */
export const parseProposedMessage = (message: WireProposedMessage): ParsedMessage => {
  const metadataMap = message.getMetadataMap();
  const type = metadataMap.get('type');
  if (type === undefined) return { ok: false, missing: 'type' };
  const contentType = metadataMap.get('content-type');
  if (contentType === undefined) return { ok: false, missing: 'content-type' };
  const id = uuidToString(message.getId());
  if (id === undefined) return { ok: false, missing: 'id' };
  const data = message.getData_asU8();
  const metadata = message.getCustomMetadata_asU8();
  return {
    ok: true,
    event: { id, type, contentType, data, metadata },
    size: data.length + metadata.length + type.length * 2,
  };
};
