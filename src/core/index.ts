/** The VS Code-free core: `analyze(paths, options) → Report` (`analyzeText` for texts in memory), and all the extension host uses (./host.ts). */
export * from './host';
export { analyze, analyzeAsync, analyzeParallel, analyzeText } from './analyze';
export { type NamedText } from './ingest/read';
export { ReadCache } from './ingest/cache';
export { renderText } from './report/renderText';
export { renderSarif } from './report/renderSarif';
export { jsonPieces } from './report/jsonPieces';
export { TOOL } from './version';
// The CLI's reading threads (src/workers/readWorker.ts): their job list and what they post back.
export { readHelperJob, readJob, readRanges, takeJob, type ReadResult as ReadJobResult, type ReadSetup } from './ingest/parallel';
export { packRecords } from './ingest/handoff';
