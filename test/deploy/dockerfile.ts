import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, delimiter, join, relative } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

// The Dockerfile's steps without a container runtime: each stage gets a directory standing for its root
// (/), WORKDIR, ENV, COPY (from the build context, less .dockerignore, or --from an earlier stage) and the
// RUN steps that build the program are carried out there, in order. RUN steps that set up the operating
// system (apt-get, users, directories at absolute paths) are not: they are returned as `skipped`, for the
// test to name them, so that a new RUN line cannot slip by unnoticed.

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** FROM, WORKDIR, COPY, RUN… as written, grouped by stage; continuation lines joined, comments dropped. */
export function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    const instruction = { keyword: keyword!.toUpperCase(), args: args!.replace(/\s+/g, ' ').trim() };
    if (instruction.keyword === 'FROM') {
      const [from, as, name] = instruction.args.split(' ');
      stages.push({ from: from!, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      if (!stages.length) throw new Error(`Dockerfile: ${instruction.keyword} before the first FROM`);
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}

/** ENV in both forms: `ENV A=1 B=2` and `ENV A 1`. */
export function parseEnv(args: string): Record<string, string> {
  const pairs = [...args.matchAll(/(\w+)=("[^"]*"|\S*)/g)];
  if (!pairs.length) {
    const [key, ...value] = args.split(' ');
    return { [key!]: value.join(' ') };
  }
  return Object.fromEntries(pairs.map(([, k, v]) => [k!, v!.replace(/^"|"$/g, '')]));
}

/** A .dockerignore of plain paths and `*.ext` lines, as a filter on paths relative to the context. */
export function dockerignoreFilter(text: string): (path: string) => boolean {
  const patterns = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  for (const p of patterns) if (/[?[\]!]|\*.*\//.test(p) || (p.includes('*') && !/^\*\.\w+$/.test(p))) throw new Error(`.dockerignore: "${p}" is a pattern this test does not read (plain paths and *.ext only)`);
  return (path) =>
    !patterns.some((p) => (p.startsWith('*.') ? path.endsWith(p.slice(1)) : path === p || path.startsWith(`${p}/`)));
}

export interface StageResult {
  root: string;
  workdir: string;
  env: Record<string, string>;
  skipped: string[];
  final: Instruction[];
}

export interface RunOptions {
  context: string;
  /** Where the stage roots go (one directory per stage). */
  into: string;
  /** The environment every RUN step starts from (PATH, HOME, npm settings), before the stage's ENV. */
  baseEnv: Record<string, string>;
  isSystemStep: (command: string) => boolean;
  /** Told each RUN step carried out, with its duration (where the test's minutes go). */
  log?: (line: string) => void;
}

/** Runs every stage in order; returns each stage's root, WORKDIR, ENV, skipped RUN steps and the rest (CMD…). */
export async function runDockerfile(stages: Stage[], options: RunOptions): Promise<StageResult[]> {
  const allowed = dockerignoreFilter(existsSync(join(options.context, '.dockerignore')) ? readFileSync(join(options.context, '.dockerignore'), 'utf8') : '');
  const results: StageResult[] = [];
  for (const [index, stage] of stages.entries()) {
    const root = join(options.into, `stage-${index}${stage.name ? `-${stage.name}` : ''}`);
    mkdirSync(root, { recursive: true });
    const result: StageResult = { root, workdir: '/', env: {}, skipped: [], final: [] };
    const inRoot = (path: string) => join(root, path.startsWith('/') ? path : join(result.workdir, path));
    for (const { keyword, args } of stage.instructions) {
      if (keyword === 'WORKDIR') {
        result.workdir = args.startsWith('/') ? args : join(result.workdir, args);
        mkdirSync(inRoot('.'), { recursive: true });
      } else if (keyword === 'ENV') {
        Object.assign(result.env, parseEnv(args));
      } else if (keyword === 'COPY') {
        const words = args.split(' ');
        const flags = Object.fromEntries(words.filter((w) => w.startsWith('--')).map((w) => w.slice(2).split('=') as [string, string]));
        const paths = words.filter((w) => !w.startsWith('--'));
        const dest = paths.pop()!;
        const source = flags.from ? results[stages.findIndex((s) => s.name === flags.from)] : undefined;
        if (flags.from && !source) throw new Error(`COPY --from=${flags.from}: no earlier stage of that name`);
        for (const path of paths) {
          const from = source ? join(source.root, path) : join(options.context, path);
          const to = dest.endsWith('/') || paths.length > 1 ? join(inRoot(dest), basename(path)) : inRoot(dest);
          const filter = source ? undefined : (p: string) => allowed(relative(options.context, p)) || p === options.context;
          cpSync(from, to, { recursive: true, filter, verbatimSymlinks: true });
        }
      } else if (keyword === 'RUN') {
        if (options.isSystemStep(args)) {
          result.skipped.push(args);
          continue;
        }
        const env = { ...options.baseEnv, ...result.env, PATH: [result.env.PATH, options.baseEnv.PATH].filter(Boolean).join(delimiter) };
        const started = Date.now();
        await exec('/bin/sh', ['-c', args], { cwd: inRoot('.'), env, maxBuffer: 64 * 1024 * 1024 });
        options.log?.(`RUN ${args}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } else {
        result.final.push({ keyword, args });
      }
    }
    results.push(result);
  }
  return results;
}
