// The security scenarios of the library through the sandbox (tests/scenarios-e2e/helpers/library-suite.ts).
import { describeLibraryArea } from '../helpers/library-suite';

describeLibraryArea('security');
