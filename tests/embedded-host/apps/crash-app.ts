// Workflow for the crash test: slow activities, a timer and an event in flight at once.
import * as df from 'durable-functions';

df.app.activity('slowSquare', {
  handler: async (n: number) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return n * n;
  },
});

df.app.orchestration('crashFlow', function* (context) {
  const squares: number[] = yield context.df.Task.all(
    [1, 2, 3, 4].map((n) => context.df.callActivity('slowSquare', n)),
  );
  const timer = context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 1500));
  const approval = context.df.waitForExternalEvent('approve');
  yield context.df.Task.all([timer, approval]);
  const more: number[] = yield context.df.Task.all(
    [5, 6].map((n) => context.df.callActivity('slowSquare', n)),
  );
  return { sum: [...squares, ...more].reduce((a, b) => a + b, 0), approvedBy: approval.result };
});
