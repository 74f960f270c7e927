// Writes the guest's plan under a host directory (kept with the run record)
// and lists its files for the initramfs, under PLAN_DIR.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GuestFile } from '../initramfs-plan.ts';
import { inPlan } from './paths.ts';
import type { PlanFile } from './types.ts';

export async function writePlan(dir: string, files: PlanFile[]): Promise<GuestFile[]> {
  const out: GuestFile[] = [];
  for (const f of files) {
    const host = join(dir, f.path);
    await mkdir(dirname(host), { recursive: true });
    await writeFile(host, f.text);
    out.push({ guest: inPlan(f.path), host, mode: 0o644 });
  }
  return out;
}
