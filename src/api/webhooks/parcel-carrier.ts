/**
 * Which carrier carries a case's parcel, from what the API knows of the case. Pure: the webhook's
 * check (./carrier-check.ts) feeds it the case's search attributes and, when a worker answers, its view.
 *
 * The case's view lists every parcel with its carrier (reshipment and return pickup alike), but only a
 * worker can answer it. The search attributes answer without one: `TrackingNumbers` lists the parcels'
 * numbers and `Carrier` names the reshipment's carrier only, so they tell a parcel's carrier only when
 * the case has a reshipment and no other parcel. The tracking number's format is no source: formats
 * are the carriers' to change and overlap (all-digit waybills), and a wrong refusal (a 4xx) ends the
 * carrier's retries, so the event would be lost.
 */

/** What is known of a case holding a tracking number: its search attributes, and its parcels when its view was read. */
export interface ParcelHolder {
  /** The `Carrier` search attribute: the reshipment's carrier. */
  carrier?: string;
  /** The `TrackingNumbers` search attribute: every parcel's number. */
  trackingNumbers?: readonly string[];
  /** The case's parcels, from its view. */
  shipments?: ReadonlyArray<{ carrier: string; trackingNumber: string }>;
}

/** The carrier of the case's parcel `trackingNumber`, or undefined when what is known does not tell. */
export function carrierOfParcel(trackingNumber: string, holder: ParcelHolder): string | undefined {
  const parcel = holder.shipments?.find((s) => s.trackingNumber === trackingNumber);
  if (parcel) return parcel.carrier;
  const numbers = holder.trackingNumbers ?? [];
  // A case with a reshipment (so `Carrier`) and a single parcel: that parcel is the reshipment.
  if (holder.carrier !== undefined && numbers.length === 1 && numbers[0] === trackingNumber) return holder.carrier;
  return undefined;
}

/** The refusal's detail: no personal data, and not which carrier the parcel is with. */
export function mismatchDetail(trackingNumber: string, postedBy: string): string {
  return `tracking number ${trackingNumber} belongs to a parcel of another carrier, not ${postedBy}; nothing was delivered`;
}

/** A case holding the tracking number: whether it is still open, and its parcel's carrier when known. */
export interface JudgedHolder {
  caseId: string;
  running: boolean;
  carrier?: string;
}

/**
 * Which open cases take an event posted by `postedBy`: each whose parcel is that carrier's or not
 * known to be another's. Refused (with one case that has the parcel under another carrier) only
 * when open cases hold the number and none may take it: a closed case, or another case that shares
 * an all-digit number, never turns a genuine event away (a 4xx would end the carrier's retries).
 */
export function judgeHolders(holders: readonly JudgedHolder[], postedBy: string): { take: string[]; refuse?: { caseId: string; carrier: string } } {
  const open = holders.filter((h) => h.running);
  const take = open.filter((h) => h.carrier === undefined || h.carrier === postedBy).map((h) => h.caseId);
  const other = open.find((h) => h.carrier !== undefined && h.carrier !== postedBy);
  return take.length === 0 && other ? { take, refuse: { caseId: other.caseId, carrier: other.carrier as string } } : { take };
}

