import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { assertStorageKey, copyHashed, FileStorage, InvalidStorageKeyError, type StoredFile, StoredFileNotFoundError } from './file-storage.js';

/**
 * Files in a folder of the local disk (`FILE_STORAGE_DIR`), one file per key. A file is
 * written under a temporary dot-name beside its final place, flushed, then renamed: a crash
 * or a failing source leaves at most a `.…part` file (no key ever names one), never a half
 * file under the key.
 */
export class LocalDiskStorage extends FileStorage {
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async put(key: string, source: Readable | Buffer): Promise<StoredFile> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const temporary = join(dirname(target), `.${basename(target)}.${randomUUID()}.part`);
    let stored: StoredFile;
    const destination = createWriteStream(temporary, { flags: 'wx', flush: true });
    try {
      stored = await copyHashed(source, destination);
      await rename(temporary, target);
    } catch (error) {
      // The file may still be opening when the source fails: until the stream has let go of it,
      // removing it could run first and the open create it again afterwards.
      if (!destination.closed) await new Promise<void>((closed) => destination.once('close', () => closed()));
      await rm(temporary, { force: true });
      throw error;
    }
    await syncDirectory(dirname(target));
    return stored;
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    try {
      // Opened here, so a missing file is an error of get() rather than of the stream.
      const handle = await open(path, 'r');
      if (!(await handle.stat()).isFile()) {
        await handle.close();
        throw new StoredFileNotFoundError(key);
      }
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') throw new StoredFileNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
      throw error;
    }
  }

  /** The file's path; the key's rules keep it inside the root, and this checks it again. */
  pathOf(key: string): string {
    assertStorageKey(key);
    const path = resolve(this.root, key);
    const inside = relative(this.root, path);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) throw new InvalidStorageKeyError(key, 'outside the storage root');
    return path;
  }
}

/** Makes a rename durable; some platforms cannot fsync a directory, and that is no error here. */
async function syncDirectory(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
