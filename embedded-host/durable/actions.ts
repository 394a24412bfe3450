/** Orchestrator actions as the SDK emits them (V2+ schema: one list, compound actions nested). */
export interface Action {
  actionType: number;
  functionName?: string;
  instanceId?: string;
  input?: unknown;
  retryOptions?: Record<string, unknown>;
  fireAt?: string;
  isCanceled?: boolean;
  externalEventName?: string;
  operation?: string;
  compoundActions?: Action[];
  [field: string]: unknown;
}

export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
} as const;

/** Depth-first, compound actions replaced by their children: the order the SDK hands out task ids. */
export function flattenActions(actions: unknown): Action[] {
  const out: Action[] = [];
  const visit = (a: Action): void => {
    if (a.actionType === ActionType.WhenAll || a.actionType === ActionType.WhenAny) {
      for (const c of a.compoundActions ?? []) visit(c);
    } else out.push(a);
  };
  const list = Array.isArray(actions) ? (actions as unknown[]).flat(2) : [];
  for (const a of list) if (a && typeof a === 'object') visit(a as Action);
  return out;
}

/** WaitForExternalEvent and ContinueAsNew take no task id; everything else takes the next one. */
export function takesTaskId(a: Action): boolean {
  return a.actionType !== ActionType.WaitForExternalEvent && a.actionType !== ActionType.ContinueAsNew;
}

/** What must stay the same at a position between replays: the kind of work and its target. */
export function actionSignature(a: Action): string {
  switch (a.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry:
      return `CallActivity "${a.functionName}"`;
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
      return `CallSubOrchestrator "${a.functionName}"`;
    case ActionType.CreateTimer:
      return 'CreateTimer';
    case ActionType.WaitForExternalEvent:
      return `WaitForExternalEvent "${a.externalEventName}"`;
    case ActionType.CallEntity:
      return `CallEntity "${a.instanceId}" "${a.operation}"`;
    case ActionType.SignalEntity:
      return `SignalEntity "${a.instanceId}" "${a.operation}"`;
    case ActionType.ContinueAsNew:
      return 'ContinueAsNew';
    case ActionType.CallHttp:
      return 'CallHttp';
    default:
      return `Action${a.actionType}`;
  }
}
