import { InMemoryServiceBus } from '../../embedded-host';

describe('InMemoryServiceBus', () => {
  it("runs at most the binding's maxConcurrentCalls handlers at once and still delivers every message", async () => {
    const bus = new InMemoryServiceBus(10);
    let running = 0;
    let peak = 0;
    const seen: unknown[] = [];
    const source = bus.factory()({
      functionName: 'f',
      queueName: 'q',
      connection: '',
      env: {},
      maxConcurrentCalls: 2,
    });
    await source.start(async (m) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      seen.push(m.body);
      running -= 1;
    });
    for (let i = 0; i < 10; i++) bus.send('q', i);
    const deadline = Date.now() + 5000;
    while (seen.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect([...seen].sort((a, b) => Number(a) - Number(b))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(2);
    await source.stop();
  });
});
