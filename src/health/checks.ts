import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';

// What /healthz answers: the store answers a write and a read, and every configured chat platform is
// connected. Each part that is down is named, with what an operator can do about it.

/** One part's state; `fix` says what to do when it is down. */
export interface PartStatus {
  ok: boolean;
  detail: string;
  fix?: string;
}

export interface HealthReport {
  ok: boolean;
  /** The parts that are down, by name (empty when healthy). */
  down: string[];
  checks: Record<string, PartStatus>;
}

/** A store that takes longer than this is reported down (a Redis that is reconnecting would hang the probe). */
const STORE_PROBE_TIMEOUT_MS = 2_000;
/** Probe records expire by themselves: one per process, never piling up. */
const PROBE_TTL_MS = 10 * 60_000;

export class HealthChecks {
  private readonly platforms = new Map<string, (() => PartStatus) | undefined>();
  /** Parts shown only when they have something to say (Reddit's refused key), never down by themselves. */
  private readonly notes = new Map<string, () => PartStatus | undefined>();
  /** Each process writes its own record, so two processes on one store never read each other's. */
  private readonly probeKey = `health-probe:${randomUUID()}`;
  private probes = 0;
  /** Requests arriving while a check runs share it: one probe of the store at a time. */
  private running: Promise<HealthReport> | undefined;

  /** `configured`: the chat platforms this process should be connected to; each is "starting" until watched. */
  constructor(
    private readonly store: Store,
    configured: readonly string[],
    private readonly clock: () => Date = () => new Date(),
  ) {
    for (const name of configured) this.platforms.set(name, undefined);
  }

  /** From now on `name`'s state is what `status` says. */
  watch(name: string, status: () => PartStatus): void {
    this.platforms.set(name, status);
  }

  /** From now on `name` appears whenever `status` says something (undefined: nothing to say). */
  inform(name: string, status: () => PartStatus | undefined): void {
    this.notes.set(name, status);
  }

  check(): Promise<HealthReport> {
    this.running ??= this.checkNow().finally(() => (this.running = undefined));
    return this.running;
  }

  private async checkNow(): Promise<HealthReport> {
    const checks: Record<string, PartStatus> = { store: await this.probeStore() };
    for (const [name, status] of this.platforms) {
      checks[name] = status ? safely(status) : { ok: false, detail: `${name} is still connecting`, fix: 'Wait for start-up to finish; if it stays so, read the log for the connection error' };
    }
    for (const [name, status] of this.notes) {
      const note = status();
      if (note) checks[name] = note;
    }
    const down = Object.entries(checks).filter(([, part]) => !part.ok).map(([name]) => name);
    return { ok: down.length === 0, down, checks };
  }

  /** A write and a read back of a small record: the cheapest proof that the store works both ways. */
  private async probeStore(): Promise<PartStatus> {
    const written = `${this.clock().toISOString()} #${++this.probes}`;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the store at STORE_URL did not answer within ${STORE_PROBE_TIMEOUT_MS / 1000} s`)), STORE_PROBE_TIMEOUT_MS);
    });
    try {
      const read = await Promise.race([this.store.meta.set(this.probeKey, written, PROBE_TTL_MS).then(() => this.store.meta.get(this.probeKey)), timeout]);
      if (read !== written) return { ok: false, detail: 'the store did not return what was just written to it', fix: 'Check the database behind STORE_URL (another program writing the same keys, or a read-only replica)' };
      return { ok: true, detail: 'answers reads and writes' };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error), fix: 'Check that the database behind STORE_URL is running and reachable (disk space for SQLite), then restart the bot if it does not recover' };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A status function that throws is a part that is down, not a health endpoint that fails. */
function safely(status: () => PartStatus): PartStatus {
  try {
    return status();
  } catch (error) {
    return { ok: false, detail: `its state could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
