import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Synthesizing a CDK app and loading the service spec take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // GitHub's action.yml parser imports its JSON schemas without import attributes: let Vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
