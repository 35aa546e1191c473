import { reportCommunities } from '../src/reply/report.js';
import { utcDate } from '../src/report/windows.js';
import { knownTimeZones } from '../src/time/zone.js';
import type { CommandContext, CommandOption } from './command.js';
import { storedDaysBefore } from './trends.js';

// Suggestions while the user types an option (Discord autocomplete): stored report days newest first,
// the configured communities, IANA time zones. At most 25, as Discord allows, best matches first.

export const MAX_SUGGESTIONS = 25;

export async function suggestValues(option: Pick<CommandOption, 'suggest'>, typed: string, context: Pick<CommandContext, 'services' | 'now'>): Promise<string[]> {
  const query = typed.trim().toLowerCase().replace(/^\/?r\//, '');
  switch (option.suggest) {
    case 'reportDates':
      return rank(await storedDaysBefore(utcDate(context.now), context), query, false);
    case 'communities':
      return rank(await communities(context), query, true);
    case 'communityList': {
      // A comma list (`LocalLLaMA,Loc`): the last name is completed, the ones before kept.
      const cut = typed.lastIndexOf(',') + 1;
      const before = typed.slice(0, cut).replace(/\s+/g, '');
      const chosen = new Set(before.toLowerCase().split(',').filter(Boolean));
      const last = typed.slice(cut).trim().toLowerCase().replace(/^\/?r\//, '');
      const left = (await communities(context)).filter((c) => !chosen.has(c.toLowerCase()));
      return rank(left, last, true).map((c) => `${before}${c}`).filter((v) => v.length <= 100);
    }
    case 'timeZones':
      return rank(knownTimeZones(), query, true);
    default:
      return [];
  }
}

async function communities(context: Pick<CommandContext, 'services' | 'now'>): Promise<string[]> {
  if (context.services.communities?.length) return [...context.services.communities];
  const stored = await context.services.store.reports.get(utcDate(context.now));
  return stored ? reportCommunities(stored) : [];
}

/** Values starting with the query first, then containing it; `sort` orders each group alphabetically. */
function rank(values: readonly string[], query: string, sort: boolean): string[] {
  const order = (list: string[]) => (sort ? list.sort((a, b) => a.localeCompare(b)) : list);
  const starts = values.filter((v) => v.toLowerCase().startsWith(query));
  const contains = values.filter((v) => !v.toLowerCase().startsWith(query) && v.toLowerCase().includes(query));
  return [...order(starts), ...order(contains)].slice(0, MAX_SUGGESTIONS);
}
