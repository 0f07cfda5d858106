import { name, version } from '../../package.json';

/** The `tool` block of every report. */
export const TOOL = { name, version } as const;
