import { randomUUID } from 'node:crypto';
import type { Observable } from 'rxjs';
import { take } from 'rxjs';
import { afterEach, beforeEach, expect } from 'vitest';
import { StoreError } from '../../../src/store/errors.js';
import type { StoreErrorCode } from '../../../src/store/errors.js';
import type { EventStore, EventToAppend, JsonObject, RecordedEvent } from '../../../src/store/port.js';
import { categoryOf } from '../../../src/store/port.js';

export type StoreFixtureFactory = () => Promise<{ store: EventStore; teardown: () => Promise<void> }>;

/** A fresh store per test from the adapter's factory; torn down after it. */
export const useStore = (factory: StoreFixtureFactory): (() => EventStore) => {
  let fixture: Awaited<ReturnType<StoreFixtureFactory>> | undefined;
  beforeEach(async () => {
    fixture = await factory();
  });
  afterEach(async () => {
    const f = fixture;
    fixture = undefined;
    await f?.teardown();
  });
  return () => {
    if (fixture === undefined) throw new Error('the store fixture is only available inside a test');
    return fixture.store;
  };
};

/**
 * A category no other test (nor another run against a shared server) uses, so
 * reads of $all can be narrowed to this test's streams. No '-' (it ends a
 * category) and no '$' (system streams).
 */
export const uniqueCategory = (label: string): string => `${label}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

/** A suffix for event types that must not collide with other tests' types. */
export const uniqueSuffix = (): string => randomUUID().replace(/-/g, '').slice(0, 12);

export const anEvent = (type: string, data: JsonObject = {}, metadata: JsonObject = {}): EventToAppend => ({
  id: randomUUID(),
  type,
  data,
  metadata,
});

export const someEvents = (count: number, type = 'Something', from = 0): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => anEvent(type, { n: from + i }));

export const ids = (events: readonly { readonly id: string }[]): string[] => events.map((e) => e.id);

export const inCategory =
  (category: string) =>
  (e: RecordedEvent): boolean =>
    categoryOf(e.streamName) === category;

export const expectStrictlyIncreasing = (positions: readonly number[]): void => {
  for (let i = 1; i < positions.length; i++) expect(positions[i]!).toBeGreaterThan(positions[i - 1]!);
};

/** Awaits a rejection and checks it is a StoreError with the given code. */
export const rejectionOf = async (promise: Promise<unknown>, code: StoreErrorCode): Promise<StoreError> => {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).code).toBe(code);
    return e as StoreError;
  }
  throw new Error(`expected a rejection with ${code}, but the call succeeded`);
};

/**
 * Collects the first `count` events of an observable, then unsubscribes.
 * Fails if they do not all arrive within `timeoutMs` (a bound, not a timing
 * assumption: delivery normally takes milliseconds).
 */
export const collect = <T>(source: Observable<T>, count: number, timeoutMs = 5_000): Promise<T[]> =>
  new Promise<T[]>((resolve, reject) => {
    const got: T[] = [];
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`collected ${got.length} of ${count} events within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = source.pipe(take(count)).subscribe({
      next: (e) => got.push(e),
      error: (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
      complete: () => {
        clearTimeout(timer);
        if (got.length === count) resolve(got);
        else reject(new Error(`the subscription completed after ${got.length} of ${count} events`));
      },
    });
  });

/** Polls a condition until it holds or `timeoutMs` passes; returns whether it held. */
export const eventually = async (condition: () => boolean, timeoutMs = 5_000): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
};
