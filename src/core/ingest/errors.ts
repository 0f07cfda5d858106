// The analysis' own errors, apart from the reading code: the extension host tells them from an internal error
// without loading any reader (src/core/host.ts).

/** Thrown by analyze when a path does not exist or cannot be read: one clear sentence naming it. */
export class InputError extends Error {}
/** Thrown by analyze when options.isCancelled() said so. */
export class AnalysisCancelled extends Error {}
