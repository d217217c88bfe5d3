import { main, type CliIO } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output and no colour, as a CI job would see it. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), color: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export const SHOP_BASE = 'examples/shop/base.cdk.out';
export const SHOP_HEAD = 'examples/shop/head.cdk.out';
