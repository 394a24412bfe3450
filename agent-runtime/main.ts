// Container entry point (dist/agent-runtime/main.js): runs one phase and exits 0 iff it succeeded.
import { runAgent } from './run-agent';
import { errorText } from '../core/error-text';

if (require.main === module) {
  runAgent(process.env)
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      process.stderr.write(`haymaker agent: unexpected failure: ${errorText(error)}\n`);
      process.exitCode = 1;
    });
}
