/**
 * The Temporal visibility query behind `GET /v1/cases`, from already validated filters and an
 * optional saved view (`view=`): the view's filter and the request's are ANDed, both built by the
 * one query builder the saved views use (src/temporal/case-query.ts), so the two cannot drift.
 */
import { visibilityQuery, type CaseFilter } from '../../temporal/case-query';
import { savedViewFilter, type SavedViewName } from '../../temporal/saved-views';

export { literal, visibilityQuery, type CaseFilter } from '../../temporal/case-query';

/** The list's query: the named saved view as of `now` (if any), narrowed by the request's filters. */
export function listQuery(f: CaseFilter & { view?: SavedViewName }, now: Date = new Date()): string {
  return f.view === undefined ? visibilityQuery(f) : visibilityQuery(savedViewFilter(f.view, now), f);
}
