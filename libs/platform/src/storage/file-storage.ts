import { createHash } from 'node:crypto';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a store knows of a file once it has it whole: its length and its SHA-256 (hex). */
export interface StoredFile {
  size: number;
  sha256: string;
}

export interface PutOptions {
  /** Media type kept with the object where the store keeps one (S3); local disk ignores it. */
  contentType?: string;
}

/**
 * Where files live: local disk by default, an S3-compatible store as an option. Keys are
 * relative paths of `[A-Za-z0-9._-]` segments separated by `/` (`intake/dossiers/X/<uuid>`);
 * no segment starts with a dot, so nothing climbs out of the store's root. A `put` is
 * all-or-nothing: a reader never sees a half-written file under its key.
 */
export abstract class FileStorage {
  /** Stores the bytes under `key` (replacing any file there) and answers their size and SHA-256. */
  abstract put(key: string, source: Readable | Buffer, options?: PutOptions): Promise<StoredFile>;

  /** The file's bytes as a stream; StoredFileNotFoundError when there is none. */
  abstract get(key: string): Promise<Readable>;

  /** Removes the file; removing one that is not there is not an error. */
  abstract delete(key: string): Promise<void>;

  abstract exists(key: string): Promise<boolean>;
}

export class StoredFileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored file under ${key}`);
    this.name = 'StoredFileNotFoundError';
  }
}

export class InvalidStorageKeyError extends Error {
  constructor(readonly key: string, reason: string) {
    super(`Invalid storage key ${JSON.stringify(key.slice(0, 200))}: ${reason}`);
    this.name = 'InvalidStorageKeyError';
  }
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_KEY_LENGTH = 1024;

/** Throws InvalidStorageKeyError unless `key` is a relative path the stores accept. */
export function assertStorageKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidStorageKeyError(String(key), 'empty');
  if (key.length > MAX_KEY_LENGTH) throw new InvalidStorageKeyError(key, `longer than ${MAX_KEY_LENGTH} characters`);
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment)) {
      throw new InvalidStorageKeyError(key, 'segments are letters, digits, ".", "_" and "-", never empty and never starting with a dot ("..", absolute paths and backslashes are refused)');
    }
  }
}

/** SHA-256 and length of a buffer, as a store reports them. */
export function describeBuffer(buffer: Buffer): StoredFile {
  return { size: buffer.length, sha256: createHash('sha256').update(buffer).digest('hex') };
}

/**
 * Copies `source` into `destination`, hashing and counting on the way. Rejects (and destroys
 * both) when either side fails, so the caller can remove what was partly written.
 */
export async function copyHashed(source: Readable | Buffer, destination: Writable): Promise<StoredFile> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  // Readable.from(buffer) would iterate bytes; one chunk is what is meant.
  await pipeline(Buffer.isBuffer(source) ? Readable.from([source]) : source, meter, destination);
  return { size, sha256: hash.digest('hex') };
}
