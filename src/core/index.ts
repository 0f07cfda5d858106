/** The VS Code-free core: `analyze(paths, options) → Report` and the report renderers. */
export { analyze, analyzeAsync, AnalysisCancelled, InputError, type AnalyzeOptions } from './analysis/analyze';
export { rootOf } from './analysis/discover';
export * from './model/report';
export { renderText } from './report/renderText';
export { renderMarkdown } from './report/renderMarkdown';
export { renderSarif } from './report/renderSarif';
export { jsonPieces } from './report/jsonPieces';
export { formatOffset, formatTime, parseTimeZone, UTC, type TimeZone } from './report/time';
export { writerState, WRITER_STATES } from './knowledge/writerStates';
export { attemptKey, buildTimeline, findAttempt, type TimelineModel } from './report/timeline';
