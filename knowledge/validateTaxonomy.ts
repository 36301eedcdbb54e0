/**
 * Validation of taxonomy.yaml: the five clarifying questions and their choices.
 * Returns what could be read (so entries can still be checked) plus problems.
 */
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { KbProblem } from './KnowledgeBaseError.js';
import { FACETS, type Facet, type Taxonomy, type TaxonomyChoice, type TaxonomyQuestion } from './types.js';
import { YamlSource, describeNode, readPairs, readString, valueOf, type SourceText } from './yamlSource.js';

/** Facet values and ids share one slug syntax: lower-case words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** An e-mail address, as entries' and offers' `contact` fields hold. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const ROOT_FIELDS = ['questions'] as const;
const QUESTION_FIELDS = ['facet', 'prompt', 'choices', 'appliesWhen'] as const;
const CHOICE_FIELDS = ['value', 'label', 'when', 'contact'] as const;
/** Only the offer's choices may name a contact: it is the contact of everything under that offer. */
const CONTACT_FACET: Facet = 'offer';

/** The questions that could be read, and the problems of taxonomy.yaml. */
export interface TaxonomyValidation {
  /** Everything that could be read, even when there are problems. */
  readonly taxonomy: Taxonomy;
  readonly problems: readonly KbProblem[];
}

type Conditions = Partial<Record<Facet, readonly string[]>>;

/** A condition value to check once every facet's choices are known. */
interface PendingReference {
  readonly facet: Facet;
  readonly value: string;
  readonly node: Node;
  readonly field: string;
}

export function isFacet(value: string): value is Facet {
  return FACETS.some((facet) => facet === value);
}

export function validateTaxonomy(text: SourceText): TaxonomyValidation {
  const source = YamlSource.parse(text);
  const questions: TaxonomyQuestion[] = [];
  const references: PendingReference[] = [];
  const root = source.root;
  if (source.problems.length === 0) {
    if (!isMap(root)) {
      source.report(root, `the file must be a mapping with a "questions" list, found ${describeNode(root)}`);
    } else {
      const pairs = readPairs(source, root, ROOT_FIELDS, {});
      const list = valueOf(pairs.get('questions'));
      if (!isSeq(list)) {
        source.report(list ?? root, `must be a list of questions, found ${describeNode(list)}`, { field: 'questions' });
      } else {
        list.items.forEach((item, index) => {
          const question = readQuestion(source, item, `questions[${index}]`, references);
          if (question !== undefined) questions.push(question);
        });
        checkFacetCoverage(source, list, questions);
      }
    }
  }
  checkReferences(source, questions, references);
  return { taxonomy: { questions }, problems: source.problems };
}

function readQuestion(
  source: YamlSource,
  item: unknown,
  path: string,
  references: PendingReference[],
): TaxonomyQuestion | undefined {
  if (!isMap(item)) {
    source.report(isScalar(item) || isSeq(item) ? item : null, `must be a mapping, found ${describeNode(item)}`, { field: path });
    return undefined;
  }
  const fieldPrefix = `${path}.`;
  const pairs = readPairs(source, item, QUESTION_FIELDS, { fieldPrefix });
  const facetName = readString(source, item, pairs, 'facet', { required: true, fieldPrefix });
  const prompt = readString(source, item, pairs, 'prompt', { required: true, fieldPrefix });
  let facet: Facet | undefined;
  if (facetName !== undefined) {
    if (isFacet(facetName)) facet = facetName;
    else source.report(valueOf(pairs.get('facet')), `unknown facet "${facetName}" (known: ${FACETS.join(', ')})`, { field: `${path}.facet` });
  }
  const appliesWhen = pairs.has('appliesWhen')
    ? readConditions(source, valueOf(pairs.get('appliesWhen')), `${path}.appliesWhen`, references)
    : undefined;
  const choices = readChoices(source, item, valueOf(pairs.get('choices')), pairs.has('choices'), path, references, facetName);
  if (facet === undefined || prompt === undefined || choices === undefined) return undefined;
  return appliesWhen === undefined ? { facet, prompt, choices } : { facet, prompt, choices, appliesWhen };
}

function readChoices(
  source: YamlSource,
  owner: Node,
  node: Node | null,
  present: boolean,
  path: string,
  references: PendingReference[],
  facet: string | undefined,
): TaxonomyChoice[] | undefined {
  const field = `${path}.choices`;
  if (!present) {
    source.report(owner, 'required field is missing', { field });
    return undefined;
  }
  if (!isSeq(node) || node.items.length === 0) {
    source.report(node ?? owner, `must be a non-empty list of choices, found ${describeNode(node)}`, { field });
    return undefined;
  }
  const choices: TaxonomyChoice[] = [];
  const seen = new Map<string, string>();
  node.items.forEach((item, index) => {
    const choicePath = `${field}[${index}]`;
    if (!isMap(item)) {
      source.report(isScalar(item) || isSeq(item) ? item : node, `must be a mapping, found ${describeNode(item)}`, { field: choicePath });
      return;
    }
    const fieldPrefix = `${choicePath}.`;
    const pairs = readPairs(source, item, CHOICE_FIELDS, { fieldPrefix });
    const value = readString(source, item, pairs, 'value', { required: true, fieldPrefix });
    const label = readString(source, item, pairs, 'label', { required: true, fieldPrefix });
    const when = pairs.has('when') ? readConditions(source, valueOf(pairs.get('when')), `${choicePath}.when`, references) : undefined;
    const contact = readContact(source, item, pairs, choicePath, facet);
    if (value === undefined || label === undefined) return;
    const valueNode = valueOf(pairs.get('value'));
    if (!SLUG_PATTERN.test(value)) {
      source.report(valueNode, `"${value}" is not a slug (lower-case letters, digits, single hyphens)`, { field: `${choicePath}.value` });
      return;
    }
    const first = seen.get(value);
    if (first !== undefined) {
      source.report(valueNode, `duplicate value "${value}" (first at ${first})`, { field: `${choicePath}.value` });
      return;
    }
    const pos = source.pos(valueNode);
    seen.set(value, `line ${pos.line}`);
    choices.push({ value, label, ...(when !== undefined && { when }), ...(contact !== undefined && { contact }) });
  });
  return choices;
}

/** The optional `contact` of a choice: an e-mail address, on a choice of the offer question only. */
function readContact(source: YamlSource, item: Node, pairs: Map<string, Pair>, choicePath: string, facet: string | undefined): string | undefined {
  const fieldPrefix = `${choicePath}.`;
  const contact = readString(source, item, pairs, 'contact', { required: false, fieldPrefix });
  if (contact === undefined) return undefined;
  const node = valueOf(pairs.get('contact'));
  if (facet !== undefined && facet !== CONTACT_FACET) {
    source.report(node, `only the choices of the "${CONTACT_FACET}" question may have a contact`, { field: `${choicePath}.contact` });
    return undefined;
  }
  if (!EMAIL_PATTERN.test(contact)) {
    source.report(node, `"${contact}" is not an e-mail address`, { field: `${choicePath}.contact` });
    return undefined;
  }
  return contact;
}

/** Reads `{facet: [values]}`; values are checked later against the choices of that facet. */
function readConditions(
  source: YamlSource,
  node: Node | null,
  field: string,
  references: PendingReference[],
): Conditions | undefined {
  if (!isMap(node)) {
    source.report(node, `must be a mapping of facet to list of values, found ${describeNode(node)}`, { field });
    return undefined;
  }
  const conditions: Conditions = {};
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string' || !isFacet(key)) {
      source.report(pair, `unknown facet "${String(key)}" (known: ${FACETS.join(', ')})`, { field });
      continue;
    }
    const list = valueOf(pair);
    const values = isSeq(list) ? list.items.map((v) => (isScalar(v) && typeof v.value === 'string' ? v.value : undefined)) : [];
    if (!isSeq(list) || values.length === 0 || values.includes(undefined)) {
      source.report(list ?? pair, 'must be a non-empty list of facet values', { field: `${field}.${key}` });
      continue;
    }
    const strings = values.filter((v): v is string => v !== undefined);
    list.items.forEach((v, i) => {
      if (isScalar(v)) references.push({ facet: key, value: strings[i] ?? '', node: v, field: `${field}.${key}` });
    });
    conditions[key] = strings;
  }
  return conditions;
}

function checkFacetCoverage(source: YamlSource, list: Node, questions: readonly TaxonomyQuestion[]): void {
  const facets = questions.map((q) => q.facet);
  for (const facet of FACETS) {
    const count = facets.filter((f) => f === facet).length;
    if (count === 0) source.report(list, `no question for facet "${facet}"`, { field: 'questions' });
    if (count > 1) source.report(list, `facet "${facet}" has ${count} questions (expected one)`, { field: 'questions' });
  }
  const expected = FACETS.filter((f) => facets.includes(f));
  const unique = facets.filter((f, i) => facets.indexOf(f) === i);
  if (unique.join() !== expected.join()) {
    source.report(list, `questions must follow the facet order ${FACETS.join(', ')}`, { field: 'questions' });
  }
}

function checkReferences(source: YamlSource, questions: readonly TaxonomyQuestion[], references: readonly PendingReference[]): void {
  for (const ref of references) {
    const question = questions.find((q) => q.facet === ref.facet);
    if (question === undefined) continue; // reported by checkFacetCoverage
    if (!question.choices.some((c) => c.value === ref.value)) {
      source.report(ref.node, `"${ref.value}" is not a choice of facet "${ref.facet}"`, { field: ref.field });
    }
  }
}
