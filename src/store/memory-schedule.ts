import type { Platform } from '../chat/target.js';
import { NEVER, type ScheduleCursor, type ScheduleEntry, type ScheduleMove, type ScheduleScope, type SubscriptionSchedule } from './schedule.js';

// The schedule in this process's memory, for a store built on a plain Map (unit tests of the store's
// error handling). It keeps the same rules as the native ones; it sorts on every read, which is fine for
// the handful of entries such a store holds, and it is never used by `openStore`.

const byDue = (a: ScheduleEntry, b: ScheduleEntry) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const byWorkspace = (a: ScheduleEntry, b: ScheduleEntry) => (a.workspaceId < b.workspaceId ? -1 : a.workspaceId > b.workspaceId ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export class MemorySchedule implements SubscriptionSchedule {
  private readonly entries = new Map<string, ScheduleEntry>();

  async lookBy(entries: readonly ScheduleEntry[]): Promise<void> {
    for (const entry of entries) {
      const present = this.entries.get(entry.key);
      this.entries.set(entry.key, { ...entry, dueAt: present ? Math.min(present.dueAt, entry.dueAt) : entry.dueAt });
    }
  }

  async move(moves: readonly ScheduleMove[]): Promise<void> {
    for (const { from, to } of moves) {
      const present = this.entries.get(from.key);
      if (present && present.dueAt === from.dueAt && present.stamp === from.stamp) this.entries.set(from.key, { ...present, ...to });
    }
  }

  async remove(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async due(platform: Platform, until: number, limit: number, after?: ScheduleCursor): Promise<ScheduleEntry[]> {
    return [...this.entries.values()]
      .filter((e) => e.platform === platform && e.dueAt <= until && (!after || byDue(e, { ...after, platform, stamp: 0 }) > 0))
      .sort(byDue)
      .slice(0, limit);
  }

  async next(platform: Platform, after: number): Promise<number | undefined> {
    const later = [...this.entries.values()].filter((e) => e.platform === platform && e.dueAt > after && e.dueAt < NEVER).map((e) => e.dueAt);
    return later.length > 0 ? Math.min(...later) : undefined;
  }

  async list(scope: ScheduleScope, limit: number, after?: ScheduleCursor): Promise<ScheduleEntry[]> {
    return [...this.entries.values()]
      .filter((e) => e.platform === scope.platform && (scope.workspaceId === undefined || e.workspaceId === scope.workspaceId) && (!after || byWorkspace(e, { ...after, platform: scope.platform, stamp: 0 }) > 0))
      .sort(byWorkspace)
      .slice(0, limit);
  }
}
