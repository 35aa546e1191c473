import { note, paragraph, type Reply } from '../src/reply/reply.js';
import { channelOf } from '../src/chat/target.js';
import { channelZone, removeAlerts, setAlerts, alertSetting } from '../src/alerts/channels.js';
import { alertLevels, describeLevel, isAlertLevel, type AlertLevel } from '../src/alerts/levels.js';
import { checkQuietHours } from '../src/alerts/quiet.js';
import type { AlertSetting } from '../src/alerts/records.js';
import { quoteInput } from '../src/text/quote.js';
import { adminRefusal, errorReply, fail, type Command, type CommandContext, type ParseResult } from './command.js';

// `/alerts on [low|normal|high] [quiet:HH:MM-HH:MM]` and `/alerts off`: this channel hears at once when a
// post takes off in the watched communities (src/alerts), at most ALERTS_PER_DAY a day. Admins only.

export type AlertsOptions = { state?: string; level?: string; quiet?: string };

function parseAlerts(tokens: string[]): ParseResult<AlertsOptions> {
  const options: AlertsOptions = {};
  for (const token of tokens) {
    const word = token.toLowerCase();
    if (word === 'on' || word === 'off') {
      if (options.state) return fail(`Say on or off once (got ${options.state} and ${word}).`);
      options.state = word;
    } else if (word.startsWith('quiet:')) options.quiet = token.slice('quiet:'.length);
    else if (isAlertLevel(word)) options.level = word;
    else return fail(`"${quoteInput(token)}" is not an alerts option. Use: on [${alertLevels.join('|')}] [quiet:22:00-07:00], or off.`);
  }
  return { ok: true, options };
}

/** `normal, quiet 22:00–07:00 (Europe/Berlin)`: how replies name a channel's alerts. */
export function describeAlerts(setting: Pick<AlertSetting, 'level' | 'quiet'>, zone?: string): string {
  return `${setting.level}${setting.quiet ? `, quiet ${setting.quiet.from}–${setting.quiet.to}${zone ? ` (${zone})` : ''}` : ''}`;
}

/** The terminal has no channel to alert. */
export const terminalAlertsRefusal =
  'Alerts go to a Discord or Slack channel: this terminal cannot receive them. Run /trends-alerts (Discord) or /trends alerts (Slack) in a channel.';

async function runAlerts(options: AlertsOptions, context: CommandContext): Promise<Reply> {
  if (context.target.platform === 'console') return errorReply(terminalAlertsRefusal);
  if (!context.isAdmin) return adminRefusal(alertsCommand, context);
  const { store } = context.services;
  const target = channelOf(context.target);
  const perDay = context.services.alertsPerDay ?? 3;
  if (!options.state) {
    const current = await alertSetting(store, target);
    return { blocks: [note(current ? `Alerts here: ${describeAlerts(current, await channelZone(store, target))}. Change them with on [${alertLevels.join('|')}] [quiet:22:00-07:00], or turn them off.` : `Alerts are off here. Turn them on with: on [${alertLevels.join('|')}] [quiet:22:00-07:00].`)], private: true };
  }
  if (options.state === 'off') {
    if (options.level || options.quiet) return errorReply('off takes no other option: it stops this channel\'s alerts.');
    const before = await removeAlerts(store, target);
    return { blocks: [paragraph(before ? `Alerts stopped for this channel (they were ${describeAlerts(before)}).` : 'This channel had no alerts to stop.')] };
  }
  const quiet = options.quiet === undefined ? undefined : checkQuietHours(options.quiet);
  if (quiet && !quiet.ok) return errorReply(quiet.message);
  const level: AlertLevel = (options.level as AlertLevel | undefined) ?? 'normal';
  const setting: AlertSetting = { target, level, ...(quiet?.ok ? { quiet: quiet.value } : {}), setBy: context.userId, setAt: context.now.toISOString() };
  await setAlerts(store, setting);
  const zone = await channelZone(store, target);
  const blocks = [
    paragraph(`Alerts on for this channel (${describeAlerts(setting, zone)}): when ${describeLevel(level)}, one short alert with a thread for questions. At most ${perDay} a day, each post once.`),
  ];
  if (setting.quiet) blocks.push(note(`None between ${setting.quiet.from} and ${setting.quiet.to} ${zone}${zone === 'UTC' ? " (this channel has no morning post, whose time zone would be used)" : " (the morning post's time zone)"}.`));
  blocks.push(note('The morning post marks the posts already alerted.'));
  return { blocks };
}

export const alertsCommand: Command<AlertsOptions> = {
  name: 'alerts',
  description: 'Alert this channel when a post takes off: on [low|normal|high] [quiet:22:00-07:00], or off (admins)',
  usage: '/alerts on [low|normal|high] [quiet:HH:MM-HH:MM] | /alerts off',
  adminOnly: true,
  adminReason: 'it changes what this channel receives',
  answer: { private: false, slow: false },
  options: [
    { name: 'state', description: 'on or off', choices: ['on', 'off'], example: 'on' },
    { name: 'level', description: 'How many alerts: low (only the biggest), normal (default), high (more)', choices: alertLevels, example: 'normal' },
    { name: 'quiet', description: 'No alerts between these local times, HH:MM-HH:MM (the morning post\'s zone, else UTC)', example: '22:00-07:00' },
  ],
  parse: parseAlerts,
  run: runAlerts,
};
