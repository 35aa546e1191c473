import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// sqlite3's install script is `prebuild-install -r napi || node-gyp rebuild`: offline (no GitHub) it compiles
// SQLite from source, about 6 minutes of a busy 2-core machine, and the image test did it a second time after
// the project's own `npm ci` had done it (CI's .ci/run compiles it there, in the clean clone). prebuild-install
// takes a local prebuild first when `npm_config_sqlite3_local_prebuilds` names a directory holding the
// archive it would download: this packs the project's own compiled addon as that archive, so the image's
// `npm ci --omit=dev` runs as written, install script included, and unpacks it instead of compiling again.

export interface LocalPrebuild {
  /** For the RUN steps' environment. */
  env: Record<string, string>;
  /** The compiled addon that went into the archive. */
  addon: string;
}

export function packSqlite3Prebuild(repo: string, into: string): LocalPrebuild {
  const pkgDir = join(repo, 'node_modules', 'sqlite3');
  const addon = join(pkgDir, 'build', 'Release', 'node_sqlite3.node');
  if (!existsSync(addon)) throw new Error(`${addon} is missing: install the project first (npm ci), which builds sqlite3's addon`);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { name: string; version: string; binary: { napi_versions: number[] } };
  mkdirSync(into, { recursive: true });
  // The name prebuild-install asks for (its default template, glibc Linux); one per N-API version it may pick.
  for (const napi of pkg.binary.napi_versions) {
    const archive = join(into, `${pkg.name}-v${pkg.version}-napi-v${napi}-${process.platform}-${process.arch}.tar.gz`);
    execFileSync('tar', ['-czf', archive, '-C', pkgDir, 'build/Release/node_sqlite3.node']);
  }
  return { env: { npm_config_sqlite3_local_prebuilds: into }, addon };
}
