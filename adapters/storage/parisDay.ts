/** The console counts by the agency's calendar: a question asked at 23:30 UTC in winter belongs to the next Paris day. */
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Europe/Paris calendar day (YYYY-MM-DD) of an ISO time. */
export function parisDay(time: string | Date): string {
  return PARIS_DAY.format(typeof time === 'string' ? new Date(time) : time);
}
