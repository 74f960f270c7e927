// Pure: one thing wrong with a scenario, by the key it is about (its own file:
// the protocol modules report them too, and the schema imports those modules).

export interface ScenarioProblem {
  key: string;
  line?: number;
  message: string;
}
