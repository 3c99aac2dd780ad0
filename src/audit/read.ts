import type { EventFilter, EventStore, RecordedEvent } from '../store/port.js';

/** Events per store read: large enough to be cheap, small enough to bound memory. */
export const defaultPageSize = 1_000;

/** Every event of one stream, in revision order, read page by page. */
export async function* streamPages(
  store: EventStore,
  streamName: string,
  pageSize = defaultPageSize,
): AsyncGenerator<readonly RecordedEvent[]> {
  let from = 0;
  for (;;) {
    const page = await store.readStream(streamName, { direction: 'forwards', fromRevision: from, maxCount: pageSize });
    if (page.length === 0) return;
    yield page;
    const last = page[page.length - 1];
    if (last === undefined || page.length < pageSize) return;
    from = last.revision + 1;
  }
}

/** The global log in order, page by page (positions grow strictly, so last + 1 resumes exactly). */
export async function* allPages(
  store: EventStore,
  options: { readonly filter?: EventFilter; readonly pageSize?: number } = {},
): AsyncGenerator<readonly RecordedEvent[]> {
  const pageSize = options.pageSize ?? defaultPageSize;
  let from = 0;
  for (;;) {
    const page = await store.readAll({
      direction: 'forwards',
      fromPosition: from,
      maxCount: pageSize,
      ...(options.filter === undefined ? {} : { filter: options.filter }),
    });
    if (page.length === 0) return;
    yield page;
    const last = page[page.length - 1];
    if (last === undefined || page.length < pageSize) return;
    from = last.position + 1;
  }
}

export const readWholeStream = async (store: EventStore, streamName: string, pageSize = defaultPageSize): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const page of streamPages(store, streamName, pageSize)) events.push(...page);
  return events;
};
