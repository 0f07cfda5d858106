// Native `.evtx` (Windows XML Event Log) reader. Design: /shared/design/evtx-format.md (kept with the team's notes).
export type { EvtxData, EvtxEvent } from './event';
export type { ChunkKind, ChunkResult } from './chunk';
export { hasEvtxSignature, parseFileHeader, type EvtxFileHeader } from './header';
export { bytesSource, evtxChunks, fdSource, readEvtx, readEvtxBytes, readEvtxFile, type EvtxOptions, type EvtxSource, type EvtxSummary } from './reader';
