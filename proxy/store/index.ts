// Picks the proxy's store: Redis when REDIS_URL is set (shared by replicas), else this process's memory.
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import type { SharedStore } from './shared-store';

export type { Hits, SharedStore } from './shared-store';

export function openStore(redisUrl: string | undefined): SharedStore {
  return redisUrl ? new RedisStore(redisUrl) : new MemoryStore();
}
