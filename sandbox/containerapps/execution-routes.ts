import { randomBytes } from 'node:crypto';
import { azureError, json, type SandboxRequest } from '../core/http';
import type { ServiceRouter } from '../core/router';
import type { ServiceContext } from '../core/service';
import { armHandler, type ArmAccess } from '../arm/guards';
import { startOperation } from '../arm/operations';
import { idKey } from '../arm/resource-id';
import { armState } from '../arm/store';
import { buildProcessEnv, mergeContainer, SecretResolutionError } from './execution-env';
import { jobIdOf, jobNotFound, jobPath } from './job-routes';
import type { ExecutionRunner } from './runner';
import {
  containerAppsState,
  executionView,
  type ContainerSpec,
  type ExecutionRecord,
  type ExecutionTemplate,
} from './store';

const defaultReplicaTimeoutSeconds = 1800;

/** Azure's execution names: the job name and seven lower-case letters/digits. */
const executionName = (jobName: string) =>
  `${jobName}-${[...randomBytes(7)].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('')}`;

export function registerExecutionRoutes(
  router: ServiceRouter,
  ctx: ServiceContext,
  runner: ExecutionRunner,
): void {
  const h = (fn: Parameters<typeof armHandler>[1], access?: ArmAccess) => armHandler(ctx, fn, access);
  const onJob =
    (action: string): ArmAccess =>
    (req) => ({ action: `Microsoft.App/jobs/${action}`, scope: jobIdOf(req) });
  const state = () => containerAppsState(ctx);
  const findJob = (req: SandboxRequest) => armState(ctx).resources[idKey(jobIdOf(req))];
  const executionsOf = (jobId: string) =>
    Object.values(state().executions).filter((e) => idKey(e.jobId) === idKey(jobId));
  const findExecution = (req: SandboxRequest) =>
    state().executions[idKey(`${jobIdOf(req)}/executions/${req.params.jobExecutionName}`)];
  const executionNotFound = (req: SandboxRequest) =>
    azureError(
      404,
      'ResourceNotFound',
      `Job execution '${req.params.jobExecutionName}' of job '${req.params.jobName}' was not found.`,
    );

  router.post(
    `${jobPath}/start`,
    'Jobs_Start',
    h((req) => {
      const job = findJob(req);
      if (!job) return jobNotFound(req);
      const failure = ctx.faults.takeLroFailure(req.service, req.operation);
      const props = job.properties as {
        template?: ExecutionTemplate;
        configuration?: { replicaTimeout?: number };
      };
      const override = (req.body ?? {}) as ExecutionTemplate;
      const jobContainers = props.template?.containers ?? [];
      const containers: ContainerSpec[] = jobContainers.map((c, i) =>
        mergeContainer(
          c,
          override.containers?.find((o) => o.name !== undefined && o.name === c.name) ??
            (override.containers?.length === jobContainers.length ? override.containers[i] : undefined),
        ),
      );
      const name = executionName(job.name);
      const record: ExecutionRecord = {
        id: `${job.id}/executions/${name}`,
        name,
        jobId: job.id,
        status: 'Processing',
        startTime: new Date(ctx.clock.now()).toISOString(),
        // Secret values never enter the template: only names and secretRefs are recorded.
        template: {
          containers: containers.map((c) => ({
            ...c,
            env: (c.env ?? []).map((e) => (e.secretRef ? { name: e.name, secretRef: e.secretRef } : e)),
          })),
          ...((override.initContainers ?? props.template?.initContainers)
            ? { initContainers: override.initContainers ?? props.template?.initContainers }
            : {}),
        },
        stdout: '',
        stderr: '',
      };
      const result = { name, id: record.id };
      if (failure)
        return startOperation(ctx, req, req.params.subscriptionId, { kind: 'none' }, { failure, result });
      state().executions[idKey(record.id)] = record;
      const main = containers[0];
      const command = [...(main?.command ?? []), ...(main?.args ?? [])];
      if (command.length === 0) {
        record.status = 'Failed';
        record.endTime = record.startTime;
        record.stderr =
          'the sandbox runs the container command + args as a local process (the image is ignored); this container has no command\n';
      } else {
        try {
          const assigned = (
            job.identity as
              | { userAssignedIdentities?: Record<string, { principalId?: string; clientId?: string }> }
              | undefined
          )?.userAssignedIdentities;
          const identities = Object.values(assigned ?? {}).flatMap((i) =>
            i?.principalId && i.clientId ? [{ principalId: i.principalId, clientId: i.clientId }] : [],
          );
          const env = buildProcessEnv(
            ctx,
            main,
            state().secrets[idKey(job.id)] ?? [],
            { jobName: job.name, executionName: name },
            identities,
          );
          runner.start(
            record,
            command,
            env,
            props.configuration?.replicaTimeout ?? defaultReplicaTimeoutSeconds,
          );
        } catch (error) {
          if (!(error instanceof SecretResolutionError)) throw error;
          record.status = 'Failed';
          record.endTime = record.startTime;
          record.reason = 'secret resolution';
          record.stderr = `could not resolve the container's secrets: ${error.message}\n`;
        }
      }
      return startOperation(
        ctx,
        req,
        req.params.subscriptionId,
        { kind: 'none' },
        { failure: undefined, result },
      );
    }, onJob('start/action')),
  );

  router.get(
    `${jobPath}/executions`,
    'JobsExecutions_List',
    h((req) => {
      if (!findJob(req)) return jobNotFound(req);
      const status = /status\s+eq\s+'([^']+)'/i.exec(req.query.get('$filter') ?? '')?.[1]?.toLowerCase();
      const items = executionsOf(jobIdOf(req))
        .filter((e) => !status || e.status.toLowerCase() === status)
        .sort((a, b) => (a.startTime < b.startTime ? 1 : -1));
      return json(200, { value: items.map(executionView), nextLink: null });
    }, onJob('executions/read')),
  );
  router.get(
    `${jobPath}/executions/{jobExecutionName}`,
    'JobExecution',
    h((req) => {
      if (!findJob(req)) return jobNotFound(req);
      const e = findExecution(req);
      return e ? json(200, executionView(e)) : executionNotFound(req);
    }, onJob('execution/read')),
  );
  router.post(
    `${jobPath}/executions/{jobExecutionName}/stop`,
    'Jobs_StopExecution',
    h(async (req) => {
      if (!findJob(req)) return jobNotFound(req);
      const e = findExecution(req);
      if (!e) return executionNotFound(req);
      await runner.stop(e.id);
      return startOperation(ctx, req, req.params.subscriptionId, { kind: 'none' });
    }, onJob('stop/action')),
  );
  router.post(
    `${jobPath}/stop`,
    'Jobs_StopMultipleExecutions',
    h(async (req) => {
      const job = findJob(req);
      if (!job) return jobNotFound(req);
      const running = executionsOf(job.id).filter((e) => runner.isRunning(e.id));
      await Promise.all(running.map((e) => runner.stop(e.id)));
      return startOperation(
        ctx,
        req,
        req.params.subscriptionId,
        { kind: 'none' },
        { result: { value: running.map(executionView), nextLink: null } },
      );
    }, onJob('stop/action')),
  );
}
