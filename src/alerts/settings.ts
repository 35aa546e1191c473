// What the operator sets for alerts (ALERT_POLL_MINUTES, ALERTS_PER_DAY); src/config.ts fills it in.

export interface AlertSettings {
  /** ALERT_POLL_MINUTES: between two looks of the watcher at Reddit. */
  pollMs: number;
  /** ALERTS_PER_DAY: alerts one channel gets a UTC day at most. */
  perDay: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { pollMs: 15 * 60_000, perDay: 3 };
