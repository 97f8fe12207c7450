/**
 * The carrier webhook's check, before anything is signalled: which cases hold the tracking number
 * (one visibility lookup, waiting out its lag; the delivery, src/cases/carrier-events.ts, signals the
 * cases it chose), and whether each open one's parcel is known to be another carrier's
 * (./parcel-carrier.ts).
 *
 * The search attributes answer without a worker and settle a case whose only parcel is its
 * reshipment. Any other open case (a return pickup, or two parcels) is asked for its view, briefly;
 * when no worker answers, the event goes through unchecked (logged `carrier_unchecked`): refusing
 * it instead would end the carrier's retries, or outlast them, and lose a genuine event.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { within, type CaseDeps } from '../../cases/deps';
import { CaseError } from '../../cases/errors';
import { listCases, type CaseSummary } from '../../cases/listing';
import { caseViewQuery, caseWorkflowId } from '../../workflows/case/contract';
import { carrierOfParcel, judgeHolders, type JudgedHolder, type ParcelHolder } from './parcel-carrier';

/** The longest wait for a worker to answer a case's view: carriers give up on a webhook after about 5 s. */
const VIEW_QUERY_MS = 1_500;

/** The cases (open or closed) holding the number; `tracking_number_unknown` when visibility has none after its lag. */
async function holdersOf(deps: CaseDeps, trackingNumber: string): Promise<CaseSummary[]> {
  for (const delay of deps.timeouts.webhookLookupDelaysMs) {
    if (delay > 0) await sleep(delay);
    const { items } = await listCases(deps, { trackingNumber, pageSize: 10 });
    if (items.length > 0) return items;
  }
  throw new CaseError('tracking_number_unknown', `no case has tracking number ${trackingNumber} yet`);
}

/** An open case's parcels from its view, when a worker answers in time. */
async function withParcels(deps: CaseDeps, summary: CaseSummary): Promise<ParcelHolder> {
  try {
    const view = await within(deps, Math.min(VIEW_QUERY_MS, deps.timeouts.queryMs), () =>
      deps.client.workflow.getHandle(caseWorkflowId(summary.caseId)).query(caseViewQuery),
    );
    return { ...summary, shipments: view.shipments };
  } catch (err) {
    deps.log({ level: 'warn', msg: 'carrier_unchecked', caseId: summary.caseId, error: err instanceof Error ? err.name : 'unknown' });
    return summary;
  }
}

/**
 * The cases holding the number (one visibility lookup, shared with the delivery) judged against the
 * carrier that posted: which open cases take the event, or the refusal (./parcel-carrier.ts). Only
 * open cases are asked for their view; a closed case takes nothing and refuses nothing.
 */
export async function holdersFor(deps: CaseDeps, trackingNumber: string, postedBy: string): Promise<{ take: string[]; refuse?: { caseId: string; carrier: string } }> {
  const judged: JudgedHolder[] = [];
  for (const summary of await holdersOf(deps, trackingNumber)) {
    const running = summary.execution === 'RUNNING';
    const carrier = running ? (carrierOfParcel(trackingNumber, summary) ?? carrierOfParcel(trackingNumber, await withParcels(deps, summary))) : undefined;
    judged.push({ caseId: summary.caseId, running, ...(carrier !== undefined && { carrier }) });
  }
  return judgeHolders(judged, postedBy);
}
