/** Which job owns each watch (`queue/` implements it over Redis). */
export interface WatchStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  del(key: string): Promise<void>;
}
