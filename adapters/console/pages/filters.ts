/** The console's filters from the query string (period, dates, channel, KB version), validated. Pure. */
import type { QuestionFilter } from '../../../bot/index.js';
import type { Granularity } from '../overview.js';
import { html, type Html } from './html.js';

export interface ConsoleFilters {
  readonly granularity: Granularity;
  readonly fromDay: string;
  readonly toDay: string;
  readonly channel?: string;
  readonly kbVersion?: string;
}

/** Days shown by default. */
export const DEFAULT_RANGE_DAYS = 90;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseFilters(query: URLSearchParams, today: string): ConsoleFilters {
  const day = (name: string): string | undefined => {
    const value = query.get(name) ?? '';
    return DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
  };
  const fromDefault = new Date(Date.parse(`${today}T00:00:00Z`) - (DEFAULT_RANGE_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const channel = query.get('canal') || undefined;
  const kbVersion = query.get('version') || undefined;
  return {
    granularity: query.get('periode') === 'semaine' ? 'week' : 'day',
    fromDay: day('du') ?? fromDefault,
    toDay: day('au') ?? today,
    ...(channel !== undefined && { channel }),
    ...(kbVersion !== undefined && { kbVersion }),
  };
}

export function toQuestionFilter(filters: ConsoleFilters): QuestionFilter {
  const { fromDay, toDay, channel, kbVersion } = filters;
  return { fromDay, toDay, ...(channel !== undefined && { channel }), ...(kbVersion !== undefined && { kbVersion }) };
}

/** The GET form that sets the filters (no CSRF token needed: it changes nothing). */
export function filterForm(action: string, filters: ConsoleFilters, dimensions: { channels: string[]; kbVersions: string[] }): Html {
  const option = (value: string, label: string, selected: boolean): Html =>
    selected ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;
  return html`<form method="get" action="${action}" class="filters">
<label>Du <input type="date" name="du" value="${filters.fromDay}"></label>
<label>Au <input type="date" name="au" value="${filters.toDay}"></label>
<label>Par <select name="periode">${option('jour', 'jour', filters.granularity === 'day')}${option('semaine', 'semaine', filters.granularity === 'week')}</select></label>
<label>Canal <select name="canal">${option('', 'tous', filters.channel === undefined)}${dimensions.channels.map((c) => option(c, c, c === filters.channel))}</select></label>
<label>Version de la FAQ <select name="version">${option('', 'toutes', filters.kbVersion === undefined)}${dimensions.kbVersions.map((v) =>
    option(v, v.slice(0, 12), v === filters.kbVersion),
  )}</select></label>
<button type="submit">Filtrer</button></form>`;
}
