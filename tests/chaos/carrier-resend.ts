/**
 * A carrier's re-send of tracking events its webhook reported but no case took: the API answers
 * 503 `tracking_number_unknown` while the tracking number is not yet in visibility, and the carrier stops after its retries,
 * and the sandbox's webhook gives up after a few failed attempts while the cluster is down. Real
 * carriers re-send; the chaos run does it for a case waiting on a parcel event the carrier already
 * reported at least `afterMs` ago, and counts every re-send (a figure of the results).
 */
import type { ApiClient } from './api-client';
import type { CaseRun } from './driver';

/** The tracking event a case in this status waits for, by the kind of parcel. */
const AWAITED: Record<string, { parcel: string; event: 'picked_up' | 'delivered' }> = {
  awaiting_delivery: { parcel: 'reshipment', event: 'delivered' },
  awaiting_return_shipment: { parcel: 'return_pickup', event: 'picked_up' },
  awaiting_return_receipt: { parcel: 'return_pickup', event: 'delivered' },
};

interface Delivery {
  trackingNumber: string;
  event: string;
  delivered: boolean;
}

/** Why the carrier's first report was lost: its webhook gave up, or the API took it (202) but found no case. */
export type LossReason = 'webhook_gave_up' | 'api_found_no_case';

export class CarrierResend {
  /** caseId → when it was first seen waiting in its current status. */
  private waitingSince = new Map<string, { status: string; since: number }>();
  readonly resent: Array<{ caseId: string; trackingNumber: string; event: string; lost: LossReason }> = [];

  constructor(private readonly afterMs: number) {}

  /** Given the cases listed in a parcel-waiting status, re-sends what the carrier already reported long enough ago. */
  async pass(client: ApiClient, waiting: Array<{ caseId: string; status?: string }>, runs: Map<string, CaseRun>): Promise<void> {
    const now = Date.now();
    const due = waiting.filter((item) => {
      if (!runs.has(item.caseId) || !item.status || !AWAITED[item.status]) return false;
      const seen = this.waitingSince.get(item.caseId);
      if (!seen || seen.status !== item.status) {
        this.waitingSince.set(item.caseId, { status: item.status, since: now });
        return false;
      }
      return now - seen.since > this.afterMs;
    });
    if (due.length === 0) return;
    const reported = new Map<string, boolean>();
    for (const d of (await client.admin('GET', '/webhooks')).body.deliveries as Delivery[]) {
      const key = `${d.trackingNumber}/${d.event}`;
      reported.set(key, (reported.get(key) ?? false) || d.delivered);
    }
    for (const item of due) {
      const awaited = AWAITED[item.status!]!;
      const view = (await client.call(0, 'GET', `/v1/cases/${item.caseId}`, 'agent')).body as { status: string; shipments: Array<{ kind: string; trackingNumber: string }> };
      if (view.status !== item.status) continue;
      const parcel = view.shipments.find((s) => s.kind === awaited.parcel);
      const accepted = parcel && reported.get(`${parcel.trackingNumber}/${awaited.event}`);
      if (!parcel || accepted === undefined) continue;
      await client.admin('POST', `/carriers/shipments/${parcel.trackingNumber}/events`, { event: awaited.event });
      this.resent.push({ caseId: item.caseId, trackingNumber: parcel.trackingNumber, event: awaited.event, lost: accepted ? 'api_found_no_case' : 'webhook_gave_up' });
      this.waitingSince.set(item.caseId, { status: item.status!, since: Date.now() });
    }
  }
}
