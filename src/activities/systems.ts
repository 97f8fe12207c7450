/**
 * The external systems a case talks to, one adapter folder each. A merchant points each one at its
 * own base URL; the dev stack points them all at the sandbox, which mounts each under `/<system>`.
 * The names of the systems are shared with the sandbox: src/domain/systems.ts.
 */
import { SYSTEMS, type SystemName } from '../domain/systems';

export { SYSTEMS, type SystemName } from '../domain/systems';

/** Every system under one root, the way the sandbox serves them: `<root>/<system>`. */
export function sandboxBaseUrls(rootUrl: string): Record<SystemName, string> {
  const root = rootUrl.replace(/\/+$/, '');
  return Object.fromEntries(SYSTEMS.map((s) => [s, `${root}/${s}`])) as Record<SystemName, string>;
}

/**
 * Base URLs from the environment: `AFTERCASE_<SYSTEM>_URL` (e.g. AFTERCASE_PAYMENTS_URL) wins,
 * otherwise `<fallbackRoot>/<system>`. Throws naming the first system left without a URL.
 */
export function baseUrlsFromEnv(
  env: Record<string, string | undefined>,
  fallbackRoot?: string,
): Record<SystemName, string> {
  const fallback = fallbackRoot ? sandboxBaseUrls(fallbackRoot) : undefined;
  const urls = {} as Record<SystemName, string>;
  for (const system of SYSTEMS) {
    const url = env[`AFTERCASE_${system.toUpperCase()}_URL`] ?? fallback?.[system];
    if (!url) throw new Error(`No base URL for ${system}: set AFTERCASE_${system.toUpperCase()}_URL`);
    urls[system] = url.replace(/\/+$/, '');
  }
  return urls;
}
