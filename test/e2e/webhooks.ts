import { createHmac } from 'node:crypto';

/** Delivers a webhook to the App's HTTP endpoint exactly as GitHub does: signed, with event and delivery headers. */
export async function sendWebhook(appUrl: string, secret: string, name: string, payload: object, delivery: string): Promise<{ status: number; ms: number }> {
  const body = JSON.stringify(payload);
  const started = Date.now();
  const response = await fetch(`${appUrl}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': name,
      'x-github-delivery': delivery,
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
    body,
  });
  await response.text();
  return { status: response.status, ms: Date.now() - started };
}

/** Polls until `check` returns something other than undefined. */
export async function eventually<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A free TCP port on 127.0.0.1 (Probot's server treats port 0 as "use 3000"). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
