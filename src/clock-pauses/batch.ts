/**
 * Temporal batch signal operations for the platform-wide pause (issue 9): start a job that signals
 * every workflow a visibility query matches, describe it, wait a bounded time for it. The signal's
 * input is encoded with the client's data converter and its payload codecs (the payloads are
 * encrypted: the batcher passes them through as they are). Starting a job id that exists describes
 * that job instead (a repeat is harmless); a server that refuses batch operations is told apart
 * (`batchRefused`) so the caller can fall back to signalling case by case.
 */
import { isGrpcServiceError, type Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { within, type CaseDeps } from '../cases/deps';
import { CaseError } from '../cases/errors';

const State = temporal.api.enums.v1.BatchOperationState;

/** gRPC status codes: a server without the batcher, or with it disabled or busy; NOT_FOUND also for a registry run past retention (./registry-history.ts). */
export const GRPC = { NOT_FOUND: 5, ALREADY_EXISTS: 6, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, UNIMPLEMENTED: 12 } as const;

export type BatchState = 'running' | 'completed' | 'failed' | 'unknown';

/** A batch job as the API reports it. */
export interface BatchJob {
  jobId: string;
  state: BatchState;
  /** Workflows the job's query matched (the server's estimate until it completes). */
  total: number;
  /** Workflows signalled. */
  completed: number;
  /** Workflows the signal did not reach. */
  failures: number;
}

/** The job id of one sweep of a pause or resume: the same request repeated names the same job. */
export function batchJobId(action: 'pause' | 'resume', pauseId: string, generation: string, sweep: number): string {
  return `clocks-${action}-${pauseId}-${generation}-${sweep}`;
}

/**
 * Whether `jobId` has the shape batchJobId gives. Temporal runs a batch job as a workflow in the
 * same namespace, so describing any other workflow id (a case, a key record) would answer it as a
 * job: such ids are not found.
 */
export function isBatchJobId(jobId: string): boolean {
  return /^clocks-(pause|resume)-.+-[^-]+-[12]$/.test(jobId);
}

/**
 * Whether the server refuses batch operations (not built in, disabled, not allowed, or too many
 * running at once: the per-case loop does the same work); anything else is an ordinary error.
 */
export function batchRefused(err: unknown): boolean {
  if (!isGrpcServiceError(err)) return false;
  const refusals: number[] = [GRPC.UNIMPLEMENTED, GRPC.PERMISSION_DENIED, GRPC.RESOURCE_EXHAUSTED];
  return refusals.includes(err.code) || (err.code === GRPC.FAILED_PRECONDITION && /batch/i.test(err.details ?? err.message));
}

function stateOf(s: temporal.api.enums.v1.BatchOperationState | null | undefined): BatchState {
  if (s === State.BATCH_OPERATION_STATE_RUNNING) return 'running';
  if (s === State.BATCH_OPERATION_STATE_COMPLETED) return 'completed';
  if (s === State.BATCH_OPERATION_STATE_FAILED) return 'failed';
  return 'unknown';
}

/** Describes a job; throws the server's NOT_FOUND (code 5) when there is none. */
export async function describeBatch(client: Client, namespace: string, jobId: string): Promise<BatchJob> {
  const d = await client.workflowService.describeBatchOperation({ namespace, jobId });
  return {
    jobId,
    state: stateOf(d.state),
    total: Number(d.totalOperationCount ?? 0),
    completed: Number(d.completeOperationCount ?? 0),
    failures: Number(d.failureOperationCount ?? 0),
  };
}

/** A job as `GET /v1/clocks/operations/{jobId}` follows it; `operation_not_found` when there is none. */
export async function describeOperation(deps: CaseDeps, jobId: string): Promise<BatchJob> {
  if (!isBatchJobId(jobId)) throw new CaseError('operation_not_found', `no batch operation ${jobId}: job ids are clocks-<action>-<pauseId>-<generation>-<sweep>`);
  try {
    return await within(deps, deps.timeouts.queryMs, () => describeBatch(deps.client, deps.namespace, jobId));
  } catch (err) {
    if (isGrpcServiceError(err) && err.code === GRPC.NOT_FOUND) throw new CaseError('operation_not_found', `no batch operation ${jobId}`);
    throw err;
  }
}

export interface BatchSignal {
  jobId: string;
  query: string;
  signal: string;
  input: unknown;
  reason: string;
  identity: string;
}

/** Starts the job (an existing job of that id is kept); throws what the server said otherwise. */
export async function startBatchSignal(client: Client, namespace: string, job: BatchSignal): Promise<void> {
  const dc = client.options.loadedDataConverter;
  let payloads = [dc.payloadConverter.toPayload(job.input)];
  for (const codec of dc.payloadCodecs) payloads = await codec.encode(payloads);
  try {
    await client.workflowService.startBatchOperation({
      namespace,
      jobId: job.jobId,
      visibilityQuery: job.query,
      reason: job.reason,
      signalOperation: { signal: job.signal, input: { payloads }, identity: job.identity },
    });
  } catch (err) {
    if (!(isGrpcServiceError(err) && err.code === GRPC.ALREADY_EXISTS)) throw err;
  }
}

/** Describes the job until it is no longer running or `waitMs` has passed; answers the last description. */
export async function awaitBatch(client: Client, namespace: string, jobId: string, waitMs: number, pollMs = 200): Promise<BatchJob> {
  const until = Date.now() + waitMs;
  for (;;) {
    let job: BatchJob | undefined;
    try {
      job = await describeBatch(client, namespace, jobId);
    } catch (err) {
      // Just started: the server may not describe it yet.
      if (!(isGrpcServiceError(err) && err.code === GRPC.NOT_FOUND) || Date.now() >= until) throw err;
    }
    if (job && (job.state !== 'running' || Date.now() >= until)) return job;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
