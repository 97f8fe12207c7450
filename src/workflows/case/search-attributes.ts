/**
 * Search attributes of a case: what operations filter on in the Temporal UI and what the API's list
 * endpoint queries. Never personal data: search attributes are not encrypted by payload codecs.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const CASE_STATUS = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const CASE_TYPE = defineSearchAttributeKey('CaseType', SearchAttributeType.KEYWORD);
export const ORDER_ID = defineSearchAttributeKey('OrderId', SearchAttributeType.KEYWORD);
export const PRIORITY = defineSearchAttributeKey('Priority', SearchAttributeType.KEYWORD);
export const REGION = defineSearchAttributeKey('Region', SearchAttributeType.KEYWORD);
export const ASSIGNEE = defineSearchAttributeKey('Assignee', SearchAttributeType.KEYWORD);
export const CARRIER = defineSearchAttributeKey('Carrier', SearchAttributeType.KEYWORD);
export const RESOLUTION = defineSearchAttributeKey('Resolution', SearchAttributeType.KEYWORD);
export const TRACKING_NUMBERS = defineSearchAttributeKey('TrackingNumbers', SearchAttributeType.KEYWORD_LIST);
export const ESCALATION_LEVEL = defineSearchAttributeKey('EscalationLevel', SearchAttributeType.INT);
export const SLA_BREACHED = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);
export const RESPONSE_DUE_AT = defineSearchAttributeKey('ResponseDueAt', SearchAttributeType.DATETIME);
/**
 * When the case opened, set by the API's start and carried by the server to every run a case
 * continues as new into (a run's StartTime is when that run began). Cases opened before it have
 * none: the list reads their StartTime.
 */
export const OPENED_AT = defineSearchAttributeKey('OpenedAt', SearchAttributeType.DATETIME);

/** Every custom search attribute, for registration on a server (dev server flags, operator API). */
export const CASE_SEARCH_ATTRIBUTES = [
  CASE_STATUS,
  CASE_TYPE,
  ORDER_ID,
  PRIORITY,
  REGION,
  ASSIGNEE,
  CARRIER,
  RESOLUTION,
  TRACKING_NUMBERS,
  ESCALATION_LEVEL,
  SLA_BREACHED,
  RESPONSE_DUE_AT,
  OPENED_AT,
] as const;
