import busboy from 'busboy';
import type { Request } from 'express';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { type FieldProblem, ProblemException } from '../errors/problem.js';
import { type ContentCheck, createContentCheck, FileContentError } from './file-content.js';
import { fileNameMismatch, SNIFF_BYTES, sniffMediaType, SNIFFED_MEDIA_TYPES, type SniffedMediaType } from './file-type.js';

/** Room for the form's other fields and part headers beside the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

export interface UploadRules {
  /** Name of the one file field. */
  fileField: string;
  /** Names of the text fields allowed beside it; any other field is refused. */
  textFields: readonly string[];
  maxFileBytes: number;
  /** Media types accepted, as told by the file's first bytes. */
  mediaTypes: readonly SniffedMediaType[];
}

export interface IncomingFile {
  /** The name the client gave, unsanitised. */
  fileName: string | undefined;
  mediaType: SniffedMediaType;
}

export interface ReceivedUpload<T> {
  fields: Record<string, string>;
  file: IncomingFile & { stored: T };
}

const fieldProblem = (field: string, reason: string) => ProblemException.badRequest('validation-failed', `${field}: ${reason}`, [{ field, reason }]);

function fileTooLarge(maxFileBytes: number): ProblemException {
  return new ProblemException(413, 'file-too-large', 'Payload too large', `The file is larger than the ${maxFileBytes} bytes allowed.`, { maxBytes: maxFileBytes });
}

/**
 * The answer for a file whose content is refused: 422 naming the field `file`, with
 * `file-content-mismatch` when it is not the file it claims to be (malformed, or a name whose
 * extension says another type) and `active-content-refused` for a PDF with active content.
 */
export function contentProblem(field: string, error: FileContentError): ProblemException {
  const code = error.kind === 'active-content' ? 'active-content-refused' : 'file-content-mismatch';
  return ProblemException.unprocessable(code, `${field}: ${error.reason}.`, [{ field, reason: error.reason }]);
}

/**
 * Passes a file's bytes through while counting them, telling its type by its first bytes and
 * checking its whole structure as it goes (`createContentCheck`): stops with 413
 * `file-too-large` past the limit, 415 `unsupported-file-type` when the first bytes show none
 * of the accepted types, and 422 (`contentProblem`) when the name's extension says another
 * type (before any byte goes on) or the content is not a well-formed file of its type or
 * carries active content. That last check can only end with the last byte: the error then
 * comes instead of the stream's end, so a store never takes the file as whole. `mediaType`
 * settles once the type is known, before any byte goes on.
 */
class FileGuard extends Transform {
  readonly mediaType: Promise<SniffedMediaType>;
  private settleType!: { resolve: (type: SniffedMediaType) => void; reject: (error: Error) => void };
  private head: Buffer[] = [];
  private headLength = 0;
  private size = 0;
  private check: ContentCheck | undefined;

  constructor(
    private readonly rules: UploadRules,
    private readonly fileName: string | undefined,
  ) {
    super();
    this.mediaType = new Promise((resolve, reject) => (this.settleType = { resolve, reject }));
    // Failures reach the caller through mediaType and through whoever reads the stream; these
    // only keep a failure nobody is listening for yet from crashing the process.
    this.mediaType.catch(() => undefined);
    this.on('error', () => undefined);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.rules.maxFileBytes) return callback(fileTooLarge(this.rules.maxFileBytes));
    if (this.check) {
      try {
        this.check.push(chunk);
      } catch (error) {
        return callback(this.problem(error));
      }
      return callback(null, chunk);
    }
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) return callback();
    const head = this.decide();
    if (head instanceof Error) return callback(head);
    callback(null, head);
  }

  override _flush(callback: TransformCallback): void {
    if (!this.check) {
      if (this.headLength === 0) return callback(fieldProblem(this.rules.fileField, 'is empty'));
      const head = this.decide();
      if (head instanceof Error) return callback(head);
      this.push(head);
    }
    this.check!.end().then(
      () => callback(),
      (error: unknown) => callback(this.problem(error)),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.settleType.reject(error ?? new Error('upload ended early'));
    callback(error);
  }

  private problem(error: unknown): Error {
    if (error instanceof FileContentError) return contentProblem(this.rules.fileField, error);
    return error instanceof Error ? error : new Error(String(error));
  }

  /** The type, told by the first bytes and checked against the name: the head to pass on, or the problem. */
  private decide(): Buffer | Error {
    const head = Buffer.concat(this.head);
    this.head = [];
    const type = sniffMediaType(head);
    const accepted = this.rules.mediaTypes.map((t) => SNIFFED_MEDIA_TYPES[t].label).join(', ');
    if (!type || !this.rules.mediaTypes.includes(type)) {
      return new ProblemException(415, 'unsupported-file-type', 'Unsupported media type', `The file is not one of the accepted types (${this.rules.mediaTypes.join(', ')}); the type is told by the file's content, not its name.`, {
        errors: [{ field: this.rules.fileField, reason: `is not a ${accepted.replace(/, (?=[^,]*$)/, ' or ')} file` }],
      });
    }
    const mismatch = fileNameMismatch(this.fileName, type);
    if (mismatch) return contentProblem(this.rules.fileField, new FileContentError('malformed', mismatch));
    const check = createContentCheck(type);
    try {
      check.push(head);
    } catch (error) {
      return this.problem(error);
    }
    this.check = check;
    this.settleType.resolve(type);
    return head;
  }
}

/**
 * Reads a `multipart/form-data` request as it arrives: one file, streamed through `store`
 * with back-pressure (never held whole in memory) after its first bytes have shown its type,
 * and a few short text fields. Every fault of the client is a problem: 415 for a body that
 * is not multipart or a file of another type, 413 past the size limit (checked on the
 * declared length first, then while streaming), 400 naming the field for a missing file,
 * an unknown or repeated field, or a malformed body.
 *
 * Settles only once `store` has settled, so when it rejects the caller can remove whatever
 * `store` may have written and be sure nothing is still being written.
 */
export function receiveUpload<T>(req: Request, rules: UploadRules, store: (file: Readable, info: IncomingFile) => Promise<T>): Promise<ReceivedUpload<T>> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(new ProblemException(415, 'unsupported-media-type', 'Unsupported media type', `Send the file as multipart/form-data with the file in the field "${rules.fileField}".`));
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > rules.maxFileBytes + FORM_OVERHEAD_BYTES) return Promise.reject(fileTooLarge(rules.maxFileBytes));

  return new Promise<ReceivedUpload<T>>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fields: rules.textFields.length + 4, fieldSize: 2000, parts: rules.textFields.length + 6, headerPairs: 50, fileSize: rules.maxFileBytes + 1 },
      });
    } catch (error) {
      reject(ProblemException.badRequest('malformed-body', `The multipart body cannot be read: ${(error as Error).message}.`));
      return;
    }
    const fields: Record<string, string> = {};
    const problems: FieldProblem[] = [];
    let guard: FileGuard | undefined;
    let incoming: IncomingFile | undefined;
    let stored: Promise<T> | undefined;
    let settled = false;

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      parser.destroy();
      // Read and drop the rest of the body, so the answer reaches the client.
      req.resume();
      guard?.destroy(error instanceof Error ? error : new Error(String(error)));
      const done = () => reject(error);
      (stored ?? Promise.resolve()).then(done, done);
    };

    parser.on('field', (name, value, info) => {
      if (!rules.textFields.includes(name)) problems.push({ field: name, reason: name === rules.fileField ? 'must be a file' : 'is not a known field' });
      else if (name in fields) problems.push({ field: name, reason: 'is given more than once' });
      else if (info.valueTruncated) problems.push({ field: name, reason: 'is too long' });
      else fields[name] = value;
    });

    parser.on('file', (name, stream, info) => {
      if (name !== rules.fileField) {
        problems.push({ field: name, reason: 'is not a known field' });
        stream.resume();
        return;
      }
      guard = new FileGuard(rules, info.filename);
      const current = guard;
      stream.on('error', (error: Error) => current.destroy(error));
      stream.pipe(current);
      stored = current.mediaType.then((mediaType) => {
        incoming = { fileName: info.filename, mediaType };
        return store(current, incoming);
      });
      // The guard's own refusal (413, 415, 422) is the answer, whatever the store made of the stream ending.
      stored.catch((error: unknown) => fail(current.errored instanceof ProblemException ? current.errored : error));
    });

    parser.on('filesLimit', () => fail(fieldProblem(rules.fileField, 'only one file may be sent')));
    parser.on('fieldsLimit', () => fail(ProblemException.badRequest('validation-failed', 'Too many fields.')));
    parser.on('partsLimit', () => fail(ProblemException.badRequest('validation-failed', 'Too many parts.')));
    parser.on('error', (error: Error) => fail(ProblemException.badRequest('malformed-body', `The multipart body cannot be read: ${error.message}.`)));
    parser.on('close', () => {
      if (settled) return;
      if (!stored) problems.unshift({ field: rules.fileField, reason: 'is required: send the file in this field' });
      if (problems.length > 0) {
        fail(ProblemException.badRequest('validation-failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems));
        return;
      }
      stored!.then(
        (result) => {
          if (settled) return;
          settled = true;
          resolve({ fields, file: { ...incoming!, stored: result } });
        },
        fail,
      );
    });

    // A client that goes away mid-upload: stop storing; nothing is kept.
    req.on('close', () => {
      if (!req.complete) fail(ProblemException.badRequest('upload-aborted', 'The upload ended before the whole body arrived.'));
    });
    req.on('error', (error) => fail(error));
    req.pipe(parser);
  });
}
