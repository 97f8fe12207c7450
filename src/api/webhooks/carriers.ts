/**
 * `POST /v1/webhooks/carriers/{carrier}`: a carrier's tracking event, signed (src/shared/webhook-signature.ts),
 * checked against the parcel's carrier (./carrier-check.ts: another carrier's parcel is a 409
 * `carrier_mismatch`, nothing signalled), then delivered by src/cases/carrier-events.ts. A number no
 * case has yet is a 503 with `Retry-After` (visibility can lag seconds under load): carriers re-send
 * on 5xx, boundedly.
 */
import { z } from 'zod';
import { deliverCarrierEvent } from '../../cases/carrier-events';
import type { CaseDeps } from '../../cases/deps';
import { CARRIERS } from '../../domain/types';
import { WEBHOOK_TOLERANCE_SECONDS } from '../../shared/webhook-signature';
import { ApiError } from '../errors';
import { defineRoute, type AnyRoute } from '../route';
import { holdersFor } from './carrier-check';
import { mismatchDetail } from './parcel-carrier';

export const CarrierParamsSchema = z.strictObject({ carrier: z.enum(CARRIERS).meta({ description: 'The carrier sending the event.' }) });

export const CarrierEventSchema = z
    .object({
      trackingNumber: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{3,39}$/, 'a tracking number is 4–40 letters, digits or -'),
      event: z.enum(['picked_up', 'in_transit', 'delivered', 'exception', 'lost']),
      occurredAt: z.iso
        .datetime({ offset: true })
        // A case ignores an event older than the last one applied to the parcel: an instant in the
        // future would make it ignore every genuine event after it.
        .refine((at) => Number.isNaN(Date.parse(at)) || Date.parse(at) <= Date.now() + WEBHOOK_TOLERANCE_SECONDS * 1000, `occurredAt is in the future (more than ${WEBHOOK_TOLERANCE_SECONDS / 60} minutes ahead of this server)`)
        .meta({ description: `When the event happened; at most ${WEBHOOK_TOLERANCE_SECONDS / 60} minutes ahead of the server's clock.` }),
    })
    .meta({ id: 'CarrierEvent', description: 'A tracking event. Unknown extra fields are ignored.' });

export const WebhookReceiptSchema = z.object({ delivered: z.boolean().meta({ description: 'false: the case with this tracking number has closed; the event was dropped.' }) }).meta({ id: 'WebhookReceipt' });

export function carrierWebhookRoutes(deps: CaseDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/webhooks/carriers/{carrier}',
      operationId: 'receiveCarrierEvent',
      tag: 'webhooks',
      summary: 'A carrier tracking event',
      description:
        'Authenticated by `X-Signature`: the hex HMAC-SHA256, with the shared webhook secret, of `<X-Timestamp>.<exact body>`, ' +
        'where `X-Timestamp` is the Unix time of signing; refused (401) when it is more than 5 minutes away from now (no API key). ' +
        'The event goes to the open case whose parcel has the tracking number; an event posted under a carrier other than ' +
        "the parcel's is refused (409 `carrier_mismatch`) and delivered to no case. A number no case has yet is a 503 " +
        '`tracking_number_unknown` with `Retry-After`: re-send it.',
      auth: { kind: 'signature' },
      params: CarrierParamsSchema,
      body: CarrierEventSchema,
      responses: { 202: { description: 'Accepted; `delivered` says whether an open case received it (false: its case has closed).', schema: WebhookReceiptSchema } },
      problems: ['carrier_mismatch', 'tracking_number_unknown', 'temporal_unavailable'],
      async handle({ params, body }, ctx) {
        const { take, refuse } = await holdersFor(deps, body.trackingNumber, params.carrier);
        if (refuse !== undefined) {
          ctx.caseId = refuse.caseId;
          deps.log({ level: 'warn', msg: 'carrier_mismatch', requestId: ctx.requestId, caseId: refuse.caseId, postedBy: params.carrier, parcelCarrier: refuse.carrier });
          throw new ApiError('carrier_mismatch', mismatchDetail(body.trackingNumber, params.carrier));
        }
        const { delivered, caseId } = await deliverCarrierEvent(deps, { trackingNumber: body.trackingNumber, event: body.event, occurredAt: body.occurredAt }, take);
        if (caseId !== undefined) ctx.caseId = caseId;
        return { status: 202, body: { delivered } };
      },
    }),
  ];
}
