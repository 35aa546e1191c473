import { closeMatches } from '../text/suggest.js';

// IANA time zones typed by people ("europe/berlin", "Europe/Berln"): matched case-insensitively to the
// spelling Intl uses, so a stored subscription always names a zone the scheduler can use.

export type ZoneCheck = { ok: true; zone: string } | { ok: false; suggestions: string[] };

let known: string[] | undefined;

/** Every zone this runtime knows, plus UTC (which `supportedValuesOf` leaves out). */
export function knownTimeZones(): string[] {
  known ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return known;
}

export function resolveTimeZone(value: string): ZoneCheck {
  const typed = value.trim();
  const exact = knownTimeZones().find((z) => z.toLowerCase() === typed.toLowerCase());
  if (exact) return { ok: true, zone: exact };
  try {
    // Links and old names (US/Pacific, Etc/UTC) are valid too; Intl tells their canonical name.
    return { ok: true, zone: new Intl.DateTimeFormat('en', { timeZone: typed }).resolvedOptions().timeZone };
  } catch {
    return { ok: false, suggestions: closeMatches(typed, knownTimeZones(), { lastSegmentAfter: '/' }) };
  }
}
