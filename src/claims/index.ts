// The claims the verdict judges, in the order of their ids: a claim is its
// own file (./types.ts, ClaimModule) and one line here.
import type { ClaimModule } from './types.ts';
import { C1 } from './c1-templates-outlive.ts';
import { C2 } from './c2-templates-dropped.ts';
import { C3 } from './c3-assured-survive.ts';
import { C4 } from './c4-control.ts';
import { C5 } from './c5-teardown.ts';
import { C6 } from './c6-sync.ts';

export const CLAIMS: readonly ClaimModule[] = [C1, C2, C3, C4, C5, C6];
