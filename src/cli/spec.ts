import { parseArgs } from 'node:util';
import { closeMatches, didYouMean } from '../text/suggest.js';
import { UsageError } from './args.js';

// What a command of the `ai-trends` CLI is, as data: its name, one line saying what it does, its
// arguments and options each with one line of their own. The usage line, `--help` and the suggestions
// for a mistyped option all come from it, so they cannot drift from what the parser accepts.

export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  /** What the value looks like in the usage line (`ISO`, `FILE`, `markdown|json`); string options only. */
  value?: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  /** One line: what the command does. */
  summary: string;
  /** Positional arguments as the usage line shows them (`"question"`). */
  args?: string;
  options: readonly OptionSpec[];
  /** A few lines after the options: defaults, what it reads, examples. */
  notes?: readonly string[];
}

/** The parsed values of a spec declared `as const`: a string or undefined per string option, a boolean per flag. */
export type OptionValues<S extends CommandSpec> = {
  [O in S['options'][number] as O['name']]: O['type'] extends 'boolean' ? boolean : string | undefined;
};

/** Every command takes these; `runCli` answers them before the command runs. */
const helpOption: OptionSpec = { name: 'help', type: 'boolean', description: 'show this help and exit' };

export function usageLine(spec: CommandSpec): string {
  const options = spec.options.map((o) => (o.type === 'string' ? `[--${o.name} ${o.value ?? 'VALUE'}]` : `[--${o.name}]`));
  return ['ai-trends', spec.name, ...(spec.args ? [spec.args] : []), ...options].join(' ');
}

/** `ai-trends <command> --help`: usage, the summary, each option with its line, then the notes. */
export function commandHelp(spec: CommandSpec): string {
  const rows = [...spec.options, helpOption].map((o) => [`--${o.name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`, o.description] as const);
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = [
    `Usage: ${usageLine(spec)}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...rows.map(([left, description]) => `  ${left.padEnd(width)}  ${description}`),
    ...(spec.notes && spec.notes.length > 0 ? ['', ...spec.notes] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Parses `args` against the spec: one line for every mistake, naming the closest option for a typo
 * (`--fromat` → `--format`), and the usage.
 */
export function parseCommand<S extends CommandSpec>(spec: S, args: string[]): { values: OptionValues<S>; positionals: string[] } {
  const options = Object.fromEntries(spec.options.map((o) => [o.name, { type: o.type }])) as Record<string, { type: 'string' | 'boolean' }>;
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    const typed = Object.fromEntries(spec.options.map((o) => [o.name, o.type === 'boolean' ? values[o.name] === true : values[o.name]]));
    return { values: typed as OptionValues<S>, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '(-{1,2})([^']*)'/.exec(message);
    if (unknown) {
      const hint = didYouMean(closeMatches(unknown[2]!, spec.options.map((o) => o.name)).map((name) => `--${name}`));
      throw new UsageError(`unknown option '${unknown[1]}${unknown[2]}'.${hint} Usage: ${usageLine(spec)} (ai-trends ${spec.name} --help)`);
    }
    throw new UsageError(`${message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.$/, '')}. Usage: ${usageLine(spec)}`);
  }
}

/** Refuses positional arguments a command does not take, naming the first. */
export function noPositionals(spec: CommandSpec, positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}". Usage: ${usageLine(spec)} (ai-trends ${spec.name} --help)`);
}
