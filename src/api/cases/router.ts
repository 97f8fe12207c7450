/** The case routes: open, read, list, and one route per action. */
import { actOnCase, applyKeyedAction } from '../../cases/acting';
import { claimActionKey } from '../../cases/action-keys';
import type { CaseDeps } from '../../cases/deps';
import { listCases } from '../../cases/listing';
import { openCase } from '../../cases/opening';
import { isStale, readCase, summarizeCase } from '../../cases/reading';
import { defineRoute, type AnyRoute } from '../route';
import { CASE_ACTIONS } from './actions';
import { CaseActionReplySchema, CaseListSchema, CaseOpenedSchema, CaseReadSchema, CaseSummarySchema, ExistingCaseSchema } from './responses';
import { CaseParamsSchema, IdempotencyKeySchema, ListCasesQuerySchema, OpenCaseRequestSchema, PreferHeaderSchema, prefersMinimal } from './schemas';

const idempotencyKeyHeader = (description: string) => ({ name: 'Idempotency-Key', description, schema: IdempotencyKeySchema });

function caseLinks(caseId: string): { self: string; actions: Record<string, string> } {
  const self = `/v1/cases/${encodeURIComponent(caseId)}`;
  return { self, actions: Object.fromEntries(CASE_ACTIONS.map(({ name }) => [name, `${self}/${name}`])) };
}

export function caseRoutes(deps: CaseDeps): AnyRoute[] {
  const open = defineRoute({
    method: 'post',
    path: '/v1/cases',
    operationId: 'openCase',
    tag: 'cases',
    summary: 'Open a case (idempotent)',
    description:
      'Opens an after-sales case: one Temporal workflow per case. Idempotent twice over: a repeated request with the same ' +
      '`Idempotency-Key` returns the case it opened (even once closed), and while an order has an open case of a type, ' +
      'opening it again for the same items returns the open one (200); a claim of other items is a 409 naming the open case. Concurrent identical requests open exactly one case. ' +
      'After a case closes, a new one for the same order and type may be opened.',
    auth: { kind: 'apiKey', permission: 'cases:open' },
    headers: [
      idempotencyKeyHeader(
        'Makes retries safe: the same key (per API key, remembered at least 24 h) returns the same case, even once closed. ' +
          'Reusing a key for a different request (another order, case type, items, description, …) is a 422 naming the case the key belongs to.',
      ),
    ],
    body: OpenCaseRequestSchema,
    responses: {
      201: { description: 'The case was opened.', schema: CaseOpenedSchema, headers: { Location: 'The URL of the new case.' } },
      200: { description: 'An earlier request opened this case, or the order already has an open case of this type.', schema: ExistingCaseSchema },
    },
    problems: ['idempotency_key_reused', 'case_conflict', 'temporal_unavailable'],
    async handle({ body, headers }, ctx) {
      const outcome = await openCase(deps, body, headers['idempotency-key'], ctx.credential ?? '');
      ctx.caseId = outcome.caseId;
      const links = caseLinks(outcome.caseId);
      if (outcome.created) return { status: 201, body: { caseId: outcome.caseId, links }, headers: { Location: links.self } };
      const current = await readCase(deps, outcome.caseId).catch(() => undefined);
      return { status: 200, body: { caseId: outcome.caseId, links, ...(current && !isStale(current) ? { case: current } : {}) } };
    },
  });

  const list = defineRoute({
    method: 'get',
    path: '/v1/cases',
    operationId: 'listCases',
    tag: 'cases',
    summary: 'List and filter cases',
    description:
      'Answered from Temporal visibility (the case search attributes), a page at a time, in its order: open cases first, ' +
      'the newest first, then closed cases, the last closed first. Visibility is ' +
      'eventually consistent: a change shows here within moments. Read a case for its full live view.',
    auth: { kind: 'apiKey', permission: 'cases:list' },
    query: ListCasesQuerySchema,
    responses: { 200: { description: 'One page of cases.', schema: CaseListSchema } },
    problems: ['temporal_unavailable'],
    handle: async ({ query }) => ({ status: 200, body: await listCases(deps, query) }),
  });

  const read = defineRoute({
    method: 'get',
    path: '/v1/cases/{id}',
    operationId: 'getCase',
    tag: 'cases',
    summary: 'Read a case',
    description:
      'The live view of the case (its `caseView` query); for a closed case, its final view. When no worker answers in time, ' +
      'the last view Temporal holds (its search attributes) marked `stale: true` with `asOf`, instead of an error.',
    auth: { kind: 'apiKey', permission: 'cases:read' },
    params: CaseParamsSchema,
    responses: { 200: { description: 'The case, or its last known view (`stale: true`).', schema: CaseReadSchema } },
    problems: ['case_not_found', 'temporal_unavailable'],
    handle: async ({ params }) => ({ status: 200, body: await readCase(deps, params.id) }),
  });

  const summary = defineRoute({
    method: 'get',
    path: '/v1/cases/{id}/summary',
    operationId: 'getCaseSummary',
    tag: 'cases',
    summary: "Read a case's summary (cheap to poll)",
    description:
      'The case as its list item shows it (status, assignee, priority, SLA, resolution, parcels), from the search attributes ' +
      'Temporal holds for it: every workflow task that changes the case updates them before it completes. No worker is asked, ' +
      'so it costs a fraction of a read and answers while no worker runs. Poll this to wait for a status; read the case for ' +
      'its timeline, evidence and decision.',
    auth: { kind: 'apiKey', permission: 'cases:read' },
    params: CaseParamsSchema,
    responses: { 200: { description: 'The case summary.', schema: CaseSummarySchema } },
    problems: ['case_not_found', 'temporal_unavailable'],
    handle: async ({ params }) => ({ status: 200, body: await summarizeCase(deps, params.id) }),
  });

  const actions = CASE_ACTIONS.map((action) =>
    defineRoute({
      method: 'post',
      path: `/v1/cases/{id}/${action.name}`,
      operationId: action.operationId,
      tag: 'case actions',
      summary: action.summary,
      description:
        'Sent to the case as a Temporal update; answers with the case view after the action (a query of the case). ' +
        'With `Prefer: return=minimal` it answers only the case\'s status after the action (`CaseActionResult`, with ' +
        '`Preference-Applied: return=minimal`) and saves that query: for callers that act and then poll the summary. ' +
        'The case refuses actions its state does not allow (409 with the reason).',
      auth: { kind: 'apiKey', permission: action.permission },
      params: CaseParamsSchema,
      headers: [
        idempotencyKeyHeader(
          'Makes retries safe: the same key (per API key, remembered at least 24 h) with the same action, case and body is applied once ' +
            'and answers the same. Reusing a key for a different request (another body, action or case, or an opening) is a 422 naming ' +
            'the action and case the key belongs to.',
        ),
        { name: 'Prefer', description: '`return=minimal`: answer only the status after the action (RFC 7240); other preferences are ignored.', schema: PreferHeaderSchema },
      ],
      body: action.body,
      responses: {
        200: {
          description: 'The case after the action: its view, or with `Prefer: return=minimal` its status.',
          schema: CaseActionReplySchema,
          headers: { 'Preference-Applied': '`return=minimal` when the minimal answer was sent.' },
        },
      },
      problems: ['idempotency_key_reused', 'case_not_found', 'case_conflict', 'case_closed', 'case_not_answering', 'temporal_unavailable'],
      handle: async ({ params, body, headers }, ctx) => {
        // A key is claimed for this request; the same request again gets the recorded answer, or the same update id.
        const key = headers['idempotency-key'];
        const claim = key === undefined ? undefined : await claimActionKey(deps, ctx.credential ?? '', key, { caseId: params.id, action: action.name, body });
        const args = [deps, params.id, action.update, action.toArgument(body, ctx.role), claim] as const;
        if (prefersMinimal(headers.prefer)) return { status: 200, body: await applyKeyedAction(...args), headers: { 'Preference-Applied': 'return=minimal' } };
        return { status: 200, body: await actOnCase(...args) };
      },
    }),
  );

  return [open, list, read, summary, ...actions];
}
