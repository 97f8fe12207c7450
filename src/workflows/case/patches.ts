/**
 * Every change to the case workflow that alters the commands of a running case is guarded by a
 * patch id from this list, so histories recorded before the change still replay (see the README,
 * "Changing the workflow safely"). Ids are never reused or renamed.
 *
 * Life of a patch: add `if (patched(ID)) { new behaviour }` → record a history of the new path as
 * `…_v<n+1>.json` and keep the old one → once no open case started before the change
 * (`TemporalChangeVersion` search attribute tells which have the marker), switch to
 * `deprecatePatch(ID)` and keep only the new branch → later remove the call and the old histories.
 */

/** 2026-11: tell the customer when the replacement parcel has been delivered. */
export const NOTIFY_RESHIP_DELIVERED = 'notify-reship-delivered';

/** 2026-11: a claim on an order the order system does not know closes as rejected (it failed the run). */
export const REJECT_UNKNOWN_ORDER = 'reject-unknown-order';

/**
 * 2026-12 (issue 8, case integrity): no external failure fails a case (needs_attention, degraded
 * messages and look-ups), refusals have their own path, the response ladder stops at a decision,
 * clocks follow the obligated party, remedies are bounded per order line, lost answers are looked up,
 * windows are judged at opening, and every wait reads the waiting table. Read once, at the start of
 * the run (CaseState.integrity); cases started before it keep the old paths.
 */
export const CASE_INTEGRITY = 'case-integrity-2026-12';

/**
 * 2026-12 (issue 9, working calendars): the merchant's clocks (first response, the escalation rungs'
 * windows, human review, resolution) count working time on the case desk's calendar (the policy
 * version's desk table), warn at 80% and are recomputed on pause, resume, priority change and
 * reassignment; the view shows each clock. Read once per run (clocks.ts), for integrity cases only.
 */
export const WORKING_CALENDAR = 'working-calendar-2026-12';

/**
 * 2026-12 (issue 14, lean history): the state changes of one activation are mirrored by one
 * search-attribute upsert (CaseState.sync), and the start does not upsert what the API's start
 * already set. Implies CASE_INTEGRITY and WORKING_CALENDAR: a case with this marker runs the hardened
 * paths and the working clocks without calling their patched(), because each patch marker is a
 * search-attribute upsert of its own (TemporalChangeVersion) that no batching can merge. Its
 * histories were recorded with both (nothing ran LEAN_HISTORY without working clocks).
 */
export const LEAN_HISTORY = 'lean-history-2026-12';

/**
 * 2026-12 (issue 9, pauses at opening): a case whose start input carries the platform pauses in force
 * (OpenCaseInput.clockPauses) starts its merchant clocks paused when one covers its region, type and
 * priority. Input-driven; read only when the input carries pauses.
 */
export const PAUSE_AT_OPENING = 'pause-at-opening-2026-12';

/**
 * 2026-12 (issue 14, continue-as-new): a case grown past the limits of checkpoint.ts continues as new
 * at its survey, callback, dispute or arbitration wait, and the next run resumes that wait from the
 * checkpoint. Asked only at the moment a run would hand over, so only long cases carry its marker.
 */
export const CONTINUE_AS_NEW = 'continue-as-new-2026-12';

/**
 * 2026-12 (found from outside): a claim for more of a SKU than the order holds is refused saying so
 * ("more than ordered: SKU (2 claimed, 1 ordered)"), not "items not in the order". Asked only on that
 * refusal, so no other case carries its marker.
 */
export const CLAIM_QUANTITY_REASON = 'claim-quantity-reason-2026-12';

/**
 * 2026-12 (found from outside): staff are told what happened, not always "SLA breached": a manual
 * escalation or an overdue callback is `case_escalated`, a failing refund `refund_payment_failing`,
 * a step that needs a person (and a side effect handed to staff) `step_needs_attention`
 * (escalationTemplate). Asked only when the message would change, so breaches carry no marker. Like
 * every patch, it is true for any case running live; only replayed histories take the old branch.
 */
export const ESCALATION_TEMPLATES = 'escalation-templates-2026-12';

/**
 * 2026-12 (found from outside): platform pauses overlap (a regional flood during the nationwide
 * Spring Festival stop). A case paused by one pause holds every other pause that covers it too
 * (view.otherClockPauses), and its clocks run again only once the last of them has ended; before,
 * the second pause was dropped and the first one's end restarted the clocks. Asked only when a
 * second pause reaches a paused case (or two cover it at opening), so no other case carries it.
 */
export const OVERLAPPING_PAUSES = 'overlapping-pauses-2026-12';

/**
 * 2026-12 (found from outside): a run that continues as new hands the answers of the keyed actions
 * it applied (keyed-answers.ts) to the next run, which answers a retried keyed action with them
 * instead of applying it again. Asked only by a run that hands over with such answers, so no other
 * case carries its marker; a run resumed with carried answers hands them on without asking again.
 */
export const KEYED_ANSWERS_CARRIED = 'keyed-answers-carried-2026-12';

/**
 * 2026-12 (found from outside): a customer who withdraws while intake waits on an order system that
 * stays down closes the case at once (withdrawn, no message: the order, and so the contact, is
 * unread); before, the case waited for the order system, then sent `case_opened`, scored the photos
 * and only then closed. Asked only when a withdrawal reaches that wait, so no other case carries it.
 */
export const WITHDRAW_DURING_ORDER_OUTAGE = 'withdraw-during-order-outage-2026-12';

/**
 * 2026-12 (found from outside): a coupon owed by a clock whose first try fails is tried again aside
 * (ctx.aside), at the same pauses, instead of inline: before, a coupons outage held the escalation
 * ladder (the next rung's window started only after the coupon's retries, up to 34 hours). Asked
 * only when a coupon's first try fails, so no other case carries its marker.
 */
export const SIDE_EFFECT_RETRIES_ASIDE = 'side-effect-retries-aside-2026-12';

/**
 * 2026-12 (found from outside): a message whose retries (now two minutes, not ten) run out is sent
 * again aside (ctx.aside) after 10, 30, 60 and 240 minutes with the same idempotency key; before,
 * it was only recorded as failed, and the case had waited ten minutes for it. Asked only when a
 * message fails, so no other case carries its marker.
 */
export const MESSAGES_RESENT_ASIDE = 'messages-resent-aside-2026-12';

/**
 * 2026-12 (found from outside): a customer who withdraws a decided return while its pickup is being
 * booked closes the case as withdrawn: a booking held for ops (needs_attention) is dropped at once
 * and a pickup its lost answer may have booked is looked up and cancelled aside; a booking that went
 * through meanwhile is cancelled without the "pickup scheduled" message. Before, the hold went on,
 * and ops' settle-step led to the receipt wait and a refund. Asked only once the customer has
 * withdrawn during the booking, so no other case carries its marker.
 */
export const RETURN_WITHDRAWN_BEFORE_PICKUP = 'return-withdrawn-before-pickup-2026-12';

/**
 * 2026-12 (found from outside): a decided return shows `resolving` while its pickup is booked, and a
 * failing booking holds it in needs_attention from `resolving`; before, it showed the status it was
 * decided in (`intake`, or the review or arbitration it left) until the pickup wait. The move is a
 * command only by its timing: an update that answers once the case leaves its wait (a review, a
 * ruling) now answers in the decision's workflow task, not the booking's, so old histories replay
 * without it (review-approved-return_v1). Asked by every return once decided.
 */
export const RETURN_RESOLVING_STATUS = 'return-resolving-status-2026-12';

/**
 * 2026-12 (found from outside): a claim approved more than a minute after it was opened (after a
 * review, an evidence wait, a dispute, or an intake slowed by retries) shows `resolving` and reads
 * the order again before its first movement, and is refused if another case remedied its lines
 * meanwhile (remedy-recheck.ts). Before, the line was checked at intake only: a damaged case waiting
 * for its review and a missing-item case on the same line, refunded at once, both paid. Asked only by
 * such approvals, so a claim decided within the minute (and every stored history of one) is unchanged.
 */
export const REMEDY_RECHECK = 'remedy-recheck-2026-12';

/**
 * 2026-12 (found from outside, trial C): a claim a person approved in a review reads the order again
 * too when the approval came within the minute (REMEDY_RECHECK covered only later ones): a reviewer
 * answering 1–50 s after the opening let a second case of the same line pay after a first one had
 * paid at once. Asked only by such quick approvals; a claim decided without a review is unchanged.
 */
export const REVIEW_RECHECK = 'review-recheck-2026-12';

/**
 * 2026-12 (found from outside): the order system refusing the order look-up at intake (a typed,
 * non-retryable answer other than not-found) holds the case for ops as a refusal (`refused: true`,
 * no automatic round): asking again on a timer gets the same answer. Before, it was shown as an
 * outage and asked again after 30 minutes, 2, 8 and 24 hours. Asked only on such a refusal.
 */
export const ORDER_REFUSAL_HELD = 'order-refusal-held-2026-12';

/**
 * 2026-12 (found from outside): ops settling by hand a refund, dispatch or pickup whose last try
 * failed without an answer (it may have gone through) commits the case (a withdrawal is refused from
 * then on) and looks the step up by its idempotency key first: found done, the case records what the
 * system did, not the manual reference, and tells the assignee and the settler the settlement was
 * not needed (undo it by hand); a look-up that fails takes the settlement as unverified and tells
 * them to check. Before, a refund whose answer was lost during an outage was settled as `manual:…`
 * while the payment system had paid it: twice. Asked only when ops settle such a step.
 */
export const SETTLE_LOOKS_UP_FIRST = 'settle-looks-up-first-2026-12';

/**
 * 2026-12 (found from outside, trial C): a movement refused on a retry (the adapter reports the
 * attempt) is looked up by its idempotency key before anything else: the first try may have gone
 * through with its answer lost. Before, a refund refused on its second attempt held the case as a
 * refusal and ops settled it by hand while payments had paid; a dispatch refused so fell back to a
 * refund while the parcel had left. Asked only by such refusals.
 */
export const REFUSAL_ON_RETRY_LOOKED_UP = 'refusal-on-retry-looked-up-2026-12';

/**
 * 2026-12 (found from outside, trial C): a refund or reshipment ops settle by hand is recorded with
 * the order system (`recordSettledRemedy`, under the movement's own idempotency key, retried aside),
 * so a later case on the same lines sees it remedied. Before, the OMS only learnt of remedies the
 * payment and warehouse systems made, and a second case on a line settled by hand was paid again.
 * Asked only when such a step is settled.
 */
export const SETTLED_REMEDY_RECORDED = 'settled-remedy-recorded-2026-12';

/**
 * 2026-12 (found from outside, trial C): a settlement taken unverified (the look-up at the
 * settlement failed, SETTLE_LOOKS_UP_FIRST) is looked up again aside after pauses of 30 min, 2 h,
 * 8 h, 1 day and 1 day: found done by the system too, the assignee and the settler are told to undo the manual one;
 * not done, the timeline says the settlement stands. Before, nothing looked again once the other
 * system recovered, and ops were told once. Asked only when a settlement is taken unverified.
 */
export const UNVERIFIED_SETTLEMENT_RECHECKED = 'unverified-settlement-rechecked-2026-12';

/**
 * 2026-12 (found in review): a closed case waits for every step left aside, including those the
 * work aside left in its turn (a staff message that failed, resent aside). Before, the run ended
 * once the steps aside at its end were done, and a resend they had left was dropped. Asked only
 * when the work aside grew while the run waited for it.
 */
export const ASIDE_DRAINED = 'aside-drained-2026-12';

/**
 * 2026-12 (found from outside, trial D): a refund payments refuse, when it is the claim's only
 * movement (a refund or partial refund, or the refund of a reshipment that never left: no parcel
 * left or came back), is explained by
 * the order system when it can be: the order is read again, and when the claimed lines were
 * remedied meanwhile by other cases (two claims on one line decided in the same moments), the case
 * closes as rejected with that reason and the refund shows `refused`. Before, the case held for
 * ops, who could only retry it or settle it by hand, and a settlement paid the line twice. Asked
 * only on such a refusal (after a return or a lost reshipment the refusal holds for ops as before).
 */
export const REFUSED_REFUND_EXPLAINED = 'refused-refund-explained-2026-12';

/**
 * 2026-12 (found from outside, trial D): a reshipment ops settle by hand at the dispatch step may say
 * whether their parcel used the stock the case had reserved (`settleStep` `stockUsed`); `false`
 * releases the reservation aside. Before, the reservation was held for good. Asked only when a
 * settlement says `stockUsed: false`.
 */
export const SETTLED_DISPATCH_RELEASES_STOCK = 'settled-dispatch-releases-stock-2026-12';
