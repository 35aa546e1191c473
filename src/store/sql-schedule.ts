import type { Platform } from '../chat/target.js';
import { NEVER, type ScheduleCursor, type ScheduleEntry, type ScheduleMove, type ScheduleScope, type SubscriptionSchedule } from './schedule.js';

// The schedule as a table beside keyv's in the SQLite file or the Postgres database, with an index on
// (platform, due instant, key) for the pass and one on (platform, workspace, key) for listings. Every
// statement is plain SQL both dialects take; `placeholder` writes each one's parameters.

const TABLE = 'ai_trends_schedule';
/** Rows per statement of a batch (5 or 6 parameters each, well under SQLite's 32,766). */
const ROWS_PER_STATEMENT = 200;

type SqlQuery = (sql: string, ...params: unknown[]) => Promise<unknown[]>;

interface Row {
  key: string;
  platform: string;
  workspace: string;
  due_at: number | string;
  stamp: number | string;
}

/** Postgres returns BIGINT as a string; SQLite as a number. */
function entryOf(row: Row): ScheduleEntry {
  return { key: row.key, platform: row.platform as Platform, workspaceId: row.workspace, dueAt: Number(row.due_at), stamp: Number(row.stamp) };
}

export class SqlSchedule implements SubscriptionSchedule {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly query: SqlQuery,
    private readonly namespace: string,
    /** `?` for SQLite, `$1…` for Postgres. */
    private readonly placeholder: (n: number) => string,
  ) {}

  async lookBy(entries: readonly ScheduleEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.table();
    const p = this.placeholder;
    for (let start = 0; start < entries.length; start += ROWS_PER_STATEMENT) {
      const chunk = entries.slice(start, start + ROWS_PER_STATEMENT);
      const rows = chunk.map((_, i) => `(${[1, 2, 3, 4, 5, 6].map((c) => p(i * 6 + c)).join(', ')})`).join(', ');
      await this.query(
        `INSERT INTO ${TABLE} (namespace, key, platform, workspace, due_at, stamp) VALUES ${rows}
         ON CONFLICT (namespace, key) DO UPDATE SET platform = excluded.platform, workspace = excluded.workspace, stamp = excluded.stamp,
           due_at = CASE WHEN excluded.due_at < ${TABLE}.due_at THEN excluded.due_at ELSE ${TABLE}.due_at END`,
        ...chunk.flatMap((e) => [this.namespace, e.key, e.platform, e.workspaceId, e.dueAt, e.stamp]),
      );
    }
  }

  async move(moves: readonly ScheduleMove[]): Promise<void> {
    if (moves.length === 0) return;
    await this.table();
    const p = this.placeholder;
    for (let start = 0; start < moves.length; start += ROWS_PER_STATEMENT) {
      const chunk = moves.slice(start, start + ROWS_PER_STATEMENT);
      // One statement per chunk: each row moves only where it still stands as the pass read it.
      const values = chunk.map((_, i) => `(${[1, 2, 3, 4, 5].map((c) => p(i * 5 + c)).join(', ')})`).join(', ');
      const params = chunk.flatMap((m) => [m.from.key, m.from.dueAt, m.from.stamp, m.to.dueAt, m.to.stamp]);
      await this.query(
        `UPDATE ${TABLE} SET due_at = CAST(v.column4 AS BIGINT), stamp = CAST(v.column5 AS BIGINT)
         FROM (VALUES ${values}) AS v
         WHERE ${TABLE}.namespace = ${p(chunk.length * 5 + 1)} AND ${TABLE}.key = v.column1
           AND ${TABLE}.due_at = CAST(v.column2 AS BIGINT) AND ${TABLE}.stamp = CAST(v.column3 AS BIGINT)`,
        ...params, this.namespace,
      );
    }
  }

  async remove(key: string): Promise<void> {
    await this.table();
    await this.query(`DELETE FROM ${TABLE} WHERE namespace = ${this.placeholder(1)} AND key = ${this.placeholder(2)}`, this.namespace, key);
  }

  async due(platform: Platform, until: number, limit: number, after?: ScheduleCursor): Promise<ScheduleEntry[]> {
    await this.table();
    const p = this.placeholder;
    const rows = (await this.query(
      `SELECT key, platform, workspace, due_at, stamp FROM ${TABLE}
       WHERE namespace = ${p(1)} AND platform = ${p(2)} AND due_at <= ${p(3)} AND (due_at > ${p(4)} OR (due_at = ${p(5)} AND key > ${p(6)}))
       ORDER BY due_at, key LIMIT ${p(7)}`,
      this.namespace, platform, until, after?.dueAt ?? -1, after?.dueAt ?? -1, after?.key ?? '', limit,
    )) as Row[];
    return rows.map(entryOf);
  }

  async next(platform: Platform, after: number): Promise<number | undefined> {
    await this.table();
    const p = this.placeholder;
    const [row] = (await this.query(`SELECT MIN(due_at) AS next FROM ${TABLE} WHERE namespace = ${p(1)} AND platform = ${p(2)} AND due_at > ${p(3)} AND due_at < ${p(4)}`, this.namespace, platform, after, NEVER)) as Array<{ next: number | string | null }>;
    return row?.next === null || row?.next === undefined ? undefined : Number(row.next);
  }

  async list(scope: ScheduleScope, limit: number, after?: ScheduleCursor): Promise<ScheduleEntry[]> {
    await this.table();
    const p = this.placeholder;
    const inWorkspace = scope.workspaceId !== undefined;
    const params: unknown[] = [this.namespace, scope.platform, ...(inWorkspace ? [scope.workspaceId] : []), after?.workspaceId ?? '', after?.workspaceId ?? '', after?.key ?? '', limit];
    let n = inWorkspace ? 3 : 2;
    const rows = (await this.query(
      `SELECT key, platform, workspace, due_at, stamp FROM ${TABLE}
       WHERE namespace = ${p(1)} AND platform = ${p(2)}${inWorkspace ? ` AND workspace = ${p(3)}` : ''}
         AND (workspace > ${p(++n)} OR (workspace = ${p(++n)} AND key > ${p(++n)}))
       ORDER BY workspace, key LIMIT ${p(++n)}`,
      ...params,
    )) as Row[];
    return rows.map(entryOf);
  }

  private table(): Promise<unknown> {
    this.ready ??= (async () => {
      await this.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (namespace VARCHAR(100) NOT NULL, key VARCHAR(255) NOT NULL, platform VARCHAR(20) NOT NULL, workspace VARCHAR(255) NOT NULL, due_at BIGINT NOT NULL, stamp BIGINT NOT NULL, PRIMARY KEY (namespace, key))`);
      await this.query(`CREATE INDEX IF NOT EXISTS ${TABLE}_due ON ${TABLE} (namespace, platform, due_at, key)`);
      await this.query(`CREATE INDEX IF NOT EXISTS ${TABLE}_workspace ON ${TABLE} (namespace, platform, workspace, key)`);
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}
