import type { KbRef } from '../model/report';

/** Public references the findings cite. One place, so a moved page is fixed once. */
export const KB = {
	writerStates: { id: 'Microsoft Learn: VSS_WRITER_STATE', title: 'VSS_WRITER_STATE enumeration (vss.h)', url: 'https://learn.microsoft.com/windows/win32/api/vss/ne-vss-vss_writer_state' },
	writerVetoes: { id: 'Microsoft Learn: Writer Errors and Vetoes', title: 'Writer errors and vetoes', url: 'https://learn.microsoft.com/windows/win32/vss/writer-errors-and-vetoes' },
	inBoxWriters: { id: 'Microsoft Learn: In-Box VSS Writers', title: 'In-box VSS writers and the services that host them', url: 'https://learn.microsoft.com/windows/win32/vss/in-box-vss-writers' },
	writersMissing: { id: 'Microsoft Japan Windows support blog (2017-05-20)', title: 'VSS Writer が全て消失する事象について (all VSS writers missing)', url: 'https://jpwinsup.github.io/blog/2017/05/20/Storage/Backup/VSSSystemWriterDeleted/' },
} satisfies Record<string, KbRef>;
