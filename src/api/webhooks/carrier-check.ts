/**
 * The carrier webhook's check, before anything is signalled: which case holds the tracking number
 * (visibility, waiting out its lag like the delivery in src/cases/carrier-events.ts), and whether
 * its parcel is known to be another carrier's (./parcel-carrier.ts).
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
import { carrierOfParcel, type ParcelHolder } from './parcel-carrier';

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
  if (summary.execution !== 'RUNNING') return summary; // closed: the delivery signals nothing to it
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

/** The first case whose parcel with this number is known to be with a carrier other than `postedBy`, if any. */
export async function parcelOfAnotherCarrier(deps: CaseDeps, trackingNumber: string, postedBy: string): Promise<{ caseId: string; carrier: string } | undefined> {
  for (const summary of await holdersOf(deps, trackingNumber)) {
    const known = carrierOfParcel(trackingNumber, summary);
    const carrier = known ?? carrierOfParcel(trackingNumber, await withParcels(deps, summary));
    if (carrier !== undefined && carrier !== postedBy) return { caseId: summary.caseId, carrier };
  }
  return undefined;
}
