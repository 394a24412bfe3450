// A compromised agent in the prod subscription shape (tests/e2e/helpers/blast-radius-suite.ts), and the same corpus
// judged by the command policy.
import { describeBlastRadius, describePolicyOnCorpus } from './helpers/blast-radius-suite';

describePolicyOnCorpus();
describeBlastRadius('prod');
