/**
 * Exports case histories from any Temporal cluster (configured the standard way: TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TLS variables or TEMPORAL_PROFILE) into JSON files in the
 * format `temporal workflow show --output json` writes, named afterSalesCase_<scenario>_v<n>.json.
 *
 *   npm run export-histories -- --case <caseId> --scenario <name> [--version 1] [--out dir]
 *   npm run export-histories -- --query 'CaseStatus = "closed" AND Region = "Northwest"' \
 *                               --scenario northwest [--limit 20] [--out dir]
 *
 * With --query each file is named <scenario>-<caseId>. Payloads are exported as stored, i.e.
 * encrypted (replay then needs the same keys: AFTERCASE_CODEC_KEYS or the data directory's
 * development keys); --decrypt writes them decrypted with those keys, for a local debugging session
 * only: decrypted histories hold what customers wrote and never go into tests/histories.
 */
import path from 'node:path';
import { launcherDataConverter } from '../src/codec';
import { transformHistoryPayloads } from '../src/codec/history';
import { loadConfig } from '../src/config';
import { HISTORIES_DIR, historyFileName, writeHistory } from '../tests/support/histories';
import { connectClient } from '../src/temporal/connection';
import { CASE_WORKFLOW_TYPE, caseIdFromWorkflowId, caseWorkflowId } from '../src/workflows/case/contract';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function usage(message: string): never {
  process.stderr.write(`export-histories: ${message}\n  --case <caseId> --scenario <name> | --query '<visibility query>' --scenario <prefix> [--limit N] [--version N] [--out dir] [--decrypt]\n`);
  process.exit(2);
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

async function main(): Promise<void> {
  const scenario = arg('scenario');
  const caseId = arg('case');
  const query = arg('query');
  const version = Number(arg('version') ?? 1);
  const limit = Number(arg('limit') ?? 20);
  const out = path.resolve(arg('out') ?? HISTORIES_DIR);
  if (!scenario) usage('--scenario is required');
  if (!caseId === !query) usage('give exactly one of --case or --query');

  const config = loadConfig();
  const codec = launcherDataConverter(config, config.AFTERCASE_DATA_DIR);
  const decrypt = process.argv.includes('--decrypt');
  const { client, connection, target } = await connectClient(config.temporal, {}, codec);
  try {
    const ids: string[] = [];
    if (caseId) ids.push(caseWorkflowId(caseId));
    else {
      for await (const wf of client.workflow.list({ query: `WorkflowType = "${CASE_WORKFLOW_TYPE}" AND (${query})` })) {
        ids.push(wf.workflowId);
        if (ids.length >= limit) break;
      }
      if (ids.length === 0) usage(`no case matches ${query}`);
    }
    process.stderr.write(`exporting ${ids.length} history(ies) from ${target.address}/${target.namespace} into ${out}\n`);
    for (const workflowId of ids) {
      const stored = await client.workflow.getHandle(workflowId).fetchHistory();
      const history = decrypt ? await transformHistoryPayloads(stored, (p) => codec.codec.decode(p)) : stored;
      const name = caseId ? slug(scenario) : slug(`${scenario}-${caseIdFromWorkflowId(workflowId) ?? workflowId}`);
      const file = writeHistory(out, historyFileName(CASE_WORKFLOW_TYPE, name, version), history);
      process.stderr.write(`  ${workflowId} → ${path.relative(process.cwd(), file)} (${history.events?.length ?? 0} events)\n`);
    }
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`export-histories: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
