// The policy judges names after expansion, so the front-matter variables are resolved once by bash itself.
import { runBash } from './run-bash';

export async function resolveVariables(
  prelude: string,
  names: string[],
  env: NodeJS.ProcessEnv,
  as: { runAs?: { uid: number; gid: number }; cwd?: string } = {},
): Promise<Record<string, string>> {
  if (names.length === 0) return {};
  const print = `printf '%s\\0' ${names.map((n) => `"\${${n}-}"`).join(' ')}`;
  const result = await runBash({
    script: `${prelude}\n${print}`,
    env,
    ...as,
    timeoutInMs: 30_000,
    outputLimitInBytes: 256 * 1024,
  });
  if (result.exitCode !== 0) {
    throw new Error(
      `could not expand the scenario's front-matter variables (bash exited ${result.exitCode}): ${result.output.slice(-500)} — check the variables block`,
    );
  }
  const values = result.output.split('\0');
  return Object.fromEntries(names.map((n, i) => [n, values[i] ?? '']));
}
