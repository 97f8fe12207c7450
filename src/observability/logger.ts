/**
 * One log format: JSON lines through pino (`{"level":"info","time":"<ISO>","msg":…}`), pretty
 * (pino-pretty) when writing to a terminal, e.g. `npm start` in a shell. A redaction list enforces
 * the no-personal-data rule on fields, at any depth up to three levels: what customers wrote, their
 * photos and links, agents' notes, names, phones and addresses, the customer's reference and message
 * parameters are replaced by "[redacted]" if a caller ever passes them. (Free text inside `msg` cannot be redacted: never put any there.)
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { earlySetting } from '../config';

/** Field names that hold personal data wherever they appear. */
export const REDACTED_FIELDS = ['description', 'photos', 'url', 'notes', 'note', 'comment', 'name', 'phone', 'address', 'evidence', 'text', 'customerRef', 'params'] as const;

/** pino redact paths: each field at the top level and one or two levels down. */
export const REDACT_PATHS = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export interface LoggerOptions {
  /** Default: pretty when stdout is a terminal. */
  pretty?: boolean;
  level?: string;
  /** Default stdout (stderr with `stderr: true`). */
  destination?: DestinationStream;
  /** Write to stderr: for the line a failing process ends with. */
  stderr?: boolean;
  /** Bound to every line, e.g. `{ component: 'api' }`. */
  base?: Record<string, string>;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const usePretty = opts.pretty ?? process.stdout.isTTY === true;
  const options = {
    level: opts.level ?? earlySetting('AFTERCASE_LOG_LEVEL') ?? 'info',
    base: opts.base ?? {},
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  const fd = opts.stderr ? 2 : 1;
  if (usePretty) return pino(options, pretty({ destination: opts.destination ?? fd, colorize: process.stdout.isTTY === true, sync: true, translateTime: 'SYS:HH:MM:ss.l' }));
  return pino(options, opts.destination ?? pino.destination({ dest: fd, sync: true }));
}

/** The process's logger, created on first use. */
let root: Logger | undefined;
export function rootLogger(): Logger {
  return (root ??= createLogger());
}

/** Makes `logger` the process's logger (before anything logs), e.g. a test capturing the lines. */
export function useRootLogger(logger: Logger): void {
  root = logger;
}

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
const LEVELS: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** The API's `(entry) => void` log function (src/api/request-context.ts) on a pino logger. */
export function entryLogger(logger: Logger): (entry: object) => void {
  return (entry) => {
    const { level, msg, ...fields } = entry as { level?: string; msg?: string };
    const at: Level = typeof level === 'string' && LEVELS.includes(level) ? (level as Level) : 'info';
    logger[at](fields, msg);
  };
}

/**
 * A `(msg, fields) => void` log function on the process's logger, bound to a component: how parts
 * that take a plain log function (the sandbox, the launcher) write the one JSON-lines format.
 */
export function componentLog(component: string, base: () => Logger = rootLogger): (msg: string, fields?: object) => void {
  let logger: Logger | undefined;
  return (msg, fields = {}) => (logger ??= base().child({ component })).info(fields, msg);
}
