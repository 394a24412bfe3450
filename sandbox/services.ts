import type { SandboxServiceFactory } from './core/service';

/**
 * Every service the sandbox runs, in registration order (first matching route wins on a shared endpoint).
 * Add one line per service.
 */
export const serviceFactories: SandboxServiceFactory[] = [];
