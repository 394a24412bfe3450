import type { SandboxRequest, SandboxResponse } from '../core/http';
import { azureError, json, noContent } from '../core/http';
import type { ServiceContext } from '../core/service';
import { armState, settleOperations, type ArmOperation } from './store';

/**
 * `Retry-After` of a 202: the seconds to wait before checking the operation's status
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations). ARM sends its estimate of
 * the time left (a resource group delete answered `Retry-After: 15` in 2016 and `0` in 2021 recordings); the
 * sandbox knows it exactly.
 */
function retryAfter(op: ArmOperation, now: number): string {
  return String(Math.ceil(Math.max(0, op.readyAt - now) / 1000));
}

/**
 * Starts an ARM long-running operation: 202 with `Location`, `Azure-AsyncOperation` and `Retry-After`, finishing
 * `settings.armOperationDelayMs` later (at the first poll after that). A fault rule of kind `lro-fail`
 * on the operation makes it end as Failed, the way a delete blocked by a lock does.
 */
export function startOperation(
  ctx: ServiceContext,
  req: SandboxRequest,
  subscriptionId: string,
  action: ArmOperation['action'],
  extra: { result?: unknown; failure?: string } = {},
): SandboxResponse {
  const id = ctx.ids.guid();
  const now = ctx.clock.now();
  const failure = 'failure' in extra ? extra.failure : ctx.faults.takeLroFailure(req.service, req.operation);
  const operation: ArmOperation = {
    id,
    subscriptionId,
    status: 'InProgress',
    startedAt: now,
    readyAt: now + ctx.settings.armOperationDelayMs,
    action,
    ...(extra.result !== undefined ? { result: extra.result } : {}),
    ...(failure
      ? { error: { code: 'OperationFailed', message: `${req.operation} failed: ${failure}` } }
      : {}),
  };
  armState(ctx).operations[id] = operation;
  const base = `${req.baseUrl}/subscriptions/${subscriptionId}/providers/Microsoft.Resources`;
  return noContent(202, {
    Location: `${base}/operationResults/${id}?api-version=2025-04-01`,
    'Azure-AsyncOperation': `${base}/operations/${id}?api-version=2025-04-01`,
    'Retry-After': retryAfter(operation, now),
  });
}

function find(ctx: ServiceContext, id: string): ArmOperation | undefined {
  settleOperations(ctx);
  return armState(ctx).operations[id];
}

/** `Location` polling: 202 while running, 200 when done, the error status when it failed. */
export function operationResult(ctx: ServiceContext, req: SandboxRequest): SandboxResponse {
  const op = find(ctx, req.params.operationId);
  if (!op) return azureError(404, 'OperationNotFound', `Operation ${req.params.operationId} was not found.`);
  if (op.status === 'InProgress')
    return noContent(202, {
      Location: `${req.baseUrl}${req.path}?${req.query.toString()}`,
      'Retry-After': retryAfter(op, ctx.clock.now()),
    });
  if (op.status === 'Failed')
    return azureError(409, op.error?.code ?? 'OperationFailed', op.error?.message ?? 'The operation failed.');
  return op.result !== undefined ? json(200, op.result) : noContent(200);
}

/** `Azure-AsyncOperation` polling: the status document (with `Retry-After` while it runs). */
export function operationStatus(ctx: ServiceContext, req: SandboxRequest): SandboxResponse {
  const op = find(ctx, req.params.operationId);
  if (!op) return azureError(404, 'OperationNotFound', `Operation ${req.params.operationId} was not found.`);
  return json(
    200,
    {
      id: `/subscriptions/${op.subscriptionId}/providers/Microsoft.Resources/operations/${op.id}`,
      name: op.id,
      status: op.status,
      startTime: new Date(op.startedAt).toISOString(),
      ...(op.status !== 'InProgress'
        ? { endTime: new Date(Math.max(op.readyAt, op.startedAt)).toISOString() }
        : {}),
      ...(op.status === 'Failed' && op.error ? { error: op.error } : {}),
    },
    op.status === 'InProgress' ? { 'Retry-After': retryAfter(op, ctx.clock.now()) } : {},
  );
}
