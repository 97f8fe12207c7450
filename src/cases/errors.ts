/**
 * Why the case service refuses a request, by kind. It knows no HTTP: src/api/errors.ts maps each kind
 * to its problem (most kinds are problem kinds of the same name).
 */
export type CaseRefusal =
  | 'case_not_found'
  | 'case_closed'
  | 'case_conflict'
  | 'case_not_answering'
  | 'idempotency_key_reused'
  | 'tracking_number_unknown'
  /** A list page token this service did not hand out for these filters. */
  | 'page_token_invalid'
  /** No batch operation has this job id. */
  | 'operation_not_found';

export class CaseError extends Error {
  constructor(
    readonly kind: CaseRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'CaseError';
  }
}
