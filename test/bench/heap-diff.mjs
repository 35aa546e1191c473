// The V8 heap by what fills it, from heap snapshots (the fan-out bench writes them with BENCH_FANOUT_HEAP_DIR):
//   node test/bench/heap-diff.mjs heap-1.heapsnapshot               the largest kinds of object
//   node test/bench/heap-diff.mjs heap-1.heapsnapshot heap-2.heapsnapshot   what grew from the first to the second
// A kind is the node's type and name (a constructor's name for objects; strings and code each as one kind).
import { readFileSync } from 'node:fs';

function kinds(file) {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const byKind = new Map();
  let total = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]];
    const named = !/string|code|number/.test(type);
    const kind = `${type}${named ? `:${snapshot.strings[snapshot.nodes[i + nameAt]].slice(0, 60)}` : ''}`;
    const size = snapshot.nodes[i + sizeAt];
    total += size;
    const entry = byKind.get(kind) ?? { size: 0, count: 0 };
    entry.size += size;
    entry.count += 1;
    byKind.set(kind, entry);
  }
  return { byKind, total };
}

const KiB = (bytes) => (bytes / 1024).toFixed(0).padStart(8);
const [first, second] = process.argv.slice(2);
const a = kinds(first);
console.log(`${first}: ${(a.total / 1048576).toFixed(1)} MiB in objects`);
if (!second) {
  for (const [kind, e] of [...a.byKind].sort((x, y) => y[1].size - x[1].size).slice(0, 40)) console.log(`${KiB(e.size)} KiB ${String(e.count).padStart(8)}  ${kind}`);
} else {
  const b = kinds(second);
  console.log(`${second}: ${(b.total / 1048576).toFixed(1)} MiB in objects\n   grown KiB    count  then KiB  kind`);
  const grown = [...new Set([...a.byKind.keys(), ...b.byKind.keys()])].map((kind) => {
    const [x, y] = [a.byKind.get(kind) ?? { size: 0, count: 0 }, b.byKind.get(kind) ?? { size: 0, count: 0 }];
    return { kind, size: y.size - x.size, count: y.count - x.count, then: y.size };
  });
  for (const g of grown.sort((x, y) => y.size - x.size).slice(0, 40)) console.log(`${KiB(g.size)} KiB ${String(g.count).padStart(8)} ${KiB(g.then)}  ${g.kind}`);
}
