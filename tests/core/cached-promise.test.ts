import { cachePromise } from '../../core/cached-promise';

describe('cachePromise', () => {
  it('makes the value once and serves it to every later call', async () => {
    let made = 0;
    const get = cachePromise(async () => ++made);
    expect(await Promise.all([get(), get(), get()])).toEqual([1, 1, 1]);
    expect(await get()).toBe(1);
    expect(made).toBe(1);
  });

  it('forgets a rejection, so the next call tries again', async () => {
    let attempts = 0;
    const get = cachePromise(async () => {
      attempts++;
      if (attempts === 1) throw new Error('KEY_VAULT_URL is missing');
      return 'settings';
    });
    await expect(get()).rejects.toThrow('KEY_VAULT_URL is missing');
    expect(await get()).toBe('settings');
    expect(await get()).toBe('settings');
    expect(attempts).toBe(2);
  });

  it('does not make a second value while the first is still pending', async () => {
    let release!: (v: string) => void;
    let made = 0;
    const get = cachePromise(() => {
      made++;
      return new Promise<string>((r) => (release = r));
    });
    const first = get();
    const second = get();
    release('ready');
    expect(await first).toBe('ready');
    expect(await second).toBe('ready');
    expect(made).toBe(1);
  });
});
