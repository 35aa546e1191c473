// The store failing, said so an operator knows which setting and which file, and what to do.

export class StoreError extends Error {
  override name = 'StoreError';

  constructor(
    message: string,
    /** What a chat user is told (they cannot fix the store; an admin can). */
    readonly forUsers = 'the bot could not read its stored data; an admin should look at its logs',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Which store a record lives in, for messages about it. */
export interface StoreDescription {
  /** "STORE_URL (sqlite:///data/ai-trends.sqlite)", credentials redacted: the setting and the place. */
  where: string;
  /** The bundled sample's data set: its report is rebuilt with `--sample`. */
  scope: 'live' | 'sample';
}

export type StoreAction = 'reading' | 'saving' | 'deleting';

/** What a chat user is told while the store does not answer: nothing for them to do but wait. */
export const STORE_UNAVAILABLE_FOR_USERS = "the bot's store is unavailable, try again in a minute";

/** A read, write or claim the backend did not answer within STORE_TIMEOUT_MS (a server gone, or hanging). */
export function storeTimeout(store: StoreDescription, action: StoreAction, what: string, ms: number): StoreError {
  return new StoreError(
    `${store.where}: ${action} ${what} got no answer within ${ms} ms (STORE_TIMEOUT_MS); check that the server or file behind STORE_URL is up and reachable`,
    STORE_UNAVAILABLE_FOR_USERS,
  );
}

/**
 * A read or write the backend refused (a lock held by another process, a full disk, a server gone),
 * naming the store and what to do; `what` names the record ("the stored report of 2026-02-11").
 */
export function storeFailure(store: StoreDescription, action: StoreAction, what: string, error: unknown): StoreError {
  const reason = error instanceof Error ? error.message : String(error);
  // SQLite lets one process write at a time and waits busyTimeout for the lock before it gives up.
  const locked = /SQLITE_BUSY|SQLITE_LOCKED|database is locked/i.test(reason);
  const next = locked
    ? 'another process (a second bot, a report run) held the lock on it for longer than we wait; try again once that one has finished'
    : 'check that the file or server behind STORE_URL is reachable and writable (permissions, free disk space, the server running), then try again';
  return new StoreError(
    `${store.where}: ${action} ${what} failed (${reason}); ${next}`,
    action === 'reading' ? undefined : 'the bot could not save its data; an admin should look at its logs',
    { cause: error },
  );
}
