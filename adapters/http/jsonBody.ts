import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, inflate, type InputType, type ZlibOptions } from 'node:zlib';
import type { RequestHandler } from 'restify';
import { sendError } from './errorResponses.js';
import { jsonShapeProblem, type JsonShapeLimits } from './jsonShape.js';

/** What a route accepts as a JSON body. */
export interface JsonBodyLimits extends JsonShapeLimits {
  /** Largest body in bytes, counted both as received and after decompression. */
  readonly maxBytes: number;
}

/** A body the route cannot use: the HTTP status and a stable Direct Line-style error. */
export interface BodyRefusal {
  readonly kind: 'refused';
  readonly status: 400 | 413 | 415;
  readonly code: 'InvalidContent' | 'PayloadTooLarge' | 'UnsupportedMediaType';
  readonly message: string;
}

export type BodyResult = { readonly kind: 'ok'; readonly body: unknown } | BodyRefusal;

type Inflate = (buffer: InputType, options: ZlibOptions) => Promise<Buffer>;
/**
 * The encodings a client may compress its body with. zlib's one-shot functions take
 * `maxOutputLength`, so an inflated body stops growing at the route's limit
 * (a 400 KiB gzip bomb never becomes 400 MiB) and their errors come back as
 * rejections instead of being thrown from a stream outside any handler.
 */
const DECODERS: Readonly<Record<string, Inflate>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
};
const utf8 = new TextDecoder('utf-8', { fatal: true });

const refuse = (status: BodyRefusal['status'], message: string): BodyRefusal => ({
  kind: 'refused',
  status,
  code: status === 413 ? 'PayloadTooLarge' : status === 415 ? 'UnsupportedMediaType' : 'InvalidContent',
  message,
});

/**
 * Reads, decompresses, decodes and parses a JSON request body within `limits`.
 * Never throws for anything the client sent: every problem is a {@link BodyRefusal}
 * (413 too large, 415 unsupported encoding, media type or charset, 400 malformed).
 * An empty body is `undefined`.
 */
export async function readJsonBody(req: IncomingMessage, limits: JsonBodyLimits): Promise<BodyResult> {
  const encoding = contentEncoding(req.headers['content-encoding']);
  if (encoding.kind === 'refused') return encoding;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) return refuse(413, `the body must be at most ${limits.maxBytes} bytes`);

  const announced = declared > 0 || req.headers['transfer-encoding'] !== undefined;
  const mediaProblem = mediaTypeProblem(req.headers['content-type']);
  if (announced && mediaProblem) return refuse(415, mediaProblem);

  const raw = await readRaw(req, limits.maxBytes);
  if (raw.kind === 'refused') return raw;
  if (raw.bytes.length === 0) return { kind: 'ok', body: undefined };
  if (mediaProblem) return refuse(415, mediaProblem);

  let bytes = raw.bytes;
  if (encoding.decode) {
    try {
      bytes = await encoding.decode(raw.bytes, { maxOutputLength: limits.maxBytes });
    } catch (error) {
      // zlib reports an output beyond maxOutputLength as a RangeError; anything else is a corrupt stream.
      if (error instanceof RangeError) return refuse(413, `the decompressed body must be at most ${limits.maxBytes} bytes`);
      return refuse(400, `the body is not valid ${encoding.name} data`);
    }
  }

  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    // TextDecoder with `fatal` throws a TypeError on the first invalid byte sequence.
    return refuse(400, 'the body is not valid UTF-8');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // SyntaxError is the only failure of JSON.parse on a string.
    return refuse(400, 'the body is not valid JSON');
  }
  const shapeProblem = jsonShapeProblem(body, limits);
  return shapeProblem ? refuse(400, shapeProblem) : { kind: 'ok', body };
}

type Encoding =
  | { readonly kind: 'ok'; readonly name: string; readonly decode?: Inflate }
  | BodyRefusal;

/** The body's one content coding (`identity` when none); stacked or unknown codings are refused. */
function contentEncoding(header: string | undefined): Encoding {
  const codings = (header ?? '').split(',').map((coding) => coding.trim().toLowerCase()).filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return { kind: 'ok', name: 'identity' };
  const [name] = codings;
  if (codings.length > 1 || !Object.hasOwn(DECODERS, name)) return refuse(415, 'Content-Encoding must be gzip, deflate or identity');
  return { kind: 'ok', name, decode: DECODERS[name] };
}

/** Why the declared media type is not JSON in UTF-8, or undefined when it is. */
function mediaTypeProblem(header: string | undefined): string | undefined {
  const [type = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    return 'Content-Type must be application/json';
  }
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return 'the body must be encoded in UTF-8';
  return undefined;
}

/** The raw body, or a 413 as soon as more than `maxBytes` arrived (the rest is not buffered). */
function readRaw(req: IncomingMessage, maxBytes: number): Promise<{ readonly kind: 'ok'; readonly bytes: Buffer } | BodyRefusal> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (result: { readonly kind: 'ok'; readonly bytes: Buffer } | BodyRefusal): void => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > maxBytes) {
        // Stop buffering; the response closes the connection, which discards the rest.
        req.pause();
        finish(refuse(413, `the body must be at most ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ kind: 'ok', bytes: Buffer.concat(chunks) });
    // An aborted upload: there is nobody left to answer, but the handler chain still has to finish.
    const onError = (): void => finish(refuse(400, 'the body could not be read'));
    const onClose = (): void => {
      if (!req.complete) finish(refuse(400, 'the body could not be read'));
    };
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** Whether the request announces a body larger than `maxBytes`: refused unread, its connection is closed rather than drained. */
export function announcesOversizedBody(req: IncomingMessage, maxBytes: number): boolean {
  return Number(req.headers['content-length']) > maxBytes;
}

/**
 * restify handler reading the body with {@link readJsonBody} into `req.body`, in place of
 * restify's bodyReader (whose gzip stream threw outside any handler on a corrupt body).
 * A refused body is answered here and the connection closed, so its unread rest is dropped.
 */
export function jsonBodyHandler(limits: JsonBodyLimits): RequestHandler {
  // Callback style on purpose: only `next(false)` stops a restify chain.
  return (req, res, next) => {
    readJsonBody(req, limits).then(
      (result) => {
        if (result.kind === 'ok') {
          req.body = result.body;
          next();
          return;
        }
        // Only an oversized body is left unread on purpose: close then. Otherwise Node reads and drops the rest, and the
        // client gets its answer (closing with unread data makes the kernel reset the connection, answer included).
        sendError(res, result.status, { error: { code: result.code, message: result.message } }, result.status === 413);
        next(false);
      },
      // readJsonBody does not reject on client input: this is a defect, answered as a generic 500.
      (error: unknown) => next(error instanceof Error ? error : new Error('readJsonBody failed', { cause: error })),
    );
  };
}

