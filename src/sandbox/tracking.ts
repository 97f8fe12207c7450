/**
 * Parcels and their tracking events. Carriers push each event to the webhook as
 * POST `${webhookUrl}/${carrier}` with body `{ trackingNumber, event, occurredAt }`, signed with
 * `X-Timestamp` and `X-Signature` (src/shared/webhook-signature.ts), signed afresh for each attempt. Failed deliveries are retried with backoff
 * and recorded; nothing here may throw into the sandbox.
 */
import type { Carrier } from '../domain/types';
import { signedHeaders } from '../shared/webhook-signature';
import { delay, nextSequence, type SandboxState, type TrackedParcel, type TrackingEvent, type WebhookDelivery } from './state';
import { touch } from './tracked';

const PREFIX: Record<Carrier, string> = { SF: 'SF', EMS: 'EM', JD: 'JDV', ZTO: '78' };

/** A fresh waybill number in the carrier's style, e.g. SF100000000001. */
export function nextTrackingNumber(state: SandboxState, carrier: Carrier): string {
  return `${PREFIX[carrier]}${100_000_000_000 + nextSequence(state, `waybill-${carrier}`)}${carrier === 'EMS' ? 'CN' : ''}`;
}

/** Registers a new parcel and, in auto-advance mode, schedules its journey. */
export function openParcel(state: SandboxState, parcel: Omit<TrackedParcel, 'events' | 'trackingNumber'>): TrackedParcel {
  const tracked: TrackedParcel = { ...parcel, trackingNumber: nextTrackingNumber(state, parcel.carrier), events: [] };
  state.parcels.set(tracked.trackingNumber, tracked);
  advanceOnItsOwn(state, tracked);
  return tracked;
}

/**
 * In auto-advance mode, moves a parcel through the rest of its journey (two events, a step apart),
 * from wherever its recorded events leave it: a sandbox restored after a restart resumes the
 * journeys its parcels were on, as a carrier's network does not stop while the merchant restarts.
 */
export function advanceOnItsOwn(state: SandboxState, parcel: TrackedParcel, resumed = false): void {
  const step = state.options.autoAdvanceMs;
  if (!step || step <= 0 || parcel.kind === 'original') return;
  const journey: TrackingEvent[] = parcel.kind === 'pickup' ? ['picked_up', 'delivered'] : ['in_transit', 'delivered'];
  const done = parcel.events.map((e) => e.event);
  if (done.some((e) => e === 'delivered' || e === 'lost')) return;
  const rest = journey.filter((e) => !done.includes(e));
  void (async () => {
    if (resumed && !(await webhookAnswers(state))) return;
    for (const event of rest) {
      if (!(await delay(state, step)) || cancelledPickup(state, parcel.trackingNumber)) return;
      await recordTrackingEvent(state, parcel.trackingNumber, event);
    }
  })();
}

/** Resumes the journeys of every parcel still under way (after a restore). */
export function resumeJourneys(state: SandboxState): void {
  for (const parcel of state.parcels.values()) advanceOnItsOwn(state, parcel, true);
}

/**
 * Waits (up to ten minutes) until the webhook endpoint answers at all, as a carrier holds its events
 * while the merchant's endpoint is down: after a restart the sandbox is up long before the API.
 */
async function webhookAnswers(state: SandboxState): Promise<boolean> {
  const url = state.options.webhookUrl;
  if (!url) return true;
  for (let tries = 0; tries < 600; tries++) {
    const answered = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(() => true, () => false);
    if (answered) return true;
    if (!(await delay(state, 1_000))) return false;
  }
  return false;
}

/** A cancelled door pickup's parcel never moves. */
function cancelledPickup(state: SandboxState, trackingNumber: string): boolean {
  return Object.values(state.pickups).some((p) => p.trackingNumber === trackingNumber && p.status === 'cancelled');
}

/**
 * How many webhook deliveries /admin/webhooks keeps, the newest: a log to look into, saved whole on
 * every change, so it must not grow with every parcel the sandbox ever moved.
 */
export const WEBHOOK_DELIVERIES_KEPT = 2_000;

/** Appends the event to the parcel and pushes it to the webhook (awaiting the retries). */
export async function recordTrackingEvent(state: SandboxState, trackingNumber: string, event: TrackingEvent): Promise<WebhookDelivery | undefined> {
  const parcel = state.parcels.get(trackingNumber);
  if (!parcel || state.disposed) return undefined;
  const occurredAt = new Date().toISOString();
  parcel.events.push({ event, occurredAt });
  touch(state.parcels, trackingNumber);
  try {
    return await pushWebhook(state, parcel, event, occurredAt);
  } catch {
    return undefined; // defensive: a webhook problem never takes the sandbox down
  }
}

async function pushWebhook(state: SandboxState, parcel: TrackedParcel, event: TrackingEvent, occurredAt: string): Promise<WebhookDelivery> {
  const { webhookUrl, webhookSecret, log = () => undefined } = state.options;
  const delivery: WebhookDelivery = { trackingNumber: parcel.trackingNumber, carrier: parcel.carrier, event, attempts: 0, delivered: false };
  state.webhookDeliveries.push(delivery);
  if (state.webhookDeliveries.length > WEBHOOK_DELIVERIES_KEPT) state.webhookDeliveries.splice(0, state.webhookDeliveries.length - WEBHOOK_DELIVERIES_KEPT);
  if (!webhookUrl) {
    delivery.skipped = 'no_webhook_url';
    return delivery;
  }
  const body = JSON.stringify({ trackingNumber: parcel.trackingNumber, event, occurredAt });
  const waits = state.options.webhookRetryDelaysMs ?? [200, 1000, 3000];
  for (let attempt = 0; attempt <= waits.length; attempt++) {
    delivery.attempts = attempt + 1;
    try {
      const headers = { 'content-type': 'application/json', ...(webhookSecret ? signedHeaders(webhookSecret, body) : {}) };
      const res = await fetch(`${webhookUrl.replace(/\/+$/, '')}/${parcel.carrier}`, { method: 'POST', headers, body, signal: AbortSignal.timeout(5_000) });
      delivery.lastStatus = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        delivery.delivered = true;
        return delivery;
      }
      if (res.status < 500 && res.status !== 408 && res.status !== 429) break; // refused: retrying won't help
    } catch {
      delivery.lastStatus = undefined; // network error or timeout: retry
    }
    const wait = waits[attempt];
    if (wait === undefined || state.disposed || !(await delay(state, wait))) break;
  }
  log('carrier webhook not delivered', { system: 'carriers', event, trackingNumber: parcel.trackingNumber, attempts: delivery.attempts });
  return delivery;
}
