// How the analysis thread reads a bundle (see analysisWorker.ts): plain data, so that tests can size a
// bundle that crosses the line without loading the thread's script.
import * as os from 'os';

/**
 * Threads a bundle's files are read on: the analysis thread and a helper. Not every core, as the CLI uses:
 * the window, the language servers and the other extensions share the machine while the user waits.
 */
export const READ_THREADS = Math.min(2, os.availableParallelism());

/**
 * Bytes to read (files the cache does not hold) from which the helper is started (128 MiB). It pays for
 * its start (about 0.1 s of CPU, 0.25 s until it reads) and the hand-off of its records only on a long
 * read: on 2 cores, the first tree of the 50 MB bench bundles came 60-220 ms later with it (chatter 0.40 →
 * 0.46 s, records 0.70 → 0.87 s, files 1.38 → 1.64 s) but for the record-dense vms bundle (3.88 → 3.66 s),
 * and at 160 MB chatter's came sooner (1.01 → 0.87 s) and records' no later (1.72 → 1.70 s).
 */
export const READ_HELPER_MIN_BYTES = 128 * 1024 * 1024;
