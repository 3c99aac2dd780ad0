/**
 * Connection settings of the read-write connection, after journal_mode = WAL
 * and the chosen `synchronous`. The benchmark's raw baseline uses the same.
 *
 * Random event ids make every commit touch a page of the id index somewhere in
 * the file, so the page cache and the checkpoint interval decide write speed:
 * a 32 MiB cache keeps the indexes in memory, and checkpointing every 10,000
 * pages (about 40 MiB of WAL) rather than 1,000 copies a page rewritten by
 * many commits into the main file once, not once per checkpoint. A 256 MiB
 * memory map spares reads a copy per page.
 */
export const TUNING_PRAGMAS: readonly string[] = [
  'cache_size = -32768',
  'wal_autocheckpoint = 10000',
  'mmap_size = 268435456',
];
