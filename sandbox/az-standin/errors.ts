// Failures printed the way az prints them (`ERROR: …` on stderr) with az's exit codes.

export class AzError extends Error {
  constructor(
    message: string,
    /** az: 1 generic, 2 bad arguments, 3 resource not found. */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'AzError';
  }
}

export const usageError = (message: string): AzError =>
  new AzError(
    `${message}\nTry this: 'az --help' (the sandbox az stand-in knows the scenario library's commands)`,
    2,
  );
