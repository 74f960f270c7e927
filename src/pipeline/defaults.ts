// The defaults the command line names, in a module that loads nothing else (so
// `--help` and `check-scenario` start fast).
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_SCENARIO = join(ROOT, 'fixtures/scenarios/syn-flood-persistent.yaml');
export const SMOKE_SCENARIO = join(ROOT, 'fixtures/scenarios/smoke.yaml');
// (src/model/params.ts loads nothing either.)
export { VARIANTS, type Variant as VariantName } from '../model/params.ts';
