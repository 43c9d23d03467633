// A tiny sentence-embedding model in the Hugging Face layout, written at test time: a BERT-style
// WordPiece tokenizer over a small vocabulary and an ONNX graph that looks each token up in a fixed
// table (Gather), so the words of one topic get nearby vectors and everything else is unrelated.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { gaussian } from '../src/search/random.ts';

const { onnx } = onnxProto;

export interface TinyModelSpec {
  /** Words of one topic share a direction (each word adds a little noise of its own). */
  topics: Record<string, readonly string[]>;
  /** Further words, each with a random direction of its own. */
  words?: readonly string[];
  dims?: number;
  /** config.json's max_position_embeddings (512) and tokenizer_config.json's model_max_length (512; null leaves it out). */
  maxPositions?: number;
  modelMaxLength?: number | null;
}

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

/** A seed from a string, so a word's vector does not depend on the order of the vocabulary. */
function seedOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32LE(0);
}

function randomVector(seed: string, dims: number): number[] {
  const next = gaussian(seedOf(seed));
  return Array.from({ length: dims }, () => next());
}

/** The vocabulary (special tokens first, as BERT has them) and the embedding table, row by row. */
export function tinyTable(spec: TinyModelSpec): { vocab: string[]; table: Float32Array; dims: number } {
  const dims = spec.dims ?? 32;
  const rows = new Map<string, number[]>();
  const centres: number[][] = [];
  for (const [topic, words] of Object.entries(spec.topics)) {
    // Topics at right angles to each other (Gram–Schmidt), so two topics never look alike by chance.
    const centre = randomVector(`topic:${topic}`, dims);
    for (const c of centres) {
      const dot = c.reduce((s, x, i) => s + x * centre[i]!, 0);
      c.forEach((x, i) => (centre[i]! -= dot * x));
    }
    const norm = Math.hypot(...centre);
    centres.push(centre.map((x) => x / norm));
    const scaled = centres.at(-1)!.map((x) => x * Math.sqrt(dims));
    for (const w of words) {
      const noise = randomVector(`word:${w}`, dims);
      rows.set(w, scaled.map((c, i) => c + 0.15 * noise[i]!));
    }
  }
  for (const w of spec.words ?? []) if (!rows.has(w)) rows.set(w, randomVector(`word:${w}`, dims));
  const vocab = [...SPECIAL, ...rows.keys()];
  const table = new Float32Array(vocab.length * dims);
  // Special tokens stay zero: they add nothing to a mean-pooled sentence vector.
  vocab.forEach((w, i) => rows.get(w)?.forEach((v, j) => (table[i * dims + j] = v)));
  return { vocab, table, dims };
}

function tensorInput(name: string, elemType: number, shape: (string | number)[]) {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
  };
}

/**
 * last_hidden_state = (word_embeddings[input_ids] + token_type_embeddings[token_type_ids]) × attention_mask,
 * with the inputs and output a BERT encoder exported to ONNX has.
 */
export function tinyOnnxModel(table: Float32Array, vocabSize: number, dims: number): Uint8Array {
  const { FLOAT, INT64 } = onnx.TensorProto.DataType;
  const node = (opType: string, input: string[], output: string[], attribute: object[] = []) => ({ opType, input, output, name: output[0], attribute });
  const graph = {
    name: 'tiny-embedder',
    input: [
      tensorInput('input_ids', INT64, ['batch_size', 'sequence_length']),
      tensorInput('attention_mask', INT64, ['batch_size', 'sequence_length']),
      tensorInput('token_type_ids', INT64, ['batch_size', 'sequence_length']),
    ],
    output: [tensorInput('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', dims])],
    initializer: [
      { name: 'word_embeddings', dataType: FLOAT, dims: [vocabSize, dims], rawData: new Uint8Array(table.buffer, table.byteOffset, table.byteLength) },
      { name: 'token_type_embeddings', dataType: FLOAT, dims: [2, dims], rawData: new Uint8Array(2 * dims * 4) },
      { name: 'last_axis', dataType: INT64, dims: [1], int64Data: [-1] },
    ],
    node: [
      node('Gather', ['word_embeddings', 'input_ids'], ['words']),
      node('Gather', ['token_type_embeddings', 'token_type_ids'], ['types']),
      node('Add', ['words', 'types'], ['summed']),
      node('Cast', ['attention_mask'], ['mask'], [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }]),
      node('Unsqueeze', ['mask', 'last_axis'], ['mask3']),
      node('Mul', ['summed', 'mask3'], ['last_hidden_state']),
    ],
  };
  const model = onnx.ModelProto.create({ irVersion: 8, producerName: 'paperboy-tests', opsetImport: [{ domain: '', version: 13 }], graph });
  return onnx.ModelProto.encode(model).finish();
}

/** A WordPiece tokenizer.json: lower-casing BERT normalizer, [CLS] … [SEP] around each text. */
export function tinyTokenizer(vocab: string[]): object {
  const special = (id: number) => ({ id, content: vocab[id], single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const token = (t: string) => ({ id: t, ids: [vocab.indexOf(t)], tokens: [t] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((_, i) => special(i)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': token('[CLS]'), '[SEP]': token('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((w, i) => [w, i])) },
  };
}

/** Writes the model directory (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx); returns the table. */
export function writeTinyModel(dir: string, spec: TinyModelSpec): { vocab: string[]; table: Float32Array; dims: number } {
  const t = tinyTable(spec);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), tinyOnnxModel(t.table, t.vocab.length, t.dims));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tinyTokenizer(t.vocab)));
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: spec.modelMaxLength === undefined ? 512 : (spec.modelMaxLength ?? undefined), cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' }),
  );
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      model_type: 'bert', architectures: ['BertModel'], vocab_size: t.vocab.length, hidden_size: t.dims, num_hidden_layers: 1, num_attention_heads: 1,
      intermediate_size: t.dims, max_position_embeddings: spec.maxPositions ?? 512, type_vocab_size: 2, pad_token_id: 0,
    }),
  );
  return t;
}
