/** The patch ids a stored history recorded (its patch markers), in order. */
import type { StoredHistory } from '../support/histories';

export function markers(s: StoredHistory): string[] {
  return (s.history.events ?? []).flatMap((e) => {
    const payload = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
    return payload ? [JSON.parse(Buffer.from(payload).toString()).id as string] : [];
  });
}
