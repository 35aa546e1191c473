import { StoreError, type StoreDescription } from './errors.js';

// A record that is no longer JSON (a disk error, a hand edit), said per kind of record: which one it is,
// and what brings it back. A report and its snapshot are rebuilt by building that day again; every other
// record is reset by deleting it (or the whole STORE_URL file), with what that costs.

interface RecordKind {
  /** The record as a reader knows it, e.g. "the morning-post subscription of discord:G1:C1". */
  name(key: string): string;
  /** What deleting it does: the price of the reset. */
  reset: string;
}

const kinds: Record<string, RecordKind> = {
  subreddit: { name: (key) => `the cached check of r/${key}`, reset: 'the next report asks Reddit about it again' },
  'post-details': { name: (key) => `the cached comments of post ${key}`, reset: 'they are fetched again when needed' },
  subscription: { name: (key) => `the morning-post subscription of ${key}`, reset: "it stops that channel's morning post until an admin subscribes it again" },
  'subscription-index': { name: () => 'the list of morning-post subscriptions', reset: 'every channel stops getting its morning post until an admin subscribes it again' },
  thread: { name: (key) => `the follow-up thread ${key}`, reset: "the bot forgets that thread; questions about its report can be asked under a new /trends answer" },
  counter: { name: (key) => `the rate-limit counter ${key}`, reset: 'it resets that limit (it would expire within two days anyway)' },
  meta: { name: (key) => `the bot's own record "${key}"`, reset: 'the bot writes it again (e.g. registers its chat commands again)' },
  delivery: { name: (key) => `the morning-post ledger entry ${key}`, reset: 'it can make that morning post go out again' },
  'report-fallback': { name: (key) => `the stand-in report of ${key} (today's posts could not be collected)`, reset: 'the next reader asks Reddit again' },
  'report-build': { name: (key) => `the progress of the ${key} report's build`, reset: 'a /trends asked meanwhile says less about it' },
};

/** The command that builds the day again: reports and snapshots are made by `report --refresh`, never by hand. */
function rebuildCommand(store: StoreDescription, date: string): string {
  if (store.scope === 'sample') return '`ai-trends report --sample --refresh`';
  // --now refuses a time in the future, so today's report is rebuilt without one.
  return `\`ai-trends report --refresh --now ${date}T23:59:00Z\` (today's: \`ai-trends report --refresh\`)`;
}

/** The error for record `key` of collection `prefix`, stored as `fullKey`, that did not parse. */
export function corruptedRecord(store: StoreDescription, prefix: string, key: string, fullKey: string, error: SyntaxError): StoreError {
  const record = `(record "${fullKey}")`;
  if (prefix === 'report' || prefix === 'snapshot') {
    const name = prefix === 'report' ? `the stored report of ${key}` : `the stored post snapshot of ${key}`;
    const rebuild = rebuildCommand(store, key);
    return new StoreError(`${store.where}: ${name} ${record} is corrupted (${error.message}); ${rebuild} rebuilds it`, `${name} is damaged; an admin can rebuild it with ${rebuild}`, { cause: error });
  }
  const kind = kinds[prefix] ?? { name: (k: string) => `the stored ${prefix} "${k}"`, reset: 'it is written again when needed' };
  return new StoreError(
    `${store.where}: ${kind.name(key)} ${record} is corrupted (${error.message}); deleting that record or the STORE_URL file resets it: ${kind.reset}`,
    `a stored record of the bot is damaged; an admin can reset it (the bot's log says which)`,
    { cause: error },
  );
}
