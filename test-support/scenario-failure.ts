// A scenario text that parseScenario() must refuse: the VerifyError it throws,
// for the test to assert on (its kind, exit code, message with file and line).
// Any other throw is the test's failure, not the scenario's; no throw at all is too.
import { parseScenario } from '../src/scenario/load.ts';
import { VerifyError } from '../src/errors.ts';

export function scenarioFailure(text: string): VerifyError {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (e) {
    if (e instanceof VerifyError) return e;
    throw e;
  }
  throw new Error('parseScenario accepted a scenario the test expects refused');
}
