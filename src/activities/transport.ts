/**
 * How an adapter's request reaches a system and its answer comes back: one exchange of text, with
 * one deadline over the whole of it. The default speaks node:http(s) over keep-alive sockets; a
 * `fetch` (tests, or a runtime's own) can stand in through fetchTransport.
 *
 * Why not the global fetch by default: every activity makes one call, and under load the worker
 * spent about 0.8 ms of CPU per call inside fetch (web streams, an AbortSignal timer, undici's
 * request objects) against a fraction of that for node:http (`npm run bench` profiles, 4 December).
 */
import http from 'node:http';
import https from 'node:https';

export interface OutgoingRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface IncomingAnswer {
  status: number;
  /** A response header, or null (names are case-insensitive). */
  header(name: string): string | null;
  /** The whole body as text ('' when there is none). */
  text: string;
}

/**
 * Why an exchange got no whole answer: nothing came in time (`no_answer`), the answer began but did
 * not finish (`stalled`: in time when there is no code, broken off when there is), or nobody was there.
 */
export class TransportError extends Error {
  constructor(
    readonly kind: 'no_answer' | 'stalled' | 'unreachable',
    /** The socket error's code (ECONNREFUSED, ECONNRESET, …) when there was one. */
    readonly code?: string,
  ) {
    super(kind === 'unreachable' ? `unreachable${code ? ` (${code})` : ''}` : kind);
    this.name = 'TransportError';
  }
}

/** Sends one request and reads its whole answer within `timeoutMs`, or throws a TransportError. */
export type Transport = (request: OutgoingRequest, timeoutMs: number) => Promise<IncomingAnswer>;

// Free sockets close after 4 s, before a Node server's default 5 s keep-alive timeout can close them under a request.
const HTTP = { lib: http, agent: new http.Agent({ keepAlive: true, timeout: 4_000 }) };
const HTTPS = { lib: https, agent: new https.Agent({ keepAlive: true, timeout: 4_000 }) };

/** One request and its whole answer over node:http(s), within `timeoutMs`. */
const exchange: Transport = (request, timeoutMs) =>
  new Promise<IncomingAnswer>((resolve, reject) => {
    const url = new URL(request.url);
    const { lib, agent } = url.protocol === 'https:' ? HTTPS : HTTP;
    let answered = false;
    let settled = false;
    const finish = (err: TransportError | undefined, answer?: IncomingAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(answer as IncomingAnswer);
    };
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
    const req = lib.request(url, { method: request.method, headers, agent }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        finish(undefined, {
          status: res.statusCode ?? 0,
          header: (name) => {
            const value = res.headers[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
          },
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', (err: NodeJS.ErrnoException) => finish(new TransportError('stalled', err.code)));
      res.on('close', () => {
        if (!res.complete) finish(new TransportError('stalled', 'ECONNRESET'));
      });
    });
    const timer = setTimeout(() => {
      finish(new TransportError(answered ? 'stalled' : 'no_answer'));
      req.destroy();
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish(answered ? new TransportError('stalled', err.code) : new TransportError('unreachable', err.code)));
    req.end(request.body);
  });

/** Redirects followed, as fetch follows them (it allows 20; a system that needs more is misconfigured). */
export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * node:http(s) with keep-alive: the default transport. Follows redirects as fetch did (303, and 301
 * or 302 after a POST, become a GET without a body; 307 and 308 repeat the request), all within
 * the one deadline. Past MAX_REDIRECTS the redirect itself is the answer.
 */
export const nodeTransport: Transport = async (request, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  let current = request;
  for (let hop = 0; ; hop++) {
    const answer = await exchange(current, Math.max(1, deadline - Date.now()));
    const location = answer.header('location');
    if (!REDIRECTS.has(answer.status) || location === null || hop >= MAX_REDIRECTS) return answer;
    const url = new URL(location, current.url).toString();
    const toGet = answer.status === 303 || ((answer.status === 301 || answer.status === 302) && current.method === 'POST');
    if (!toGet) {
      current = { ...current, url };
    } else {
      const { 'content-type': _type, ...headers } = current.headers;
      current = { method: 'GET', url, headers };
    }
  }
};

/** A `fetch` as a transport (the same deadline: its AbortSignal covers the answer's headers and body). */
export function fetchTransport(doFetch: typeof fetch): Transport {
  return async (request, timeoutMs) => {
    const signal = AbortSignal.timeout(timeoutMs);
    let res: Response;
    try {
      res = await doFetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
    } catch (err) {
      if (isAbort(err)) throw new TransportError('no_answer');
      const code = (err as { cause?: { code?: unknown } }).cause?.code;
      throw new TransportError('unreachable', typeof code === 'string' ? code : undefined);
    }
    try {
      return { status: res.status, header: (name) => res.headers.get(name), text: await res.text() };
    } catch (err) {
      // Past the deadline the answer stalled; otherwise it broke off.
      throw isAbort(err) ? new TransportError('stalled') : new TransportError('stalled', 'ECONNRESET');
    }
  };
}

/** By name, not instanceof: the DOMException of an aborted fetch may come from another realm. */
function isAbort(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}
