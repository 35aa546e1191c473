import { existsSync, readFileSync } from 'node:fs';

/** The nearest package.json above this file: one level up from src/ (tsx), two from dist/src/ (compiled). */
function findPackageJson(from: URL): URL {
  for (let dir = new URL('.', from); ; dir = new URL('..', dir)) {
    const candidate = new URL('package.json', dir);
    if (existsSync(candidate)) return candidate;
    if (dir.pathname === '/') throw new Error(`no package.json above ${from.pathname}`);
  }
}

/** The package version, for the User-Agent Reddit asks for. */
export const version: string = (JSON.parse(readFileSync(findPackageJson(new URL(import.meta.url)), 'utf8')) as { version: string }).version;
