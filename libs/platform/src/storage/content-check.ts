/**
 * Why a file is refused after its first bytes were accepted: `malformed` when it is not the
 * well-formed file of the type it starts like (a JPEG with no image in it, `%PDF-<html>`),
 * `active-content` when it is, but carries what a reader would run or open (a PDF's
 * JavaScript, launch actions, embedded files) or hides its structure where it cannot be checked.
 */
export class FileContentError extends Error {
  constructor(
    readonly kind: 'malformed' | 'active-content',
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'FileContentError';
  }
}

/**
 * A check of a file's structure fed as its bytes stream in, so a file is judged whole without
 * being held whole in memory: `push` each chunk in order (it throws FileContentError as soon
 * as the bytes show the file is wrong), then `end` (rejects with FileContentError when the file
 * as a whole is wrong). Nothing is changed: the bytes stored are the bytes sent.
 */
export interface ContentCheck {
  push(chunk: Buffer): void;
  end(): Promise<void>;
}
