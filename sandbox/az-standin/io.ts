// What every command handler gets, and what it answers.
import type { ParsedArgs } from './args';
import type { SandboxHttp } from './http-client';
import type { StandinContext } from './sandbox-context';

export interface CommandIo {
  args: ParsedArgs;
  ctx: StandinContext;
  http: SandboxHttp;
  /** The process environment (where the login profile lives: AZURE_CONFIG_DIR or HOME). */
  env: NodeJS.ProcessEnv;
}

export interface CommandResult {
  /** What az would print before `--query`/`-o`; undefined prints nothing. */
  value?: unknown;
  /** No sandbox call stands behind the answer (recorded in the stand-in log). */
  simulated?: boolean;
}

export const ARM_GROUP_API = '2021-04-01';
