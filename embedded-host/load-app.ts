import path from 'node:path';
import { captureRegistrations, FunctionRegistration } from './functions-core-standin';
import { realModule } from './real-module';

export interface LoadedApp {
  registrations: FunctionRegistration[];
  /** The app's own copy of `@azure/functions` (HttpRequest, InvocationContext, HttpResponse). */
  functionsModule: typeof import('@azure/functions');
}

/**
 * Loads the compiled app entry with Node's real require (jest's module registry does not go through
 * Module._load), after dropping the app's own files from the require cache so a second host in the
 * same process registers everything again.
 */
export function loadApp(appEntry: string): LoadedApp {
  const entry = path.resolve(appEntry);
  const appRequire = realModule().createRequire(entry);
  for (const key of Object.keys(appRequire.cache)) {
    if (
      !key.includes(`${path.sep}node_modules${path.sep}`) &&
      key.endsWith('.js') &&
      // The host's own modules stay (one engine per process); everything else, the tests' apps included, reloads.
      !key.startsWith(`${__dirname}${path.sep}`)
    ) {
      delete appRequire.cache[key];
    }
  }
  let registrations: FunctionRegistration[];
  try {
    registrations = captureRegistrations(() => appRequire(entry));
  } catch (err) {
    throw new Error(
      `could not load the app entry ${entry}: ${(err as Error).message} — run \`npx tsc -p .\` so dist/ is current`,
    );
  }
  const functionsModule = appRequire('@azure/functions') as typeof import('@azure/functions');
  return { registrations, functionsModule };
}
