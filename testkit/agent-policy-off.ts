// TESTS ONLY: the agent's entry point with the command policy switched off, for the blast-radius test
// (tests/e2e/blast-radius-prod.test.ts, blast-radius-shared.test.ts). It lives in testkit/, which the agent image never contains
// (agent-runtime/tsconfig.build.json compiles agent-runtime/ and what it imports), so no job can start it.
import { runAgent } from '../agent-runtime/run-agent';
import { errorText } from '../core/error-text';

if (require.main === module) {
  runAgent(process.env, { commandPolicy: 'off-for-blast-radius-test' })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      process.stderr.write(`haymaker agent (policy off): unexpected failure: ${errorText(error)}\n`);
      process.exitCode = 1;
    });
}
