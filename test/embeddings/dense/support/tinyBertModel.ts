/**
 * Writes a tiny BERT-shaped model folder (random weights) that transformers.js
 * loads exactly like a real hub model: config.json, tokenizer.json (WordPiece),
 * tokenizer_config.json and onnx/model.onnx + onnx/model_quantized.onnx.
 * The ONNX graph takes input_ids, attention_mask and token_type_ids and returns
 * last_hidden_state = tanh((word_emb[ids] + type_emb[types]) · W) * mask.
 * The protobuf is encoded with onnx-proto, which onnxruntime-node depends on.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export const TINY_HIDDEN_SIZE = 16;
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const WORDS = [
  'comment', 'référencer', 'mon', 'service', 'dans', 'espace', 'santé', 'offre', 'innovation', 'de', 'l', 'ans',
  'quelles', 'données', 'figurent', 'contacter', 'équipe', 'mos', 'nos', 'query', 'passage', ':', '?', "'", '’',
];
const LETTERS = 'abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüÿœ0123456789'.split('');

/** Special tokens, whole words, then single characters and "##" continuations so any word tokenizes. */
function vocabulary(): Record<string, number> {
  const tokens = [...SPECIAL_TOKENS, ...WORDS, ...LETTERS, ...LETTERS.map((letter) => `##${letter}`), '##s'];
  return Object.fromEntries([...new Set(tokens)].map((token, id) => [token, id]));
}

/** mulberry32: deterministic weights for a given seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

function floatTensor(name: string, dims: number[], next: () => number): InstanceType<typeof onnx.TensorProto> {
  const count = dims.reduce((product, dim) => product * dim, 1);
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    floatData: Array.from({ length: count }, next),
  });
}

function tensorInfo(name: string, elemType: number, shape: Array<string | number>): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: shape.map((dim) => (typeof dim === 'string' ? { dimParam: dim } : { dimValue: dim })) },
      },
    },
  });
}

/** Encodes the ONNX graph with weights drawn from `seed`. */
export function tinyBertOnnx(vocabSize: number, seed: number): Uint8Array {
  const next = random(seed);
  const { INT64, FLOAT } = onnx.TensorProto.DataType;
  const node = (opType: string, input: string[], output: string[], attribute: object[] = []) =>
    onnx.NodeProto.create({ opType, input, output, attribute, name: output[0] });
  const graph = onnx.GraphProto.create({
    name: 'tiny-bert',
    initializer: [
      floatTensor('word_embeddings', [vocabSize, TINY_HIDDEN_SIZE], next),
      floatTensor('token_type_embeddings', [2, TINY_HIDDEN_SIZE], next),
      floatTensor('dense', [TINY_HIDDEN_SIZE, TINY_HIDDEN_SIZE], next),
    ],
    node: [
      node('Gather', ['word_embeddings', 'input_ids'], ['words']),
      node('Gather', ['token_type_embeddings', 'token_type_ids'], ['types']),
      node('Add', ['words', 'types'], ['embedded']),
      node('MatMul', ['embedded', 'dense'], ['projected']),
      node('Tanh', ['projected'], ['activated']),
      node('Cast', ['attention_mask'], ['mask_float'], [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }]),
      node('Unsqueeze', ['mask_float'], ['mask_3d'], [{ name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [2] }]),
      node('Mul', ['activated', 'mask_3d'], ['last_hidden_state']),
    ],
    input: ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => tensorInfo(name, INT64, ['batch', 'sequence'])),
    output: [tensorInfo('last_hidden_state', FLOAT, ['batch', 'sequence', TINY_HIDDEN_SIZE])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 5,
    producerName: 'ans-faq-bot tests',
    opsetImport: [{ domain: '', version: 12 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

function tokenizerJson(vocab: Record<string, number>): object {
  const special = (content: string) => ({
    id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  });
  const template = (id: string) => ({ SpecialToken: { id, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [template('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, template('[SEP]')],
      pair: [template('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, template('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((token) => [token, { id: token, ids: [vocab[token]], tokens: [token] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
}

/**
 * Creates the model folder under `dir` and returns its path. The fp32 and
 * "quantized" files get different weights so tests can tell which one loaded.
 */
export async function writeTinyBertModel(dir: string): Promise<string> {
  const vocab = vocabulary();
  const size = Object.keys(vocab).length;
  await mkdir(join(dir, 'onnx'), { recursive: true });
  const json = (value: object) => `${JSON.stringify(value, null, 1)}\n`;
  await Promise.all([
    writeFile(
      join(dir, 'config.json'),
      json({
        model_type: 'bert',
        architectures: ['BertModel'],
        hidden_size: TINY_HIDDEN_SIZE,
        num_attention_heads: 2,
        num_hidden_layers: 1,
        intermediate_size: 32,
        max_position_embeddings: 64,
        type_vocab_size: 2,
        vocab_size: size,
      }),
    ),
    writeFile(join(dir, 'tokenizer.json'), json(tokenizerJson(vocab))),
    writeFile(
      join(dir, 'tokenizer_config.json'),
      json({
        tokenizer_class: 'BertTokenizer',
        do_lower_case: true,
        model_max_length: 64,
        cls_token: '[CLS]',
        sep_token: '[SEP]',
        pad_token: '[PAD]',
        unk_token: '[UNK]',
        mask_token: '[MASK]',
      }),
    ),
    writeFile(join(dir, 'onnx', 'model.onnx'), tinyBertOnnx(size, 1)),
    writeFile(join(dir, 'onnx', 'model_quantized.onnx'), tinyBertOnnx(size, 2)),
  ]);
  return dir;
}
