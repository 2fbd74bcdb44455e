import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { attachmentDisposition } from '@onestop/platform';

/** A stored file as a download: its type, length and name, its SHA-256 as ETag and Repr-Digest, never sniffed by the browser. */
export function fileDownload(response: Response, file: { content: Readable | Buffer; mediaType: string; size: number; fileName: string; sha256: string }): StreamableFile {
  response.setHeader('ETag', `"${file.sha256}"`);
  response.setHeader('Cache-Control', 'private, no-cache');
  response.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  const options = { type: file.mediaType, length: file.size, disposition: attachmentDisposition(file.fileName) };
  return Buffer.isBuffer(file.content) ? new StreamableFile(file.content, options) : new StreamableFile(file.content, options);
}
