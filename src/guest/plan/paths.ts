// Pure: where the plan lives in the guest, and the guest paths it names.

/** The plan's directory in the guest (vm/agent.sh reads it from there). */
const PLAN_DIR = '/etc/plan';
/** The flood's frames (src/pipeline/variant.ts writes them). */
export const FLOOD_PCAP = '/etc/flood.pcap';

export const inPlan = (path: string) => `${PLAN_DIR}/${path}`;

/** A command's standard input: none is /dev/null, some text a plan file of its own. */
export const inputPath = (input: string, file: string) => (input === '' ? '/dev/null' : inPlan(file));
