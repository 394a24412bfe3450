// A compromised agent in the shared subscription shape (tests/e2e/helpers/blast-radius-suite.ts).
import { describeBlastRadius } from './helpers/blast-radius-suite';

describeBlastRadius('shared');
