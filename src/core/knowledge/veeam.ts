import type { VssPhase } from '../model/report';

/**
 * Veeam Backup & Replication's guest processing (application-aware processing), the steps its error text
 * names before or around VSS: reaching the guest, VSS preparation and freeze under the backup server's wait
 * limits, and the in-guest helper (VeeamVssSupport) that keeps the shadow copy alive while the VM's disks are
 * read. Veeam prints these words in English in every version (its UI is not localised); only Windows' own
 * text inside them (`Win32 error: …`) is, and that is read by its code (knowledge/win32.ts).
 */

/**
 * The guest-processing step a Veeam error reports (product-error `guestStep`):
 * - `connect`: the guest could not be reached or logged on to (admin share, RPC, VIX), before any VSS call;
 * - `prepare-timeout`: VSS preparation (writers enumerating their components) outlasted Veeam's wait (KB1377);
 * - `freeze-timeout`: the writers' freeze window closed before the VM snapshot was made and thaw sent (KB1377);
 * - `snapshot-expired`: VeeamVssSupport closed the shadow copy because no keep-alive arrived in its TTL (KB2825).
 */
export type VeeamGuestStep = 'connect' | 'prepare-timeout' | 'freeze-timeout' | 'snapshot-expired';

/** The VSS phase each step failed in; none for `connect` (no VSS call was made). */
const PHASE: Readonly<Record<VeeamGuestStep, VssPhase | null>> = {
	'connect': null,
	'prepare-timeout': 'prepare',
	'freeze-timeout': 'freeze',
	// The snapshot existed and was being read when the helper gave it up.
	'snapshot-expired': 'post-snapshot',
};

/** The VSS phase a guest-processing step failed in, or null. */
export const phaseOfGuestStep = (step: VeeamGuestStep | null): VssPhase | null => (step === null ? null : PHASE[step]);

/** VeeamVssSupport's default snapshot life without a keep-alive (s): VSSGuestSnapshotTimeout, 20 minutes (KB2825). */
export const DEFAULT_SNAPSHOT_TTL_S = 1200;
/** Veeam's default wait for VSS preparation (s), as its message prints it (`wait timeout 900 sec`, KB1377). */
export const DEFAULT_PREPARE_WAIT_S = 900;
