/**
 * `GET /ready`: whether a load balancer should send this App webhooks. Not ready while the App is stopping, or
 * when it cannot reach GitHub as the App (or its Redis). `/ping` (Probot's) stays the liveness check: a process
 * that cannot reach GitHub is not broken, and restarting it would not help.
 *
 * The GitHub check (`GET /app` with the App's JWT: it proves the network, GitHub and the private key) is cached
 * for `ttlMs`, so probes every few seconds cost GitHub one request per period.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ReadinessOptions {
  isStopping: () => boolean;
  /** Throws when a dependency (GitHub, the work store) cannot be reached. */
  probe: () => Promise<void>;
  ttlMs?: number;
  now?: () => number;
}

export function readinessHandler(options: ReadinessOptions) {
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; result: Promise<string | undefined> } | undefined;
  const check = () => {
    if (!cached || now() - cached.at >= ttlMs) {
      cached = {
        at: now(),
        result: options.probe().then(
          () => undefined,
          (error: unknown) => `cannot reach GitHub or the work store: ${error instanceof Error ? error.message : String(error)}`,
        ),
      };
    }
    return cached.result;
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/ready') return false;
    const problem = options.isStopping() ? 'stopping' : await check();
    res.writeHead(problem ? 503 : 200, { 'content-type': 'text/plain' }).end(problem ?? 'ready');
    return true;
  };
}
