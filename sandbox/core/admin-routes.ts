import { z } from 'zod';
import type { Faults } from './faults';
import { azureError, json, noContent } from './http';
import type { RequestLog } from './request-log';
import { Router } from './router';
import type { SandboxSettings } from './service';
import type { StateStore } from './state-store';

const bucket = z
  .object({ capacity: z.number().positive(), refillPerSecond: z.number().positive() })
  .nullable();
const throttleSchema = z.object({
  reads: bucket.optional(),
  writes: bucket.optional(),
  deletes: bucket.optional(),
});
const settingsSchema = z.object({
  resourceGraphIndexLagMs: z.number().int().min(0).optional(),
  graphReplicationLagMs: z.number().int().min(0).optional(),
  armOperationDelayMs: z.number().int().min(0).optional(),
  activityLogIngestionDelayMs: z.number().int().min(0).optional(),
  secretPropagationLagMs: z.number().int().min(0).optional(),
  roleAssignmentPropagationLagMs: z.number().int().min(0).optional(),
  deletedItemsLagMs: z.number().int().min(0).optional(),
});

/** `/_sandbox/*` on every HTTPS endpoint: faults, throttling, settings, state and request log for tests and tools. */
export function adminRouter(deps: {
  faults: Faults;
  log: RequestLog;
  state: StateStore;
  settings: SandboxSettings;
}): Router {
  const router = new Router();
  const r = router.forService('admin', 'none');
  const bad = (what: string, error: unknown) =>
    azureError(
      400,
      'InvalidRequestContent',
      `could not ${what}: ${error instanceof z.ZodError ? z.prettifyError(error) : String(error)}`,
    );

  r.get('/_sandbox/state', 'Admin_State', () => json(200, deps.state.snapshot()));
  r.get('/_sandbox/requests', 'Admin_Requests', () => json(200, { value: deps.log.list() }));
  r.delete('/_sandbox/requests', 'Admin_ClearRequests', () => {
    deps.log.clear();
    return noContent();
  });
  r.get('/_sandbox/faults', 'Admin_Faults', () =>
    json(200, { value: deps.faults.list(), armThrottle: deps.faults.armThrottle() }),
  );
  r.post('/_sandbox/faults', 'Admin_AddFault', (req) => {
    try {
      return json(201, { id: deps.faults.add(req.body as never) });
    } catch (error) {
      return bad('add the fault rule', error);
    }
  });
  r.delete('/_sandbox/faults', 'Admin_ClearFaults', () => {
    deps.faults.clear();
    return noContent();
  });
  r.delete('/_sandbox/faults/{id}', 'Admin_RemoveFault', (req) =>
    deps.faults.remove(req.params.id)
      ? noContent()
      : azureError(404, 'NotFound', `no fault rule ${req.params.id}`),
  );
  r.put('/_sandbox/throttle', 'Admin_SetThrottle', (req) => {
    const parsed = throttleSchema.safeParse(req.body);
    if (!parsed.success) return bad('set the ARM throttle', parsed.error);
    deps.faults.setArmThrottle(parsed.data);
    return json(200, deps.faults.armThrottle());
  });
  r.get('/_sandbox/settings', 'Admin_Settings', () => json(200, deps.settings));
  r.put('/_sandbox/settings', 'Admin_SetSettings', (req) => {
    const parsed = settingsSchema.safeParse(req.body);
    if (!parsed.success) return bad('change the settings', parsed.error);
    Object.assign(deps.settings, parsed.data);
    return json(200, deps.settings);
  });
  return router;
}
