// Pure: what a legitimate client's exchange leaves in the table, as the model
// runs it: its protocol's outcome for the state table its forwarding method
// gives it (src/protocols/, ModelParams.stateTable). The simulator and the
// claims (src/claims/unassured-clients.ts) ask here, so neither knows a
// protocol or a method by name.
import type { ClientOutcome } from '../protocols/types.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import type { ModelParams } from './params.ts';

export const clientOutcome = (p: Pick<ModelParams, 'protocol' | 'stateTable'>): ClientOutcome => PROTOCOLS[p.protocol].client[p.stateTable];

