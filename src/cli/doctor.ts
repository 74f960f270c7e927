// `ipvs-verify doctor`: every host tool and file the harness needs, and the
// Debian package that provides a missing one.
import { TOOL_PACKAGES, FILE_PACKAGES, whichTool } from '../host/tools.ts';
import { exists } from '../cache.ts';
import { kvmUsable } from '../qemu/run.ts';

export interface DoctorLine {
  what: string;
  ok: boolean;
  detail: string;
}

export async function doctor(): Promise<DoctorLine[]> {
  const out: DoctorLine[] = [];
  for (const [tool, pkg] of Object.entries(TOOL_PACKAGES)) {
    const p = await whichTool(tool);
    out.push({ what: tool, ok: p !== undefined, detail: p ?? `missing: apt-get install ${pkg}` });
  }
  for (const [file, pkg] of Object.entries(FILE_PACKAGES)) {
    const ok = await exists(file);
    out.push({ what: file, ok, detail: ok ? 'present' : `missing: apt-get install ${pkg}` });
  }
  const kvm = await kvmUsable();
  // Not a failure: TCG works everywhere, only slower.
  out.push({ what: '/dev/kvm', ok: true, detail: kvm ? 'usable: guests run under KVM' : 'not usable: guests run under TCG' });
  return out;
}
