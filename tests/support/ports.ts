/** Loopback ports for tests that start their own servers. */
import net from 'node:net';

/** A TCP port free on the loopback interface right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * A free loopback port below Linux's ephemeral range (32768+), for a stack that is stopped and started
 * again on the same ports: an ephemeral port from freePort() can be taken meanwhile by any outgoing
 * connection on the machine (CI once lost a restarted API's port that way, EADDRINUSE).
 */
export async function freeStablePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  return freePort();
}

/**
 * `n` different ports from `pick`. A port is free when drawn but not held, so two draws can name
 * the same one (a stack once started its sandbox on its own Temporal port: EADDRINUSE).
 */
export async function distinctPorts(n: number, pick: () => Promise<number> = freeStablePort): Promise<number[]> {
  const ports = new Set<number>();
  for (let draws = 0; ports.size < n; draws++) {
    if (draws >= 20 * n) throw new Error(`no ${n} distinct free ports in ${draws} draws`);
    ports.add(await pick());
  }
  return [...ports];
}

/** Whether something accepts TCP connections on the loopback port now. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}
