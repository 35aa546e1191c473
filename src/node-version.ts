// The oldest Node.js this program runs on, checked first thing by the bin (and declared in package.json's
// `engines`, which `npm install` enforces through .npmrc's engine-strict). 20.18.1: @slack/bolt's Socket Mode
// client (undici 7) declares it; the program's own newest need is process.loadEnvFile (20.12).
export const MINIMUM_NODE = '20.18.1';

/** One line naming both versions and what to do, or undefined when `running` is new enough. */
export function checkNodeVersion(running: string, minimum = MINIMUM_NODE): string | undefined {
  const have = running.split('.').map(Number);
  const need = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) > need[i]!) return undefined;
    if ((have[i] ?? 0) < need[i]!) {
      return `ai-trends needs Node.js ${minimum} or newer; this is ${running}. Install a current Node.js 20 or 22 LTS (https://nodejs.org, or nvm install 22), then run npm install again.`;
    }
  }
  return undefined;
}
