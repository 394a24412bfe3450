// The agent's events on the wire (agent → Service Bus → app). They cross process boundaries, so they are validated;
// the agent and the app share this module.
import { z } from 'zod';

export const PHASES = ['deploy', 'operate', 'cleanup'] as const;
export const phaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof phaseSchema>;

export const AGENT_EVENT_TYPES = [
  'phase_started',
  'phase_completed',
  'phase_failed',
  'resource_created',
  'resource_deleted',
  'resource_deletion_failed',
  'operation_performed',
  'error_encountered',
  'error_resolved',
  'command_refused',
] as const;

export const agentEventTypeSchema = z.enum(AGENT_EVENT_TYPES);
export type AgentEventType = z.infer<typeof agentEventTypeSchema>;

export const agentEventSchema = z.object({
  eventId: z.string().min(1).max(128),
  type: agentEventTypeSchema,
  runId: z.string().min(1),
  scenarioId: z.string().min(1),
  phase: phaseSchema,
  /** Operation burst index within the operate phase; absent for deploy and cleanup. */
  burst: z.number().int().min(0).optional(),
  /**
   * The Container Apps job execution that sent the event (CONTAINER_APP_JOB_EXECUTION_NAME). Lets the app tell a late
   * event of a crashed execution from the retry's own. Absent from agents built before it existed.
   */
  executionName: z.string().min(1).max(128).optional(),
  timestamp: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type AgentEvent = z.infer<typeof agentEventSchema>;

/** Data carried by resource_* events. */
export const resourceEventDataSchema = z.object({
  resourceId: z.string().min(1),
  resourceType: z.string().optional(),
  name: z.string().optional(),
  reason: z.string().optional(),
});

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates an event from the wire; the error names every invalid field (used as the dead-letter reason). */
export function parseAgentEvent(raw: unknown): ParseResult<AgentEvent> {
  const result = agentEventSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const error = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return { ok: false, error };
}
