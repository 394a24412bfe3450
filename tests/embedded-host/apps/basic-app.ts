// Test app for the embedded host: registered the ordinary way, one function per behaviour under test.
import { app, HttpRequest, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';

const attempts = new Map<string, number>();

df.app.activity('echo', { handler: (input: unknown) => input });
df.app.activity('double', { handler: (n: number) => n * 2 });
df.app.activity('fail', {
  handler: (message: string) => {
    throw new Error(message);
  },
});
// Fails its first `failures` calls per key, then succeeds.
df.app.activity('flaky', {
  handler: (input: { key: string; failures: number }) => {
    const n = (attempts.get(input.key) ?? 0) + 1;
    attempts.set(input.key, n);
    if (n <= input.failures) throw new Error(`flaky attempt ${n} failed`);
    return `ok after ${n}`;
  },
});

df.app.orchestration('sequence', function* (context) {
  const input = context.df.getInput<string[]>() ?? ['a', 'b', 'c'];
  const out: unknown[] = [];
  for (const item of input) out.push(yield context.df.callActivity('echo', item));
  return out;
});

df.app.orchestration('fanOut', function* (context) {
  const n = context.df.getInput<number>();
  const tasks = [];
  for (let i = 0; i < n; i++) tasks.push(context.df.callActivity('double', i));
  const results: number[] = yield context.df.Task.all(tasks);
  return results.reduce((a, b) => a + b, 0);
});

df.app.orchestration('sequentialN', function* (context) {
  const n = context.df.getInput<number>();
  let total = 0;
  for (let i = 0; i < n; i++) total += (yield context.df.callActivity('double', i)) as number;
  return total;
});

df.app.orchestration('retryFlaky', function* (context) {
  const input = context.df.getInput<{ key: string; failures: number; attempts: number }>();
  const options = new df.RetryOptions(1000, input.attempts);
  try {
    return yield context.df.callActivityWithRetry('flaky', options, {
      key: input.key,
      failures: input.failures,
    });
  } catch (err) {
    return `gave up: ${(err as Error).message}`;
  }
});

df.app.orchestration('timerVsEvent', function* (context) {
  const { timerMs } = context.df.getInput<{ timerMs: number }>();
  const deadline = new Date(context.df.currentUtcDateTime.getTime() + timerMs);
  const timer = context.df.createTimer(deadline);
  const event = context.df.waitForExternalEvent('go');
  const winner = yield context.df.Task.any([timer, event]);
  if (winner === event) {
    timer.cancel();
    return { winner: 'event', data: event.result };
  }
  return { winner: 'timer' };
});

df.app.orchestration('earlyEvent', function* (context) {
  yield context.df.callActivity('echo', 'first');
  const timer = context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 60_000));
  yield timer;
  const data = yield context.df.waitForExternalEvent('go');
  return data;
});

df.app.orchestration('parent', function* (context) {
  const child = yield context.df.callSubOrchestrator(
    'sequence',
    ['x', 'y'],
    `${context.df.instanceId}:child`,
  );
  const failed: string[] = [];
  try {
    yield context.df.callSubOrchestrator('failing', 'boom', `${context.df.instanceId}:failing`);
  } catch (err) {
    failed.push((err as Error).message);
  }
  return { child, failed: failed.length };
});

// A run's shape: many children gathered with Task.all, finishing one after another (1 to 20 steps of work each).
df.app.orchestration('fanOutChildren', function* (context) {
  const n = context.df.getInput<number>();
  const tasks = [];
  for (let i = 0; i < n; i++)
    tasks.push(context.df.callSubOrchestrator('sequentialN', 1 + (i % 20), `${context.df.instanceId}:${i}`));
  const results: number[] = yield context.df.Task.all(tasks);
  return results.reduce((a, b) => a + b, 0);
});

df.app.orchestration('failing', function* (context) {
  yield context.df.callActivity('fail', context.df.getInput<string>());
  return 'unreachable';
});

df.app.orchestration('rewindable', function* (context) {
  const key = context.df.getInput<string>();
  const first = yield context.df.callActivity('echo', 'before');
  const second = yield context.df.callActivity('flaky', { key, failures: 1 });
  return [first, second];
});

df.app.orchestration('entityFlow', function* (context) {
  const counter = new df.EntityId('counter', context.df.getInput<string>());
  context.df.setCustomStatus({ stage: 'adding' });
  yield context.df.callEntity(counter, 'add', 5);
  context.df.signalEntity(counter, 'add', 1);
  const value = yield context.df.callEntity(counter, 'get');
  context.df.setCustomStatus({ stage: 'done' });
  return value;
});

df.app.orchestration('loop', function* (context) {
  const n = context.df.getInput<number>();
  yield context.df.callActivity('echo', n);
  if (n < 3) {
    context.df.continueAsNew(n + 1);
    return undefined;
  }
  return `finished at ${n}`;
});

df.app.orchestration('waitForever', function* (context) {
  const data = yield context.df.waitForExternalEvent('release');
  return data;
});

df.app.entity('counter', (context) => {
  const value = context.df.getState(() => 0) as number;
  switch (context.df.operationName) {
    case 'add':
      context.df.setState(value + (context.df.getInput() as number));
      break;
    case 'get':
      context.df.return(value);
      break;
    case 'reset':
      context.df.setState(0);
      break;
  }
});

app.http('startOrchestration', {
  route: 'orchestrators/{name}/{id?}',
  methods: ['POST'],
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: async (request: HttpRequest, context: InvocationContext) => {
    const client = df.getClient(context);
    const text = await request.text();
    const instanceId = await client.startNew(request.params.name, {
      instanceId: request.params.id,
      input: text ? JSON.parse(text) : undefined,
    });
    return client.createCheckStatusResponse(request, instanceId);
  },
});

app.http('instanceStatus', {
  route: 'status/{id}',
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: async (request: HttpRequest, context: InvocationContext) => {
    const status = await df.getClient(context).getStatus(request.params.id, { showHistory: true });
    return {
      jsonBody: {
        runtimeStatus: status.runtimeStatus,
        output: status.output,
        historyLength: status.history?.length ?? 0,
      },
    };
  },
});

app.http('hello', {
  route: 'hello/{who}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: async (request: HttpRequest) => ({
    jsonBody: { hello: request.params.who, q: request.query.get('q') },
  }),
});

app.timer('startupTimer', {
  schedule: '%TEST_TIMER_SCHEDULE%',
  runOnStartup: true,
  extraInputs: [df.input.durableClient()],
  handler: async (_timer, context: InvocationContext) => {
    const client = df.getClient(context);
    await client.startNew('sequence', { input: ['tick'] });
  },
});

app.serviceBusQueue('queueListener', {
  queueName: 'agent-events',
  connection: 'ServiceBusConnection',
  extraInputs: [df.input.durableClient()],
  handler: async (message: unknown, context: InvocationContext) => {
    const body = message as { instanceId: string; data: unknown; fail?: boolean };
    if (body.fail) throw new Error('handler refused the message');
    await df.getClient(context).raiseEvent(body.instanceId, 'release', body.data);
  },
});

let running = 0;
let peak = 0;
// Reports how many activities ran at once, to check the host's concurrency limit.
df.app.activity('concurrencyProbe', {
  handler: async () => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, 20));
    running -= 1;
    return peak;
  },
});

df.app.orchestration('probeFanOut', function* (context) {
  const peaks: number[] = yield context.df.Task.all(
    Array.from({ length: 24 }, () => context.df.callActivity('concurrencyProbe')),
  );
  return Math.max(...peaks);
});

df.app.orchestration('longTimer', function* (context) {
  const days = context.df.getInput<number>();
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + days * 24 * 3600 * 1000));
  return context.df.currentUtcDateTime.toISOString();
});

df.app.orchestration('flakyChild', function* (context) {
  return yield context.df.callActivity('flaky', { key: context.df.getInput<string>(), failures: 1 });
});

df.app.orchestration('subRetry', function* (context) {
  const options = new df.RetryOptions(500, 3);
  return yield context.df.callSubOrchestratorWithRetry(
    'flakyChild',
    options,
    context.df.getInput<string>(),
    `${context.df.instanceId}:c`,
  );
});

df.app.orchestration('parentOfFlaky', function* (context) {
  return yield context.df.callSubOrchestrator(
    'flakyChild',
    context.df.getInput<string>(),
    `${context.df.instanceId}:kid`,
  );
});

df.app.orchestration('httpCaller', function* (context) {
  return yield context.df.callHttp({ method: 'GET', url: 'http://127.0.0.1:9/unused' });
});
