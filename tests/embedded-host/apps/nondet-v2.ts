// Second deployment of "changing": the first activity was renamed, which breaks in-flight replay.
import * as df from 'durable-functions';

df.app.activity('stepA', { handler: () => 'A' });
df.app.activity('stepB', { handler: () => 'B' });
df.app.orchestration('changing', function* (context) {
  const first = yield context.df.callActivity('stepB');
  const data = yield context.df.waitForExternalEvent('continue');
  return [first, data];
});
