/**
 * A PostgreSQL cluster of the production topology, from the server binaries of the machine (the
 * Debian `postgresql` package: /usr/lib/postgresql/<major>/bin), its data in the stack's data folder,
 * listening on loopback TCP only (no Unix socket), password auth. PostgreSQL refuses to run as
 * root, so as root its programs run as the `postgres` user (runuser) and its folders belong to it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { earlySetting, inheritedEnvironment } from '../../config';

export interface PostgresOptions {
  dataDir: string;
  host: string;
  port: number;
  user: string;
  password: string;
}

const INSTALL_HINT =
  'PostgreSQL server binaries (initdb, pg_ctl) not found: install them with `sudo apt-get install postgresql` ' +
  '(Debian/Ubuntu; the service it enables is not used), or set AFTERCASE_PG_BIN to the folder holding initdb and pg_ctl.';

/** The folder with initdb/pg_ctl/psql: $AFTERCASE_PG_BIN → the newest /usr/lib/postgresql/<n>/bin → PATH. */
export function findPostgresBin(pgBin: string | undefined = earlySetting('AFTERCASE_PG_BIN'), searchPath: string | undefined = inheritedEnvironment().PATH): string {
  const has = (dir: string) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'));
  if (pgBin) {
    if (!has(pgBin)) throw new Error(`AFTERCASE_PG_BIN=${pgBin} holds no initdb and pg_ctl`);
    return pgBin;
  }
  const debian = '/usr/lib/postgresql';
  const majors = fs.existsSync(debian) ? fs.readdirSync(debian).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) if (has(path.join(debian, major, 'bin'))) return path.join(debian, major, 'bin');
  for (const dir of (searchPath ?? '').split(path.delimiter)) if (dir && has(dir)) return dir;
  throw new Error(INSTALL_HINT);
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * As root, the postgres user must be able to traverse every folder above the data folder; a clone
 * under /root (mode 700) is not. Not root: always reachable.
 */
function reachableByPostgres(dataDir: string): boolean {
  if (!asRoot) return true;
  let dir = path.dirname(dataDir);
  while (!fs.existsSync(dir)) dir = path.dirname(dir);
  return spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir]).status === 0;
}

export class Postgres {
  readonly logFile: string;
  /** opts.dataDir, or (as root, when the postgres user cannot reach it) a folder under the system's temp dir. */
  readonly dataDir: string;

  constructor(
    readonly bin: string,
    readonly opts: PostgresOptions,
  ) {
    this.dataDir = reachableByPostgres(opts.dataDir)
      ? opts.dataDir
      : path.join(os.tmpdir(), 'aftercase-postgres', createHash('sha256').update(opts.dataDir).digest('hex').slice(0, 12), 'postgres');
    this.logFile = path.join(path.dirname(this.dataDir), 'postgres-log', 'postgres.log');
  }

  /** Runs a server program, as the `postgres` user when we are root. */
  private run(program: string, args: string[], ownSession = false): string {
    const exe = path.join(this.bin, program);
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    // setsid: the server gets its own session, so the terminal's Ctrl-C reaches only the stack, which stops it last.
    const res = ownSession ? spawnSync('setsid', [cmd, ...argv], { encoding: 'utf8' }) : spawnSync(cmd, argv, { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (exit ${res.status}): ${(res.stderr || res.stdout).trim()}`);
    return res.stdout;
  }

  private own(dir: string): void {
    // Only the folder itself is private: its parents must stay traversable by the postgres user.
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  }

  get initialised(): boolean {
    return fs.existsSync(path.join(this.dataDir, 'PG_VERSION'));
  }

  /** Creates the cluster once (superuser = opts.user), with its settings in postgresql.conf. */
  init(): boolean {
    this.own(path.dirname(this.logFile));
    if (this.initialised) return false;
    this.own(this.dataDir);
    const pwFile = path.join(path.dirname(this.logFile), '.pw');
    fs.writeFileSync(pwFile, `${this.opts.password}\n`, { mode: 0o600 });
    if (asRoot) execFileSync('chown', ['postgres:postgres', pwFile]);
    try {
      this.run('initdb', ['-D', this.dataDir, '-U', this.opts.user, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C']);
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
    fs.appendFileSync(
      path.join(this.dataDir, 'postgresql.conf'),
      [
        '',
        '# aftercase production topology (src/temporal/prod/postgres.ts)',
        `listen_addresses = '${this.opts.host}'`,
        `port = ${this.opts.port}`,
        "unix_socket_directories = ''",
        // Four Temporal services with two connection pools each, plus psql.
        'max_connections = 200',
        '',
      ].join('\n'),
    );
    return true;
  }

  get running(): boolean {
    const exe = path.join(this.bin, 'pg_ctl');
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', exe, 'status', '-D', this.dataDir]] : [exe, ['status', '-D', this.dataDir]];
    return spawnSync(cmd, argv).status === 0;
  }

  /** Starts the server and waits until it accepts connections. */
  start(): void {
    if (this.running) return;
    this.run('pg_ctl', ['start', '-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60'], true);
  }

  /** Fast shutdown (rolls back open transactions, closes connections), waiting for it. */
  stop(): void {
    if (!this.running) return;
    this.run('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'fast', '-w', '-t', '60']);
  }

  /** Runs SQL with psql over TCP; returns the rows as tab-separated lines. */
  query(database: string, sql: string): string[] {
    const out = execFileSync(
      path.join(this.bin, 'psql'),
      ['-h', this.opts.host, '-p', String(this.opts.port), '-U', this.opts.user, '-d', database, '-AtX', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql],
      { encoding: 'utf8', env: { ...inheritedEnvironment(), PGPASSWORD: this.opts.password } },
    );
    return out.split('\n').filter((l) => l.length > 0);
  }
}
