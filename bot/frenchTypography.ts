/**
 * French typography for the bot's own words: a no-break space before the
 * high punctuation ; : ! ? and inside « », so a line never starts with a lone
 * « ? » or « : ». Only the bot's text goes through it: the agency's answers
 * and the user's words stay exactly as written.
 */

/** Narrow no-break space (U+202F), before ; ! ? as the Imprimerie nationale's rules ask. */
export const NARROW_NBSP = '\u202f';
/** No-break space (U+00A0), before : and inside « ». */
export const NBSP = '\u00a0';

/**
 * Replaces the ordinary space before ; ! ? : and inside « » with the right
 * no-break space. Idempotent.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/ ([;!?])/g, `${NARROW_NBSP}$1`)
    .replace(/ :/g, `${NBSP}:`)
    .replace(/« /g, `«${NBSP}`)
    .replace(/ »/g, `${NBSP}»`);
}

/**
 * Template tag for the bot's messages: French spacing on the literal parts,
 * interpolated values (a user's question, a taxonomy label, a number) as they
 * are. `fr\`Je n’ai pas trouvé « ${quoted} ».\`` keeps `quoted` verbatim.
 */
export function fr(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  return strings.reduce((text, literal, i) => text + frenchSpacing(literal) + (i < values.length ? String(values[i]) : ''), '');
}

/** Whether `text` has an ordinary space where French typography wants a no-break one (for tests and checks). */
export function hasLooseFrenchSpacing(text: string): boolean {
  return / [;!?:]/.test(text) || /« | »/.test(text);
}
