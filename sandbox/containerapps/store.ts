import type { ServiceContext } from '../core/service';

export type ExecutionStatus =
  'Processing' | 'Running' | 'Succeeded' | 'Failed' | 'Stopped' | 'Degraded' | 'Unknown';

export interface ContainerSpec {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; secretRef?: string }[];
  resources?: { cpu?: number; memory?: string };
  [other: string]: unknown;
}

export interface ExecutionTemplate {
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
}

export interface ExecutionRecord {
  id: string;
  name: string;
  jobId: string;
  status: ExecutionStatus;
  startTime: string;
  endTime?: string;
  template: ExecutionTemplate;
  exitCode?: number | null;
  /** Why the sandbox ended it (stop, timeout, spawn error, unresolved secret). */
  reason?: string;
  /** Bounded tails of the process output; the sandbox store may hold secrets, other stores may not. */
  stdout: string;
  stderr: string;
}

export interface JobSecret {
  name: string;
  value?: string;
  keyVaultUrl?: string;
  identity?: string;
}

export interface ContainerAppsState {
  /** By execution id (lower case). */
  executions: Record<string, ExecutionRecord>;
  /** Job secrets by job id (lower case): kept apart so job reads never carry values. */
  secrets: Record<string, JobSecret[]>;
}

export function containerAppsState(ctx: ServiceContext): ContainerAppsState {
  return ctx.state.area<ContainerAppsState>('containerApps', () => ({ executions: {}, secrets: {} }));
}

export function executionView(e: ExecutionRecord): Record<string, unknown> {
  return {
    id: e.id,
    name: e.name,
    type: 'Microsoft.App/jobs/executions',
    properties: {
      status: e.status,
      startTime: e.startTime,
      ...(e.endTime ? { endTime: e.endTime } : {}),
      template: e.template,
    },
  };
}
