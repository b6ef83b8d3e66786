/**
 * Reading an uploaded report: byte-bounded, chunk by chunk, so a 10 GB upload costs at most `maxBytes` of reading
 * before it is refused, and never sits whole in memory. Works with a Node Readable (an upload part from busboy), a
 * web ReadableStream, any async iterable of bytes, or a Buffer already in memory.
 */

import { reportTooLarge, unsupportedReport } from "./import-errors";

export type ReportInput = Uint8Array | string | AsyncIterable<Uint8Array | string>;

/** Slices in-memory input so the parsers see the same chunk sizes as with a stream (bounded working memory). */
const IN_MEMORY_SLICE_BYTES = 1024 * 1024;

async function* chunksOf(input: ReportInput): AsyncGenerator<Uint8Array> {
  if (typeof input === "string") {
    yield* sliceBytes(new TextEncoder().encode(input));
    return;
  }
  if (input instanceof Uint8Array) {
    yield* sliceBytes(input);
    return;
  }
  for await (const chunk of input) {
    yield typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
  }
}

function* sliceBytes(bytes: Uint8Array): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += IN_MEMORY_SLICE_BYTES) {
    yield bytes.subarray(offset, offset + IN_MEMORY_SLICE_BYTES);
  }
}

/**
 * Yields the input's bytes and throws a 413 DomainError as soon as more than `maxBytes` arrived. Leaving the loop
 * early (by this error or any parse error) calls `return()` on the source iterator, which destroys a Node stream:
 * the rest of an oversized upload is not read.
 */
export async function* limitBytes(input: ReportInput, maxBytes: number): AsyncGenerator<Uint8Array> {
  let received = 0;
  for await (const chunk of chunksOf(input)) {
    received += chunk.length;
    if (received > maxBytes) throw reportTooLarge(maxBytes);
    yield chunk;
  }
}

/** The first bytes of a byte stream, and the whole stream again (prefix included) for the parser. */
export interface PeekedInput {
  readonly prefix: Uint8Array;
  readonly all: AsyncIterable<Uint8Array>;
  /** Releases the source (destroys a Node stream) when `all` will not be consumed. */
  close(): Promise<void>;
}

export async function peekPrefix(source: AsyncIterable<Uint8Array>, prefixBytes: number): Promise<PeekedInput> {
  const iterator = source[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let bufferedLength = 0;
  let exhausted = false;
  while (bufferedLength < prefixBytes) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    buffered.push(next.value);
    bufferedLength += next.value.length;
  }
  const joined = concatBytes(buffered, bufferedLength);
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      if (joined.length > 0) yield joined;
      if (exhausted) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // Propagates an early exit to the source so a Node stream is destroyed rather than left paused.
      if (!exhausted) await iterator.return?.();
    }
  }
  return {
    prefix: joined.subarray(0, prefixBytes),
    all: replay(),
    close: async () => {
      if (!exhausted) await iterator.return?.();
    },
  };
}

function concatBytes(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

/** Decodes UTF-8 strictly (a byte sequence that is not UTF-8 is refused, not replaced by "�"); drops a BOM. */
export async function* decodeUtf8(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let offset = 0;
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw unsupportedReport(`le fichier n'est pas encodé en UTF-8 (octet invalide après l'octet ${offset})`, {
        byteOffset: offset,
      });
    }
  };
  for await (const chunk of source) {
    const text = decode(chunk);
    offset += chunk.length;
    if (text.length > 0) yield text;
  }
  const tail = decode();
  if (tail.length > 0) yield tail;
}
