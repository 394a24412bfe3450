// Exit codes scripts can rely on: 0 ok, 1 failure, 2 usage (bad flags or parameters), 3 not found.
export const EXIT = { ok: 0, failure: 1, usage: 2, notFound: 3 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
