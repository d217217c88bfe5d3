/** `GET /ready` (src/github/durable/readiness.ts): what a load balancer or Kubernetes sees. */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readinessHandler, type ReadinessOptions } from '../../src/github/durable/readiness.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(options: ReadinessOptions): Promise<(path?: string) => Promise<{ status: number; text: string }>> {
  const handler = readinessHandler(options);
  server = createServer((req, res) => void handler(req, res).then((handled) => handled || res.writeHead(404).end()));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return async (path = '/ready') => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, text: await response.text() };
  };
}

describe('the readiness endpoint', () => {
  it('is ready when GitHub answers, and asks GitHub once per period however often it is probed', async () => {
    let calls = 0;
    let clock = 0;
    const get = await serve({ isStopping: () => false, probe: async () => void calls++, ttlMs: 30_000, now: () => clock });
    expect(await get()).toEqual({ status: 200, text: 'ready' });
    expect(await get()).toEqual({ status: 200, text: 'ready' });
    expect(calls).toBe(1);
    clock = 30_000;
    await get();
    expect(calls).toBe(2);
  });

  it('is not ready when GitHub cannot be reached, and says why', async () => {
    const get = await serve({ isStopping: () => false, probe: async () => Promise.reject(new Error('connect ECONNREFUSED 140.82.112.6:443')) });
    expect(await get()).toEqual({ status: 503, text: 'cannot reach GitHub or the work store: connect ECONNREFUSED 140.82.112.6:443' });
  });

  it('is not ready while the App stops, whatever GitHub says', async () => {
    let stopping = false;
    const get = await serve({ isStopping: () => stopping, probe: async () => undefined });
    expect((await get()).status).toBe(200);
    stopping = true;
    expect(await get()).toEqual({ status: 503, text: 'stopping' });
  });

  it('answers only GET /ready', async () => {
    const get = await serve({ isStopping: () => false, probe: async () => undefined });
    expect((await get('/ping')).status).toBe(404);
  });
});
