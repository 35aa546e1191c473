import { readFileSync } from 'node:fs';

/** The package version, for the User-Agent Reddit asks for. */
export const version: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
