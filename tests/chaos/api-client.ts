/**
 * The chaos run's HTTP client for the API processes (development keys) and the sandbox's admin API.
 * Like any well-behaved backend service, it retries what an outage answers (connection refused,
 * 5xx) with the same Idempotency-Key, and takes every other answer as final.
 */
import { DEVELOPMENT_API_KEYS } from '../../src/api-keys';

export type Role = keyof typeof DEVELOPMENT_API_KEYS;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers each caller reads its own way
export type Answer = { status: number; body: any };

export class ApiClient {
  /** Calls answered 5xx or not at all, retried. */
  retries = 0;

  constructor(
    readonly apiUrls: string[],
    readonly sandboxUrl: string,
  ) {}

  /** One call to API process `api % n`, retried while the stack is disrupted (up to `retryMs`). */
  async call(api: number, method: 'GET' | 'POST', path: string, role: Role, body?: unknown, headers: Record<string, string> = {}, retryMs = 180_000): Promise<Answer> {
    const url = `${this.apiUrls[api % this.apiUrls.length]}${path}`;
    const init: RequestInit = {
      method,
      headers: { authorization: `Bearer ${DEVELOPMENT_API_KEYS[role]}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    };
    return withRetry(`${method} ${path}`, retryMs, async () => {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
      const text = await res.text();
      const answer = { status: res.status, body: text ? JSON.parse(text) : undefined };
      if (res.status >= 500) throw new Error(`${res.status} ${text.slice(0, 200)}`);
      return answer;
    }, () => this.retries++);
  }

  /** The sandbox admin API (never subject to injected faults). */
  async admin(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Answer> {
    const res = await fetch(`${this.sandboxUrl}/admin${path}`, {
      method,
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`sandbox ${method} /admin${path}: ${res.status} ${text.slice(0, 300)}`);
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
}

/** Runs `attempt` until it resolves, backing off 0.5 s → 5 s, for at most `retryMs`. */
export async function withRetry<T>(what: string, retryMs: number, attempt: () => Promise<T>, onRetry: () => void = () => undefined): Promise<T> {
  const deadline = Date.now() + retryMs;
  for (let wait = 500; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() + wait > deadline) throw new Error(`${what}: still failing after ${retryMs} ms: ${(err as Error).message}`);
      onRetry();
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
