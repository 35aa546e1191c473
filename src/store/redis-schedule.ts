import type { Platform } from '../chat/target.js';
import { NEVER, type ScheduleCursor, type ScheduleEntry, type ScheduleMove, type ScheduleScope, type SubscriptionSchedule } from './schedule.js';

// The schedule on Redis, beside the store's keys, through the client @keyv/redis already has:
// - per platform, a sorted set ordered by member, each member the due instant (16 digits) then the key,
//   so a page of what is due is one range read (ZRANGEBYLEX), in (due, key) order;
// - per platform, a sorted set of `workspace NUL key`, for listings by workspace;
// - a hash from key to `due|stamp|workspace`, what an entry stands at now.
// Every change is one Lua script, atomic on the server. The keys share one hash tag, so a script's keys sit
// in one slot of a Redis Cluster too.

export interface RedisScheduleClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

const DIGITS = 16;
const pad = (ms: number) => String(ms).padStart(DIGITS, '0');

// KEYS: the hash, the platform's due set, its workspace set. ARGV: per entry, key, due (padded), stamp, workspace member, workspace.
const LOOK_BY = `
for i = 1, #ARGV, 5 do
  local key = ARGV[i]
  local present = redis.call('HGET', KEYS[1], key)
  local due = ARGV[i + 1]
  if present then
    local was = string.sub(present, 1, ${DIGITS})
    if was < due then due = was end
    redis.call('ZREM', KEYS[2], was .. key)
  end
  redis.call('ZADD', KEYS[2], 0, due .. key)
  redis.call('HSET', KEYS[1], key, due .. '|' .. ARGV[i + 2] .. '|' .. ARGV[i + 4])
  redis.call('ZADD', KEYS[3], 0, ARGV[i + 3])
end
return 1`;

// KEYS: the hash, the platform's due set. ARGV: per move, key, the entry as read (due|stamp|workspace), new due (padded), new value.
const MOVE = `
local moved = 0
for i = 1, #ARGV, 4 do
  local key = ARGV[i]
  if redis.call('HGET', KEYS[1], key) == ARGV[i + 1] then
    redis.call('ZREM', KEYS[2], string.sub(ARGV[i + 1], 1, ${DIGITS}) .. key)
    redis.call('ZADD', KEYS[2], 0, ARGV[i + 2] .. key)
    redis.call('HSET', KEYS[1], key, ARGV[i + 3])
    moved = moved + 1
  end
end
return moved`;

// KEYS: the hash, the platform's due set, its workspace set. ARGV: key. The workspace is the value's third part.
const REMOVE = `
local present = redis.call('HGET', KEYS[1], ARGV[1])
if not present then return 0 end
redis.call('ZREM', KEYS[2], string.sub(present, 1, ${DIGITS}) .. ARGV[1])
local workspace = string.match(present, '^%d+|%-?%d+|(.*)$')
if workspace then redis.call('ZREM', KEYS[3], workspace .. '\\0' .. ARGV[1]) end
redis.call('HDEL', KEYS[1], ARGV[1])
return 1`;

// KEYS: a set, the hash. ARGV: min, max, count, and where the key starts in a member (after the due digits, or after NUL).
// Returns key, value pairs: a page and what each entry stands at, in one round trip.
const PAGE = `
local members = redis.call('ZRANGEBYLEX', KEYS[1], ARGV[1], ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, member in ipairs(members) do
  local key = ARGV[4] == 'due' and string.sub(member, ${DIGITS + 1}) or string.sub(member, string.find(member, '\\0', 1, true) + 1)
  out[#out + 1] = key
  out[#out + 1] = redis.call('HGET', KEYS[2], key) or ''
end
return out`;

/** `due|stamp|workspace` as the hash holds it. */
function valueOf(entry: Pick<ScheduleEntry, 'dueAt' | 'stamp' | 'workspaceId'>): string {
  return `${pad(entry.dueAt)}|${entry.stamp}|${entry.workspaceId}`;
}

function entryOf(key: string, value: string, platform: Platform): ScheduleEntry | undefined {
  const match = /^(\d{16})\|(-?\d+)\|(.*)$/s.exec(value);
  return match ? { key, platform, dueAt: Number(match[1]), stamp: Number(match[2]), workspaceId: match[3]! } : undefined;
}

export class RedisSchedule implements SubscriptionSchedule {
  constructor(
    private readonly client: () => Promise<RedisScheduleClient>,
    private readonly namespace: string,
  ) {}

  async lookBy(entries: readonly ScheduleEntry[]): Promise<void> {
    const byPlatform = new Map<Platform, string[]>();
    for (const entry of entries) {
      const args = byPlatform.get(entry.platform) ?? (byPlatform.set(entry.platform, []), byPlatform.get(entry.platform)!);
      args.push(entry.key, pad(entry.dueAt), String(entry.stamp), `${entry.workspaceId}\0${entry.key}`, entry.workspaceId);
    }
    for (const [platform, args] of byPlatform) await this.run(LOOK_BY, [this.hash, this.dueSet(platform), this.workspaceSet(platform)], args);
  }

  async move(moves: readonly ScheduleMove[]): Promise<void> {
    const byPlatform = new Map<Platform, string[]>();
    for (const { from, to } of moves) {
      const args = byPlatform.get(from.platform) ?? (byPlatform.set(from.platform, []), byPlatform.get(from.platform)!);
      args.push(from.key, valueOf(from), pad(to.dueAt), valueOf({ ...to, workspaceId: from.workspaceId }));
    }
    for (const [platform, args] of byPlatform) await this.run(MOVE, [this.hash, this.dueSet(platform)], args);
  }

  async remove(key: string, platform: Platform): Promise<void> {
    await this.run(REMOVE, [this.hash, this.dueSet(platform), this.workspaceSet(platform)], [key]);
  }

  async due(platform: Platform, until: number, limit: number, after?: ScheduleCursor): Promise<ScheduleEntry[]> {
    const min = after ? `(${pad(after.dueAt)}${after.key}` : '-';
    return this.page(this.dueSet(platform), platform, min, `(${pad(until + 1)}`, limit, 'due');
  }

  async next(platform: Platform, after: number): Promise<number | undefined> {
    const [first] = await this.page(this.dueSet(platform), platform, `[${pad(after + 1)}`, `(${pad(NEVER)}`, 1, 'due');
    return first?.dueAt;
  }

  async list(scope: ScheduleScope, limit: number, after?: ScheduleCursor): Promise<ScheduleEntry[]> {
    const min = after ? `(${after.workspaceId}\0${after.key}` : scope.workspaceId !== undefined ? `[${scope.workspaceId}\0` : '-';
    const max = scope.workspaceId !== undefined ? `(${scope.workspaceId}\u0001` : '+';
    return this.page(this.workspaceSet(scope.platform), scope.platform, min, max, limit, 'workspace');
  }

  private async page(set: string, platform: Platform, min: string, max: string, limit: number, members: 'due' | 'workspace'): Promise<ScheduleEntry[]> {
    const pairs = (await this.run(PAGE, [set, this.hash], [min, max, String(limit), members])) as string[];
    const entries: ScheduleEntry[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const entry = entryOf(pairs[i]!, pairs[i + 1]!, platform);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  private async run(script: string, keys: string[], args: string[]): Promise<unknown> {
    return (await this.client()).eval(script, { keys, arguments: args });
  }

  private get hash(): string {
    return `{${this.namespace}:schedule}:at`;
  }

  private dueSet(platform: Platform): string {
    return `{${this.namespace}:schedule}:due:${platform}`;
  }

  private workspaceSet(platform: Platform): string {
    return `{${this.namespace}:schedule}:workspace:${platform}`;
  }
}
