import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { InvalidStorageKeyError, StoredFileNotFoundError } from './file-storage.js';
import { LocalDiskStorage } from './local-disk-storage.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every file under a folder, hidden ones included, as paths relative to it. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(folder.length + 1)).sort();
}

describe('LocalDiskStorage', () => {
  let sandbox: string;
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    sandbox = await mkdtemp(join(tmpdir(), 'onestop-storage-'));
    root = join(sandbox, 'files');
    storage = new LocalDiskStorage(root);
  });

  afterEach(async () => {
    await rm(sandbox, { recursive: true, force: true });
  });

  it('stores a buffer and a stream, answers their size and SHA-256, and gives the bytes back', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% tiny\n%%EOF\n');
    expect(await storage.put('intake/dossiers/A-1/one', pdf)).toEqual({ size: pdf.length, sha256: sha256(pdf) });
    const parts = [Buffer.alloc(70000, 1), Buffer.from('middle'), Buffer.alloc(5, 2)];
    const whole = Buffer.concat(parts);
    expect(await storage.put('intake/dossiers/A-1/two', Readable.from(parts))).toEqual({ size: whole.length, sha256: sha256(whole) });
    expect(await readAll(await storage.get('intake/dossiers/A-1/one'))).toEqual(pdf);
    expect(await readAll(await storage.get('intake/dossiers/A-1/two'))).toEqual(whole);
    expect(await readFile(join(root, 'intake/dossiers/A-1/two'))).toEqual(whole);
    expect(await storage.exists('intake/dossiers/A-1/one')).toBe(true);
    expect(await filesUnder(root)).toEqual(['intake/dossiers/A-1/one', 'intake/dossiers/A-1/two']);
  });

  it('replaces a file put again under the same key', async () => {
    await storage.put('k', Buffer.from('first'));
    await storage.put('k', Buffer.from('second'));
    expect((await readAll(await storage.get('k'))).toString()).toBe('second');
  });

  it('deletes, idempotently, and reports what is missing', async () => {
    await storage.put('a/b', Buffer.from('x'));
    await storage.delete('a/b');
    await storage.delete('a/b');
    expect(await storage.exists('a/b')).toBe(false);
    await expect(storage.get('a/b')).rejects.toBeInstanceOf(StoredFileNotFoundError);
    await expect(storage.get('a')).rejects.toBeInstanceOf(StoredFileNotFoundError);
    expect(await storage.exists('a')).toBe(false);
  });

  it.each([['../outside'], ['a/../../outside'], ['/etc/passwd'], ['a\\..\\b'], ['.hidden'], ['a/./b'], ['a//b'], ['a/'], [''], ['a/b\u0000c'], ['ä/b']])(
    'refuses the key %j and writes nothing',
    async (key) => {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.exists(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      expect(await filesUnder(sandbox)).toEqual([]);
    },
  );

  it('cannot be made to delete or read a file outside its root', async () => {
    await writeFile(join(sandbox, 'secret'), 'keep me');
    await expect(storage.delete('../secret')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.get('../secret')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    expect(await readFile(join(sandbox, 'secret'), 'utf8')).toBe('keep me');
  });

  it('leaves no file, whole or half, when the source fails midway, and keeps the previous one', async () => {
    await storage.put('docs/kept', Buffer.from('previous'));
    const failing = (key: string) =>
      storage.put(
        key,
        new Readable({
          read() {
            this.push(Buffer.alloc(64 * 1024, 7));
            setImmediate(() => this.destroy(new Error('client went away')));
          },
        }),
      );
    await expect(failing('docs/new')).rejects.toThrow('client went away');
    await expect(failing('docs/kept')).rejects.toThrow('client went away');
    expect(await storage.exists('docs/new')).toBe(false);
    expect((await readAll(await storage.get('docs/kept'))).toString()).toBe('previous');
    expect(await filesUnder(root)).toEqual(['docs/kept']);
  });
});
