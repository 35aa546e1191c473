import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/store.js';

// A real SQLite store in a fresh temp directory: what every test that touches the store uses, so no
// test shares a file with another (vitest runs files in parallel) or with a developer's ./data.

export function tempDir(prefix = 'ai-trends-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempSqliteUrl(prefix?: string): string {
  return `sqlite://${join(tempDir(prefix), 'store.sqlite')}`;
}

export function openTempStore(scope: 'live' | 'sample' = 'live', url = tempSqliteUrl()): Promise<Store> {
  return openStore(url, scope);
}
