// First deployment of "changing": calls stepA, then waits for an event.
import * as df from 'durable-functions';

df.app.activity('stepA', { handler: () => 'A' });
df.app.activity('stepB', { handler: () => 'B' });
df.app.orchestration('changing', function* (context) {
  const first = yield context.df.callActivity('stepA');
  const data = yield context.df.waitForExternalEvent('continue');
  return [first, data];
});
