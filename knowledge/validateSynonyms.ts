/**
 * Validation of synonyms.yaml: `synonyms: [{canonical, terms: [...]}]`.
 * A term may belong to one group only, otherwise the analyser's folding
 * would depend on group order.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { KbProblem } from './KnowledgeBaseError.js';
import { foldForComparison } from './foldText.js';
import type { SynonymGroup } from './types.js';
import { YamlSource, describeNode, readPairs, readString, valueOf, type SourceText } from './yamlSource.js';

const ROOT_FIELDS = ['synonyms'] as const;
const GROUP_FIELDS = ['canonical', 'terms'] as const;

/** The synonym groups that could be read, and the problems of synonyms.yaml. */
export interface SynonymsValidation {
  readonly synonyms: readonly SynonymGroup[];
  readonly problems: readonly KbProblem[];
}

export function validateSynonyms(text: SourceText): SynonymsValidation {
  const source = YamlSource.parse(text);
  const groups: SynonymGroup[] = [];
  const root = source.root;
  if (source.problems.length > 0) return { synonyms: groups, problems: source.problems };
  if (!isMap(root)) {
    source.report(root, `the file must be a mapping with a "synonyms" list, found ${describeNode(root)}`);
    return { synonyms: groups, problems: source.problems };
  }
  const list = valueOf(readPairs(source, root, ROOT_FIELDS, {}).get('synonyms'));
  if (!isSeq(list)) {
    source.report(list ?? root, `must be a list of {canonical, terms} groups, found ${describeNode(list)}`, { field: 'synonyms' });
    return { synonyms: groups, problems: source.problems };
  }
  /** Folded phrase → where it was first declared, to catch a phrase in two groups. */
  const owners = new Map<string, string>();
  list.items.forEach((item, index) => {
    const path = `synonyms[${index}]`;
    if (!isMap(item)) {
      source.report(isScalar(item) || isSeq(item) ? item : list, `must be a mapping, found ${describeNode(item)}`, { field: path });
      return;
    }
    const fieldPrefix = `${path}.`;
    const pairs = readPairs(source, item, GROUP_FIELDS, { fieldPrefix });
    const canonical = readString(source, item, pairs, 'canonical', { required: true, fieldPrefix });
    const termsNode = valueOf(pairs.get('terms'));
    if (!pairs.has('terms')) {
      source.report(item, 'required field is missing', { field: `${path}.terms` });
      return;
    }
    if (!isSeq(termsNode) || termsNode.items.length === 0) {
      source.report(termsNode ?? pairs.get('terms'), `must be a non-empty list of strings, found ${describeNode(termsNode)}`, { field: `${path}.terms` });
      return;
    }
    if (canonical === undefined) return;
    const label = `"${canonical}" (${path})`;
    claim(source, owners, canonical, label, valueOf(pairs.get('canonical')), `${path}.canonical`);
    const terms: string[] = [];
    termsNode.items.forEach((term, termIndex) => {
      const field = `${path}.terms[${termIndex}]`;
      if (!isScalar(term) || typeof term.value !== 'string' || term.value.trim() === '') {
        source.report(isScalar(term) ? term : termsNode, `must be a non-empty string, found ${describeNode(term)}`, { field });
        return;
      }
      if (claim(source, owners, term.value, label, term, field)) terms.push(term.value);
    });
    groups.push({ canonical, terms });
  });
  return { synonyms: groups, problems: source.problems };
}

/** Records a phrase for a group; reports and returns false when another group (or this one) already has it. */
function claim(
  source: YamlSource,
  owners: Map<string, string>,
  phrase: string,
  group: string,
  node: Parameters<YamlSource['report']>[0],
  field: string,
): boolean {
  const key = foldForComparison(phrase);
  const owner = owners.get(key);
  if (owner !== undefined) {
    source.report(node, `"${phrase}" is already declared in group ${owner}`, { field });
    return false;
  }
  owners.set(key, group);
  return true;
}
