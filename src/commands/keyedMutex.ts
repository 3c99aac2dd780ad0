/**
 * Runs tasks one at a time per key, in arrival order. Within one process
 * this keeps concurrent commands on the same CR (or the same number
 * counter) from racing into optimistic-concurrency conflicts; across
 * processes the store's expected revision still decides.
 */
export const createKeyedMutex = () => {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
};
export type KeyedMutex = ReturnType<typeof createKeyedMutex>;
