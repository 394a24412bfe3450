// The sandbox's `az` (sandbox/az-standin/bin/az): scenario commands → sandbox REST, printed as az prints.
import { opt, parseArgs } from './args';
import { dispatch } from './dispatch';
import { AzError } from './errors';
import { SandboxHttp } from './http-client';
import { applyQuery, outputFormat, render } from './output';
import { tokenProvider } from './login';
import { loadContext } from './sandbox-context';
import { redactArgs, writeLog, type StandinLogEntry } from './standin-log';

export interface StandinOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runStandin(argv: string[], env: NodeJS.ProcessEnv): Promise<StandinOutcome> {
  const args = parseArgs(argv);
  const requests: string[] = [];
  let logFile: string | undefined;
  const entry = (outcome: StandinLogEntry['outcome'], exitCode: number, error?: string): StandinLogEntry => ({
    time: new Date().toISOString(),
    args: redactArgs(argv),
    outcome,
    exitCode,
    requests,
    ...(error ? { error } : {}),
  });
  try {
    if (args.path.length === 0 || (args.path.length === 1 && args.path[0] === 'version')) {
      return {
        exitCode: 0,
        stdout: `${JSON.stringify({ 'azure-cli': '2.99.0-haymaker-sandbox-standin' }, null, 2)}\n`,
        stderr: '',
      };
    }
    const format = outputFormat(opt(args, 'output'));
    const ctx = loadContext(env);
    logFile = ctx.logFile;
    const http = new SandboxHttp(ctx.ca, (line) => requests.push(line), tokenProvider(ctx, env));
    const result = await dispatch({ args, ctx, http, env });
    const value = applyQuery(result.value, opt(args, 'query'));
    writeLog(logFile, entry(result.simulated ? 'simulated' : requests.length > 0 ? 'sandbox' : 'local', 0));
    return { exitCode: 0, stdout: render(value, format), stderr: '' };
  } catch (error) {
    const azError =
      error instanceof AzError
        ? error
        : new AzError(
            `the sandbox az stand-in failed: ${error instanceof Error ? error.message : String(error)}`,
          );
    writeLog(logFile, entry('error', azError.exitCode, azError.message.split('\n')[0]));
    return { exitCode: azError.exitCode, stdout: '', stderr: `ERROR: ${azError.message}\n` };
  }
}

if (require.main === module) {
  runStandin(process.argv.slice(2), process.env)
    .then((outcome) => {
      process.stdout.write(outcome.stdout);
      process.stderr.write(outcome.stderr);
      process.exitCode = outcome.exitCode;
    })
    .catch((error: unknown) => {
      process.stderr.write(`ERROR: ${String(error)}\n`);
      process.exitCode = 1;
    });
}
