// The store shared by every replica: Redis (or Valkey) at REDIS_URL, with each counter updated atomically.
import { Redis } from 'ioredis';
import type { Hits, SharedStore } from './shared-store';

/** INCR and the window's expiry in one step, so two replicas never both start a window. */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

/** DECR that never creates a key or goes below zero. */
const UNHIT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

export class RedisStore implements SharedStore {
  private readonly redis: Redis;

  constructor(url: string) {
    // Fail a request quickly while Redis is down rather than queueing it for minutes.
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    // ioredis reconnects by itself; without a listener an outage would crash the process.
    this.redis.on('error', (err: Error) => console.error(`Redis (REDIS_URL): ${err.message}`));
  }

  async hit(key: string, windowMs: number): Promise<Hits> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, key, String(windowMs))) as [number, number];
    return { count, resetAt: Date.now() + Math.max(0, ttl) };
  }

  async peek(key: string): Promise<Hits | undefined> {
    const [value, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    return value === null ? undefined : { count: Number(value), resetAt: Date.now() + Math.max(0, ttl) };
  }

  async unhit(key: string): Promise<void> {
    await this.redis.eval(UNHIT, 1, key);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(key, value, 'PX', ttlMs);
  }

  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
