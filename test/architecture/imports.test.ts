import { describe, expect, it } from 'vitest';
import { importCircles, importGraph } from './import-graph.js';

// The rules of DESIGN.md that an import shows, checked on every run: no circles, no chat SDK in the core
// or the commands, and the lower layers never reaching up (a type wanted below moves below).

const repo = new URL('../../', import.meta.url).pathname;
const graph = importGraph(repo, ['src', 'commands', 'adapters']);

/** `from`'s imports that start with one of `forbidden`, as "from → to" lines. */
function reaching(from: (file: string) => boolean, forbidden: readonly string[], allowed: readonly string[] = []): string[] {
  return [...graph.files].flatMap(([file, targets]) =>
    from(file) ? targets.filter((to) => forbidden.some((f) => to.startsWith(f)) && !allowed.includes(to)).map((to) => `${file} → ${to}`) : [],
  );
}

const under = (...dirs: string[]) => (file: string) => dirs.some((dir) => file.startsWith(dir));

describe('the import graph', () => {
  it('is read from every source file', () => {
    expect(graph.files.size).toBeGreaterThan(150);
    expect(graph.files.get('src/main.ts')).toContain('src/store/store.ts');
  });

  it('has no circles', () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it('src/ and commands/ never import a chat SDK', () => {
    const sdk = [...graph.packages].filter(([file, packages]) => under('src/', 'commands/')(file) && packages.some((p) => p === 'discord.js' || p.startsWith('@slack/'))).map(([file]) => file);
    expect(sdk).toEqual([]);
  });

  it('only the wiring (main.ts, the CLI, a shard process) loads an adapter; commands never do; no adapter loads another', () => {
    const wiring = (file: string) => file === 'src/main.ts' || file === 'src/shard.ts' || file.startsWith('src/cli/');
    expect(reaching((file) => file.startsWith('src/') && !wiring(file), ['adapters/'])).toEqual([]);
    expect(reaching(under('commands/'), ['adapters/'])).toEqual([]);
    for (const platform of ['discord', 'slack', 'console']) {
      const others = ['discord', 'slack', 'console'].filter((p) => p !== platform).map((p) => `adapters/${p}/`);
      expect(reaching(under(`adapters/${platform}/`), others)).toEqual([]);
    }
  });

  it('the plain data (models) and the metrics hooks import nothing above them', () => {
    expect(reaching((file) => file === 'src/models.ts' || file.startsWith('src/models/'), ['src/', 'commands/', 'adapters/'], ['src/models.ts', 'src/models/analysis.ts', 'src/models/top-rank.ts', 'src/llm/usage.ts'])).toEqual([]);
    expect(reaching(under('src/metrics/'), ['src/', 'commands/', 'adapters/'], ['src/metrics/metrics.ts', 'src/metrics/bounded-label.ts', 'src/llm/usage.ts'])).toEqual([]);
  });

  it('the chat port knows no follow-up, schedule, store or command; the store no Reddit, report, analysis or follow-up', () => {
    expect(reaching(under('src/chat/'), ['src/followup/', 'src/schedule/', 'src/store/', 'commands/', 'adapters/'])).toEqual([]);
    expect(reaching(under('src/store/'), ['src/reddit/', 'src/report/', 'src/analysis/', 'src/followup/', 'src/schedule/', 'src/chat/', 'commands/'], ['src/chat/target.ts'])).toEqual([]);
  });
});
