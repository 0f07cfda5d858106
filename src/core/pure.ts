/**
 * The core's browser door: types and pure functions that need no Node (no fs, Buffer, worker_threads),
 * for the code that runs in the timeline webview: src/webview/app and src/webview/protocol.ts, which the
 * app shares with the extension. `tsc -p src/webview/app` checks it without Node types, so a Node API
 * reached from here fails the lint step. Every other surface imports the core through ./index.ts.
 */
export type * from './model/report';
export type { TimelineEvent, TimelineLane, TimelineModel } from './report/timeline';
export { axisTicks, clusterEvents, compareShift, fileLanes, type Cluster, type Placeable } from './report/timelineLayout';
export { repeatMark } from './report/repeats';
export { formatDuration } from './knowledge/messages/duration';
export type { Locale } from './knowledge/messages/locale';
export type { DomainWords } from './knowledge/messages/words';
export { formatOffset, isUtcOffset, parseOffsetInput } from './utcOffset';
