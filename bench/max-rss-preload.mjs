// @ts-check
/**
 * Preloaded (`node --import`) into a measured child when GNU time is not available (macOS, Windows): at exit,
 * writes the process's peak resident set size in kilobytes (`process.resourceUsage().maxRSS`, the same
 * getrusage figure GNU time's %M reports) and its user and system CPU seconds (%U %S) to the file named by
 * BENCH_MAXRSS_FILE, in GNU time's `-f '%M %U %S'` format.
 */

import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_MAXRSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const seconds = (/** @type {number} */ microseconds) => (microseconds / 1e6).toFixed(2);
    writeFileSync(file, `${usage.maxRSS} ${seconds(usage.userCPUTime)} ${seconds(usage.systemCPUTime)}\n`);
  });
}
