import type Keyv from 'keyv';

// Atomic claims on the store every process shares: "this process does X, for a while". One claimant at
// a time, whatever the number of processes, so two instances never post the same morning report, never
// build the same day's report twice, and never answer the same chat event twice. A claim expires, so a
// process killed while holding one does not block the work for ever.
//
// Each backend's own atomic operation, through the connection the store already has: SQLite and Postgres
// an upsert that only replaces an expired row (one statement, so the database serialises it), Redis
// `SET NX PX`. keyv itself has no compare-and-set, which is why this is not a keyv collection.

export interface Claims {
  /** True when `owner` now holds `key` for `ttlMs`: it was free, its claim had expired, or `owner` held it. */
  claim(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives `key` up, if `owner` still holds it. */
  release(key: string, owner: string): Promise<void>;
}

const TABLE = 'ai_trends_claims';

type SqlQuery = (sql: string, ...params: unknown[]) => Promise<unknown[]>;

/** Claims in a table of the SQLite file or Postgres database the store lives in. */
class SqlClaims implements Claims {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly query: SqlQuery,
    private readonly namespace: string,
    /** `?` for SQLite, `$1…` for Postgres. */
    private readonly placeholder: (n: number) => string,
  ) {}

  async claim(key: string, owner: string, ttlMs: number): Promise<boolean> {
    await this.table();
    const now = Date.now();
    const p = this.placeholder;
    // Inserted when absent; replaced only when expired or already ours; otherwise nothing is returned.
    const rows = await this.query(
      `INSERT INTO ${TABLE} (key, owner, expires_at) VALUES (${p(1)}, ${p(2)}, ${p(3)})
       ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE ${TABLE}.expires_at <= ${p(4)} OR ${TABLE}.owner = excluded.owner
       RETURNING owner`,
      `${this.namespace}:${key}`,
      owner,
      now + ttlMs,
      now,
    );
    return rows.length === 1;
  }

  async release(key: string, owner: string): Promise<void> {
    await this.table();
    await this.query(`DELETE FROM ${TABLE} WHERE key = ${this.placeholder(1)} AND owner = ${this.placeholder(2)}`, `${this.namespace}:${key}`, owner);
  }

  private table(): Promise<unknown> {
    this.ready ??= this.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (key VARCHAR(255) PRIMARY KEY, owner VARCHAR(100) NOT NULL, expires_at BIGINT NOT NULL)`).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}

interface RedisLike {
  set(key: string, value: string, options: { NX: true; PX: number }): Promise<string | null>;
  get(key: string): Promise<string | null>;
  pExpire(key: string, ms: number): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

// Deletes the key only while it still holds this owner: a claim that expired and was taken by another
// process is not released by the late one.
const RELEASE_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** Claims as Redis keys beside the store's: `SET key owner NX PX ttl`. */
class RedisClaims implements Claims {
  constructor(
    private readonly client: () => Promise<RedisLike>,
    private readonly namespace: string,
  ) {}

  async claim(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const client = await this.client();
    const full = this.key(key);
    if ((await client.set(full, owner, { NX: true, PX: ttlMs })) === 'OK') return true;
    // Already ours (a renewal): extend it. Between the two calls it cannot pass to another owner
    // unless it expires, and then SET NX above would have succeeded.
    if ((await client.get(full)) !== owner) return false;
    await client.pExpire(full, ttlMs);
    return true;
  }

  async release(key: string, owner: string): Promise<void> {
    const client = await this.client();
    await client.eval(RELEASE_IF_OWNER, { keys: [this.key(key)], arguments: [owner] });
  }

  private key(key: string): string {
    return `${this.namespace}:claim:${key}`;
  }
}

/** The claims of the store behind `keyv`, by its scheme. */
export function claimsFor(keyv: Keyv, scheme: string, namespace: string): Claims {
  const store = keyv.store as { query?: (sql: string, ...params: unknown[]) => Promise<unknown[]>; getClient?: () => Promise<RedisLike> };
  if (scheme === 'sqlite' && store.query) return new SqlClaims((sql, ...params) => store.query!(sql, ...params), namespace, () => '?');
  // KeyvPostgres.query takes the values as one array.
  if ((scheme === 'postgres' || scheme === 'postgresql') && store.query) return new SqlClaims((sql, ...params) => store.query!(sql, params), namespace, (n) => `$${n}`);
  if ((scheme === 'redis' || scheme === 'rediss') && store.getClient) return new RedisClaims(() => store.getClient!(), namespace);
  throw new Error(`STORE_URL: the ${scheme} store has no atomic claims`);
}
