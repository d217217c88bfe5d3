#!/usr/bin/env node
// Entry point for `npx stackguard`. The TypeScript sources are compiled to dist/ by `npm run build`,
// which `npm ci` runs through the `prepare` script.
import { main } from '../dist/cli/main.js';

// On Node.js 20 the AWS SDK warns in nine lines that SDK releases after January 2027 need Node.js 22. stackguard pins
// its SDK, so that is nothing a user of this version can act on (README: Node.js versions); the switch is the one
// the SDK documents (aws/aws-sdk-js-v3#7983). Set it to anything but "true" to see the warning.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `stackguard review --format json | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
