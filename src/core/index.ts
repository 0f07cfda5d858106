/** The VS Code-free core: `analyze(paths, options) → Report` (`analyzeText` for texts in memory) and the report renderers. */
export { analyze, analyzeAsync, analyzeParallel, analyzeText, type AnalyzeOptions } from './analyze';
export { AnalysisCancelled, InputError, type NamedText } from './ingest/read';
export { ReadCache } from './ingest/cache';
export { rootOf } from './ingest/discover';
export * from './model/report';
export { renderText } from './report/renderText';
export { renderFindingMarkdown, renderMarkdown } from './report/renderMarkdown';
export { renderSarif } from './report/renderSarif';
export { jsonPieces } from './report/jsonPieces';
export { formatTime, parseTimeZone, UTC, type TimeZone } from './report/displayTime';
export { formatOffset, isUtcOffset, MAX_UTC_OFFSET_MINUTES, MIN_UTC_OFFSET_MINUTES, parseOffsetInput, parseUtcOffset } from './utcOffset';
export { writerState, WRITER_STATES } from './knowledge/writerStates';
export { listingId, listingLabel } from './analysis/listings';
export { formatDuration } from './knowledge/messages/duration';
export { normalizeLocale, type Locale } from './knowledge/messages/locale';
export { translator } from './knowledge/messages';
export { domainWords, type DomainWords } from './knowledge/messages/words';
export { attemptKey, buildTimeline, findAttempt, type TimelineModel } from './report/timeline';
export { WINDOW_NAMES } from './knowledge/limits';
export { explainAt } from './diagnosis/explain';
export { TOOL } from './version';
// The CLI's reading threads (src/workers/readWorker.ts): their job list and what they post back.
export { readHelperJob, readJob, readRanges, takeJob, type ReadResult as ReadJobResult, type ReadSetup } from './ingest/parallel';
export { packRecords } from './ingest/handoff';
