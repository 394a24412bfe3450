// The pacing logic on a manual clock: what it lets through at once, how it spaces the rest, how ARM's headers and a
// 429's Retry-After change that, and which requests it leaves alone.
import { ArmPacer } from '../../adapters/arm-pacing/arm-pacer';
import { armPacerOf } from '../../adapters/client-options';

const SUB = '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590';
const del = (n: number) =>
  `${SUB}/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-${n}`;

/** A clock that moves only when the pacer sleeps. */
function manualPacer(options: ConstructorParameters<typeof ArmPacer>[0] = {}) {
  let now = 0;
  const pacer = new ArmPacer({
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    ...options,
  });
  return { pacer, now: () => now, advance: (ms: number) => (now += ms) };
}

const headers =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    values[name.toLowerCase()];

describe('ARM pacer (manual clock)', () => {
  it("sends a full bucket less one second's refill at once, then one delete every 100 ms", async () => {
    const { pacer, now } = manualPacer();
    const sentAt: number[] = [];
    for (let i = 0; i < 220; i++) {
      await pacer.acquire('DELETE', `https://management.azure.com${del(i)}?api-version=2024-01-01`);
      sentAt.push(now());
    }
    // 200 tokens, 10 kept in hand against a refill that comes in steps.
    expect(sentAt.slice(0, 190).every((t) => t === 0)).toBe(true);
    expect(sentAt[190]).toBe(100);
    expect(sentAt[219]).toBe(3_000);
    expect(pacer.stats()).toMatchObject({ paced: 220, throttled: 0 });
  });

  it('keeps reads, writes and deletes, and each subscription, in buckets of their own', async () => {
    const { pacer, now } = manualPacer();
    for (let i = 0; i < 190; i++) await pacer.acquire('DELETE', del(i));
    await pacer.acquire('GET', del(1));
    await pacer.acquire('PUT', del(1));
    await pacer.acquire('DELETE', del(1).replace('0b1f6471', '99999999'));
    expect(now()).toBe(0);
    await pacer.acquire('DELETE', del(191));
    expect(now()).toBe(100);
  });

  it('lowers its estimate to what ARM reports left, less what was sent since that request', async () => {
    const { pacer, now } = manualPacer();
    const first = await pacer.acquire('DELETE', del(0));
    await pacer.acquire('DELETE', del(1));
    await pacer.acquire('DELETE', del(2));
    // Another client spent the bucket: ARM says 14 whole tokens left after the first; two more went out since.
    pacer.settle(first, 202, headers({ 'x-ms-ratelimit-remaining-subscription-deletes': '14' }));
    // At most 13 left (fewer than 15, less the two), 10 kept in hand: three more go at once, the fourth waits.
    for (let i = 0; i < 3; i++) await pacer.acquire('DELETE', del(10 + i));
    expect(now()).toBe(0);
    await pacer.acquire('DELETE', del(20));
    expect(now()).toBe(100);
  });

  it('is not stalled by a request ARM counted late, behind requests sent after it', async () => {
    const { pacer, now } = manualPacer();
    const tickets = [];
    for (let i = 0; i < 20; i++) tickets.push(await pacer.acquire('DELETE', del(i)));
    // ARM counted request 5 last: the others report 199 … 181 in their order, request 5 reports 180.
    const order = [...tickets.slice(0, 4), ...tickets.slice(5), tickets[4]];
    order.forEach((t, i) =>
      pacer.settle(t, 202, headers({ 'x-ms-ratelimit-remaining-subscription-deletes': String(199 - i) })),
    );
    // 180 left, 10 kept in hand: 170 more go at once (taken alone, request 5's report would say 166).
    for (let i = 0; i < 170; i++) await pacer.acquire('DELETE', del(100 + i));
    expect(now()).toBe(0);
    await pacer.acquire('DELETE', del(999));
    expect(now()).toBe(100);
  });

  it('never lifts its estimate above what its own requests leave, and lets a later report replace an earlier one', async () => {
    const { pacer, now } = manualPacer();
    const tickets = [];
    for (let i = 0; i < 190; i++) tickets.push(await pacer.acquire('DELETE', del(i)));
    // ARM reports more than this client's own count allows (10 left): the count stands.
    pacer.settle(tickets[189], 202, headers({ 'x-ms-ratelimit-remaining-subscription-deletes': '199' }));
    await pacer.acquire('DELETE', del(500));
    expect(now()).toBe(100);

    const { pacer: other, now: otherNow } = manualPacer();
    const a = await other.acquire('DELETE', del(0));
    const b = await other.acquire('DELETE', del(1));
    other.settle(a, 202, headers({ 'x-ms-ratelimit-remaining-subscription-deletes': '0' }));
    other.settle(b, 202, headers({ 'x-ms-ratelimit-remaining-subscription-deletes': '150' }));
    await other.acquire('DELETE', del(2));
    expect(otherNow()).toBe(0);
  });

  it('follows the global bucket of the subscription, which other principals spend too', async () => {
    const { pacer, now } = manualPacer();
    const ticket = await pacer.acquire('GET', del(0));
    pacer.settle(
      ticket,
      200,
      headers({
        'x-ms-ratelimit-remaining-subscription-reads': '249',
        'x-ms-ratelimit-remaining-subscription-global-reads': '375',
      }),
    );
    // At most 376 left globally, 375 (one second of the global refill) kept in hand: one more read goes, the next waits.
    await pacer.acquire('GET', del(1));
    expect(now()).toBe(0);
    await pacer.acquire('GET', del(2));
    expect(now()).toBeGreaterThan(0);
    expect(now()).toBeLessThanOrEqual(10);
  });

  it("holds every request of the throttled kind until a 429's Retry-After has passed", async () => {
    const { pacer, now } = manualPacer();
    const ticket = await pacer.acquire('DELETE', del(0));
    pacer.settle(
      ticket,
      429,
      headers({ 'retry-after': '7', 'x-ms-ratelimit-remaining-subscription-deletes': '0' }),
    );
    await pacer.acquire('GET', del(0));
    expect(now()).toBe(0);
    await pacer.acquire('DELETE', del(1));
    expect(now()).toBeGreaterThanOrEqual(7_000);
    expect(pacer.stats().throttled).toBe(1);
  });

  it('lets concurrent callers through in the order they asked', async () => {
    const { pacer } = manualPacer({
      figures: { deletes: { capacity: 3, refillPerSecond: 1 } },
      reserveSeconds: 0,
    });
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => pacer.acquire('DELETE', del(i)).then(() => order.push(i))),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('paces tenant-level requests by the tenant headers and leaves Resource Graph (its own quota) alone', async () => {
    const { pacer, now } = manualPacer();
    const tenant = await pacer.acquire(
      'GET',
      'https://management.azure.com/providers/Microsoft.Authorization/operations',
    );
    expect(tenant?.scope).toBe('tenant');
    pacer.settle(tenant, 200, headers({ 'x-ms-ratelimit-remaining-tenant-reads': '0' }));
    await pacer.acquire('GET', 'https://management.azure.com/subscriptions');
    expect(now()).toBeGreaterThan(0);
    expect(
      await pacer.acquire('POST', 'https://management.azure.com/providers/Microsoft.ResourceGraph/resources'),
    ).toBeUndefined();
  });

  it('gives every ARM client of one identity and endpoint one pacer, since ARM counts per principal', () => {
    const credential = { getToken: async () => null };
    const resources = armPacerOf({
      credential,
      subscriptionId: 's',
      armEndpoint: 'https://management.azure.com',
    });
    const roles = armPacerOf({
      credential,
      subscriptionId: 's',
      armEndpoint: 'https://management.azure.com/',
    });
    const otherIdentity = armPacerOf({ credential: { getToken: async () => null }, subscriptionId: 's' });
    expect(roles).toBe(resources);
    expect(otherIdentity).not.toBe(resources);
  });
});
