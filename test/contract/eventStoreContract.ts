import { describe } from 'vitest';
import type { EventStore } from '../../src/store/port.js';
import { describeAppendContract } from './eventStore/append.js';
import { describeCountAllContract } from './eventStore/countAll.js';
import { describeLifecycleContract } from './eventStore/lifecycle.js';
import { describeReadAllContract } from './eventStore/readAll.js';
import { describeReadStreamContract } from './eventStore/readStream.js';
import { describeRoundTripContract } from './eventStore/roundTrip.js';
import { describeSubscribeContract } from './eventStore/subscribe.js';

/**
 * The semantics every EventStore adapter must share (see src/store/port.ts).
 *
 * `factory` is called once per test and `teardown` after it; a test may have
 * closed the store already, so teardown must accept a closed store (close is
 * idempotent). The suite works against a store that holds other data, such as
 * a shared server: streams and event types are unique per test, $all reads are
 * narrowed to the test's own category, and positions are only compared for
 * order (they need not start at 0 nor be contiguous). The only waits are
 * bounded ones for subscription delivery.
 *
 * Decisions the port leaves open, fixed here:
 * - an empty batch is refused with INVALID_APPEND, whatever the expected revision;
 * - events need a non-empty id and type and object data and metadata, the
 *   stream name must be non-empty, an exact expected revision is an integer
 *   >= 0; otherwise INVALID_APPEND;
 * - close() twice succeeds.
 */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<{ store: EventStore; teardown: () => Promise<void> }>,
): void {
  describe(`EventStore contract: ${name}`, () => {
    describeAppendContract(factory);
    describeReadStreamContract(factory);
    describeReadAllContract(factory);
    describeCountAllContract(factory);
    describeSubscribeContract(factory);
    describeRoundTripContract(factory);
    describeLifecycleContract(factory);
  });
}
