/** The VS Code-free core: `analyze(paths, options) → Report` and the report renderers. */
export { analyze, analyzeAsync, AnalysisCancelled, InputError, type AnalyzeOptions } from './analysis/analyze';
export { rootOf } from './analysis/discover';
export * from './model/report';
export { renderText } from './report/renderText';
export { writerState, WRITER_STATES } from './knowledge/writerStates';
