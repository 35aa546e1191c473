import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

// The program's import graph, read from the sources themselves (no tool to install, about 50 ms): every
// static `import … from`, `export … from` and dynamic `import()` of every .ts file under the given roots,
// type-only imports included (a type shared both ways is still a circle a reader has to untangle).

export interface ImportGraph {
  /** Repository-relative file → the repository files it imports. */
  files: Map<string, string[]>;
  /** Repository-relative file → the packages it imports (`discord.js`, `node:fs`…). */
  packages: Map<string, string[]>;
}

const specifiers = [/\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];

/** Comments out of the way: a sentence saying "import x from 'y'" is not an import. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(root, path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

export function importGraph(root: string, dirs: readonly string[]): ImportGraph {
  const files = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of dirs.flatMap((dir) => sourceFiles(root, dir))) {
    const text = code(readFileSync(join(root, file), 'utf8'));
    const local = new Set<string>();
    const external = new Set<string>();
    for (const pattern of specifiers) {
      for (const [, spec] of text.matchAll(pattern)) {
        if (!spec!.startsWith('.')) {
          external.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
          continue;
        }
        const target = relative(root, join(root, dirname(file), spec!));
        const ts = target.replace(/\.js$/, '.ts');
        local.add(existsSync(join(root, ts)) ? ts : target);
      }
    }
    files.set(file, [...local].sort());
    packages.set(file, [...external].sort());
  }
  return { files, packages };
}

/** Every import circle, each as the files around it (Tarjan's strongly connected components). */
export function importCircles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const circles: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const to of graph.files.get(file) ?? []) {
      if (!graph.files.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(file, Math.min(low.get(file)!, index.get(to)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.files.get(file)!.includes(file)) circles.push(component.sort());
  };
  for (const file of graph.files.keys()) if (!index.has(file)) visit(file);
  return circles;
}
