/**
 * Validation of one asked/*.yaml file: questions vendors asked, labelled by
 * the FAQ team (`inScope: [{q, id, kind?}]`, `outOfScope: [{q, kind?}]`,
 * optionally `smallTalk: [{q}]`, the format of the evaluation sets). Every
 * problem names the file, the line and the field (`inScope[3].kind`); whether
 * an id is a KB entry is checked by `validateKnowledgeBase`, which knows them all.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { KbProblem } from './KnowledgeBaseError.js';
import { ASKED_KINDS, OFF_TOPIC_KINDS, type AskedFile, type AskedQuestion, type OffTopicQuestion } from './types.js';
import type { Located } from './validateEntries.js';
import { YamlSource, describeNode, readPairs, readString, valueOf, type SourceText } from './yamlSource.js';

const ROOT_FIELDS = ['inScope', 'outOfScope', 'smallTalk'] as const;
const IN_SCOPE_FIELDS = ['q', 'id', 'kind'] as const;
const OUT_OF_SCOPE_FIELDS = ['q', 'kind'] as const;
const SMALL_TALK_FIELDS = ['q'] as const;

/** What one asked file yielded: the file when it is valid, each label where it was read, and the problems. */
export interface AskedValidation {
  readonly asked?: AskedFile;
  /** The entry id of each in-scope item read, located, with its field (`inScope[3].id`). */
  readonly labels: readonly (Located<string> & { readonly field: string })[];
  readonly problems: readonly KbProblem[];
}

/** Validates one asked file (the fast reader of plain block YAML first, `yaml` itself when it finds anything wrong). */
export function validateAsked(text: SourceText): AskedValidation {
  return YamlSource.validate(text, validateSource);
}

function validateSource(source: YamlSource): AskedValidation {
  const labels: (Located<string> & { field: string })[] = [];
  const root = source.root;
  if (source.problems.length > 0) return { labels, problems: source.problems };
  if (!isMap(root)) {
    source.report(root, `the file must be a mapping with "inScope" and "outOfScope" lists, found ${describeNode(root)}`);
    return { labels, problems: source.problems };
  }
  const pairs = readPairs(source, root, ROOT_FIELDS, {});
  const items = (field: (typeof ROOT_FIELDS)[number], required: boolean): YAMLMap[] => {
    const pair = pairs.get(field);
    if (pair === undefined) {
      if (required) source.report(root, 'required field is missing (an empty list [] is allowed)', { field });
      return [];
    }
    const list = valueOf(pair);
    if (!isSeq(list)) {
      source.report(list ?? pair, `must be a list of questions, found ${describeNode(list)}`, { field });
      return [];
    }
    const maps: YAMLMap[] = [];
    list.items.forEach((item, index) => {
      if (isMap(item)) maps.push(item);
      else source.report(isScalar(item) || isSeq(item) ? item : list, `must be a mapping {q, ...}, found ${describeNode(item)}`, { field: `${field}[${index}]` });
    });
    return maps;
  };
  const inScope: AskedQuestion[] = [];
  items('inScope', true).forEach((map, index) => {
    const fieldPrefix = `inScope[${index}].`;
    const item = readPairs(source, map, IN_SCOPE_FIELDS, { fieldPrefix });
    const q = readString(source, map, item, 'q', { required: true, fieldPrefix });
    const id = readString(source, map, item, 'id', { required: true, fieldPrefix });
    const kind = readKind(source, map, item.has('kind') ? valueOf(item.get('kind')) : undefined, ASKED_KINDS, fieldPrefix);
    if (id !== undefined) labels.push({ ...source.locate(id, valueOf(item.get('id'))), field: `${fieldPrefix}id` });
    // Keys in sorted order: the KB version's canonical JSON then needs no sorted copy (kbVersion.ts).
    if (q !== undefined && id !== undefined && kind !== null) inScope.push({ id, ...(kind === undefined ? {} : { kind }), q });
  });
  const outOfScope: OffTopicQuestion[] = [];
  items('outOfScope', true).forEach((map, index) => {
    const fieldPrefix = `outOfScope[${index}].`;
    const item = readPairs(source, map, OUT_OF_SCOPE_FIELDS, { fieldPrefix });
    const q = readString(source, map, item, 'q', { required: true, fieldPrefix });
    const kind = readKind(source, map, item.has('kind') ? valueOf(item.get('kind')) : undefined, OFF_TOPIC_KINDS, fieldPrefix);
    if (q !== undefined && kind !== null) outOfScope.push({ ...(kind === undefined ? {} : { kind }), q });
  });
  const smallTalk: { q: string }[] = [];
  items('smallTalk', false).forEach((map, index) => {
    const fieldPrefix = `smallTalk[${index}].`;
    const q = readString(source, map, readPairs(source, map, SMALL_TALK_FIELDS, { fieldPrefix }), 'q', { required: true, fieldPrefix });
    if (q !== undefined) smallTalk.push({ q });
  });
  if (source.problems.length > 0) return { labels, problems: source.problems };
  return { asked: { file: source.file, inScope, outOfScope, smallTalk }, labels, problems: [] };
}

/** The kind of an item: undefined when absent, null when invalid (reported), else one of `kinds`. */
function readKind<K extends string>(source: YamlSource, owner: Node, node: Node | null | undefined, kinds: readonly K[], fieldPrefix: string): K | undefined | null {
  if (node === undefined) return undefined;
  const value = isScalar(node) ? node.value : undefined;
  const kind = kinds.find((known) => known === value);
  if (kind !== undefined) return kind;
  const found = typeof value === 'string' ? `"${value}"` : describeNode(node);
  source.report(node ?? owner, `${found} is not a kind (kinds: ${kinds.join(', ')})`, { field: `${fieldPrefix}kind` });
  return null;
}
