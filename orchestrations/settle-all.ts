// Waits until every task has an outcome. Task.all rejects at the first failure while the other tasks still run, so a
// run that moved on from there would sweep and report while its other scenarios were still working.
import type { OrchestrationContext, Task } from 'durable-functions';

export function* settleAll(context: OrchestrationContext, tasks: Task[]): Generator<Task, void, any> {
  if (tasks.length === 0) return;
  try {
    yield context.df.Task.all(tasks);
    return;
  } catch {
    // At least one failed; wait for the rest one by one (already scheduled, so yielding them adds no action).
  }
  for (const task of tasks) {
    if (task.isCompleted || task.isFaulted) continue;
    try {
      yield task;
    } catch {
      // Its failure stays on the task for the caller to read.
    }
  }
}
