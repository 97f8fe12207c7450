/**
 * `POST /v1/webhooks/carriers/{carrier}`: a carrier's tracking event, signed (`X-Timestamp`,
 * `X-Signature`; src/shared/webhook-signature.ts). The case owning the tracking number is found
 * through visibility (`TrackingNumbers`), retried briefly as visibility lags, and gets the
 * `carrierEvent` signal. Visibility can lag seconds under load, so a number no case has yet is
 * answered 503 `tracking_number_unknown` with `Retry-After`: carriers re-send on 5xx (boundedly)
 * instead of the event being dropped. A number whose case has closed is answered 202
 * `{ delivered: false }`: nothing waits for it.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { CARRIERS } from '../../domain/types';
import { caseIdFromWorkflowId, carrierEventSignal, type CarrierEvent } from '../../workflows/case/contract';
import { visibilityQuery } from '../cases/list-query';
import { within, type CaseDeps } from '../deps';
import { ApiError } from '../errors';
import { defineRoute, type AnyRoute } from '../route';

const RUNNING = temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;

export const CarrierParamsSchema = z.strictObject({ carrier: z.enum(CARRIERS).meta({ description: 'The carrier sending the event.' }) });

export const CarrierEventSchema = z
    .object({
      trackingNumber: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{3,39}$/, 'a tracking number is 4–40 letters, digits or -'),
      event: z.enum(['picked_up', 'in_transit', 'delivered', 'exception', 'lost']),
      occurredAt: z.iso.datetime({ offset: true }),
    })
    .meta({ id: 'CarrierEvent', description: 'A tracking event. Unknown extra fields are ignored.' });

export const WebhookReceiptSchema = z.object({ delivered: z.boolean().meta({ description: 'false: the case with this tracking number has closed; the event was dropped.' }) }).meta({ id: 'WebhookReceipt' });

/** The cases (open or closed) that own a tracking number, waiting briefly for visibility to catch up. */
async function casesTracking(deps: CaseDeps, trackingNumber: string): Promise<Array<{ workflowId: string; running: boolean }>> {
  const query = visibilityQuery({ trackingNumber });
  for (const delay of deps.timeouts.webhookLookupDelaysMs) {
    if (delay > 0) await sleep(delay);
    const page = await within(deps, deps.timeouts.listMs, () =>
      deps.client.workflowService.listWorkflowExecutions({ namespace: deps.namespace, query, pageSize: 10 }),
    );
    const cases = page.executions
      .map((e) => ({ workflowId: e.execution?.workflowId ?? '', running: e.status === RUNNING }))
      .filter((c) => caseIdFromWorkflowId(c.workflowId) !== undefined);
    if (cases.length > 0) return cases;
  }
  return [];
}

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
        'The event goes to the open case whose parcel has the tracking number.',
      auth: { kind: 'signature' },
      params: CarrierParamsSchema,
      body: CarrierEventSchema,
      responses: { 202: { description: 'Accepted; `delivered` says whether an open case received it (false: its case has closed).', schema: WebhookReceiptSchema } },
      problems: ['tracking_number_unknown', 'temporal_unavailable'],
      async handle({ body }, ctx) {
        const event: CarrierEvent = { trackingNumber: body.trackingNumber, event: body.event, occurredAt: body.occurredAt };
        const cases = await casesTracking(deps, event.trackingNumber);
        if (cases.length === 0) throw new ApiError('tracking_number_unknown', `no case has tracking number ${event.trackingNumber} yet`);
        let delivered = false;
        for (const { workflowId } of cases.filter((c) => c.running)) {
          try {
            await within(deps, deps.timeouts.queryMs, () => deps.client.workflow.getHandle(workflowId).signal(carrierEventSignal, event));
            ctx.caseId = caseIdFromWorkflowId(workflowId) ?? workflowId;
            delivered = true;
          } catch (err) {
            if (!(err instanceof WorkflowNotFoundError)) throw err; // closed since the lookup: nothing to tell
          }
        }
        return { status: 202, body: { delivered } };
      },
    }),
  ];
}
