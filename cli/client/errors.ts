// Exit codes scripts can rely on: 0 ok, 1 failure, 2 usage (bad flags or parameters), 3 not found, 4 a run that
// completed with cleanup verified but in which some scenarios failed (`start`: the run ran, not all its hay was made).
export const EXIT = { ok: 0, failure: 1, usage: 2, notFound: 3, scenariosFailed: 4 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
