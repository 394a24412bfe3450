import type { SandboxService } from '../core/service';
import { idKey } from '../arm/resource-id';
import { onResourceRemoved } from '../arm/store';
import { registerExecutionRoutes } from './execution-routes';
import { registerJobRoutes } from './job-routes';
import { ExecutionRunner } from './runner';
import { containerAppsState } from './store';

/**
 * Container Apps jobs (Microsoft.App/jobs): the job is an ARM resource; an execution runs the container's
 * command + args as a local child process whose status the execution follows.
 */
export const createContainerAppsService = (): SandboxService => ({
  name: 'container-apps',
  endpoint: 'arm',
  register(router, ctx) {
    const runner = new ExecutionRunner(ctx);
    const state = containerAppsState(ctx);
    // Executions restored from disk have no process any more.
    for (const e of Object.values(state.executions)) {
      if (e.status === 'Running' || e.status === 'Processing') {
        e.status = 'Failed';
        e.endTime = new Date(ctx.clock.now()).toISOString();
        e.reason = 'the sandbox restarted while it ran';
      }
    }
    const stopJobExecutions = async (jobId: string) => {
      const ids = Object.values(state.executions)
        .filter((e) => idKey(e.jobId) === idKey(jobId))
        .map((e) => e.id);
      await Promise.all(ids.map((id) => runner.stop(id)));
    };
    onResourceRemoved(ctx, (resource) => {
      if (resource.type.toLowerCase() !== 'microsoft.app/jobs') return;
      void stopJobExecutions(resource.id);
      delete state.secrets[idKey(resource.id)];
    });
    ctx.lookups.containerAppsCrashExecution = async (name) => {
      const e = Object.values(state.executions).find((x) => x.name === name);
      return e ? runner.crash(e.id) : false;
    };
    registerJobRoutes(router, ctx, stopJobExecutions);
    registerExecutionRoutes(router, ctx, runner);
    ctx.onStop(() => runner.stopAll());
  },
});
