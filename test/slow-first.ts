import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The order test files start in. Vitest starts the files that took longest last time first, from its cache;
// a fresh clone (CI) has no cache, and then it starts the largest files first, which are not the slow ones:
// the SIGKILL scenarios and the image test (one to two and a half minutes each) started near the end and
// held a worker long after the others had finished. These start first whatever the cache says.

/** The files that take a minute or more, slowest first (from a full run's timings; a path prefix each). */
const SLOW_FIRST = [
  'test/scenarios/crash.test.ts',
  'test/deploy/image-steps.test.ts',
  'test/scenarios/alert-exactly-once.test.ts',
  'test/cli/no-keys.test.ts',
  'test/adapters/discord/sharding.test.ts',
  'test/scenarios/report-build-takeover.test.ts',
];

export class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const at = SLOW_FIRST.indexOf(relative(file.project.config.root, file.moduleId));
      return at < 0 ? SLOW_FIRST.length : at;
    };
    // Array sort is stable: the rest keep the order vitest gave them.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
