/**
 * The core's extension-host door: the report's model, its renderers, the timeline and the knowledge the
 * hovers explain — and no reader. The extension host shows reports that dist/analysisWorker.js makes, so
 * reaching the readers, the decoders or the code-page tables from here would only grow dist/extension.js
 * (test/unit/hostImports.test.ts keeps them out). The CLI, the workers and the tests use ./index.ts, which
 * is this and the analysis.
 */
export { AnalysisCancelled, InputError } from './ingest/errors';
export type { AnalyzeOptions } from './analyze';
export { rootOf } from './ingest/discover';
export * from './model/report';
export { renderFindingMarkdown, renderMarkdown } from './report/renderMarkdown';
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
