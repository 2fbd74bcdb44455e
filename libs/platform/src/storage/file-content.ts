import { crc32 } from 'node:zlib';
import { type ContentCheck, FileContentError } from './content-check.js';
import type { SniffedMediaType } from './file-type.js';
import { PdfContentCheck } from './pdf-content.js';

export { type ContentCheck, FileContentError } from './content-check.js';

/** The structural check for files of `type`. */
export function createContentCheck(type: SniffedMediaType): ContentCheck {
  switch (type) {
    case 'application/pdf':
      return new PdfContentCheck();
    case 'image/jpeg':
      return new JpegContentCheck();
    case 'image/png':
      return new PngContentCheck();
  }
}

/** Checks a whole file held in memory (tests, small files): resolves, or rejects with FileContentError. */
export async function checkFileContent(type: SniffedMediaType, bytes: Buffer): Promise<void> {
  const check = createContentCheck(type);
  check.push(bytes);
  await check.end();
}

const malformed = (reason: string) => new FileContentError('malformed', reason);

/** Start-of-frame markers (SOF0-SOF15 but DHT, JPG and DAC). */
const isFrameMarker = (code: number) => code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc;

/**
 * JPEG (ITU T.81 / JFIF): SOI, then well-formed marker segments, a frame header (SOF) with a
 * sane size and component count before the first scan (SOS), entropy-coded data, and EOI.
 * Bytes after EOI are allowed and kept: cameras and phones put further pictures there (MPF,
 * motion photos).
 */
export class JpegContentCheck implements ContentCheck {
  private state: 'soi' | 'marker' | 'code' | 'length' | 'body' | 'entropy' | 'entropy-ff' | 'done' = 'soi';
  private offset = 0;
  private soi: number[] = [];
  private code = 0;
  private lengthBytes: number[] = [];
  private remaining = 0;
  private body: number[] = [];
  private frame = false;
  private scan = false;

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      switch (this.state) {
        case 'soi':
          this.soi.push(chunk[i++]);
          if (this.soi.length === 2) {
            if (this.soi[0] !== 0xff || this.soi[1] !== 0xd8) throw malformed('is not a JPEG image: it does not start with a start-of-image marker');
            this.state = 'marker';
          }
          break;
        case 'marker':
          if (chunk[i] !== 0xff) throw malformed(`is not a well-formed JPEG image: a marker is expected at byte ${this.offset + i}`);
          i++;
          this.state = 'code';
          break;
        case 'code':
        case 'entropy-ff': {
          const code = chunk[i++];
          if (code === 0xff) break; // fill bytes
          if (this.state === 'entropy-ff' && (code === 0x00 || (code >= 0xd0 && code <= 0xd7))) {
            this.state = 'entropy'; // a stuffed 0xFF or a restart marker inside the scan
            break;
          }
          this.marker(code);
          break;
        }
        case 'length':
          this.lengthBytes.push(chunk[i++]);
          if (this.lengthBytes.length === 2) {
            const length = (this.lengthBytes[0] << 8) | this.lengthBytes[1];
            if (length < 2) throw malformed(`is not a well-formed JPEG image: a segment at byte ${this.offset + i} has length ${length}`);
            this.remaining = length - 2;
            this.body = [];
            this.state = 'body';
            if (this.remaining === 0) this.segmentDone();
          }
          break;
        case 'body': {
          const take = Math.min(this.remaining, chunk.length - i);
          if (this.keepsBody()) for (let k = 0; k < take; k++) this.body.push(chunk[i + k]);
          i += take;
          this.remaining -= take;
          if (this.remaining === 0) this.segmentDone();
          break;
        }
        case 'entropy': {
          const ff = chunk.indexOf(0xff, i);
          if (ff === -1) i = chunk.length;
          else {
            i = ff + 1;
            this.state = 'entropy-ff';
          }
          break;
        }
        case 'done':
          i = chunk.length;
          break;
      }
    }
    this.offset += chunk.length;
  }

  async end(): Promise<void> {
    if (this.state === 'done') return;
    if (!this.frame || !this.scan) throw malformed('is not a JPEG image: it holds no picture (no frame and scan before its end)');
    throw malformed('is not a complete JPEG image: it ends before its end-of-image marker');
  }

  private keepsBody(): boolean {
    return isFrameMarker(this.code) || this.code === 0xda;
  }

  private marker(code: number): void {
    this.code = code;
    if (code === 0xd9) {
      if (!this.frame || !this.scan) throw malformed('is not a JPEG image: it ends before any picture (no frame and scan)');
      this.state = 'done';
    } else if (code === 0xd8 || code === 0x00) {
      throw malformed('is not a well-formed JPEG image: an unexpected marker in its headers');
    } else if (code === 0x01 || (code >= 0xd0 && code <= 0xd7)) {
      this.state = 'marker'; // markers without a length
    } else {
      if (code === 0xda && !this.frame) throw malformed('is not a well-formed JPEG image: a scan comes before the frame header');
      this.lengthBytes = [];
      this.state = 'length';
    }
  }

  private segmentDone(): void {
    const body = this.body;
    if (isFrameMarker(this.code)) {
      const components = body[5];
      const width = (body[3] << 8) | body[4];
      if (body.length < 6 || ![8, 12, 16].includes(body[0]) || width === 0 || components < 1 || components > 4 || body.length !== 6 + 3 * components) {
        throw malformed('is not a well-formed JPEG image: its frame header is invalid');
      }
      this.frame = true;
      this.state = 'marker';
    } else if (this.code === 0xda) {
      const components = body[0];
      if (components < 1 || components > 4 || body.length !== 4 + 2 * components) throw malformed('is not a well-formed JPEG image: a scan header is invalid');
      this.scan = true;
      this.state = 'entropy';
    } else {
      this.state = 'marker';
    }
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Bit depths each colour type allows (PNG spec, table 11.1). */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const PNG_CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);

/**
 * PNG (ISO 15948): the signature, then chunks each with a valid CRC: IHDR first (a sane
 * header), PLTE where the colour type needs one, at least one IDAT, no unknown critical chunk,
 * and IEND last, with nothing after it.
 */
export class PngContentCheck implements ContentCheck {
  private state: 'signature' | 'header' | 'data' | 'crc' | 'done' = 'signature';
  private pending: number[] = [];
  private type = '';
  private remaining = 0;
  private crc = 0;
  private data: number[] = [];
  private chunks = 0;
  private colourType = -1;
  private palette = false;
  private imageData = false;

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      switch (this.state) {
        case 'signature':
          this.pending.push(chunk[i++]);
          if (this.pending.length === 8) {
            if (!Buffer.from(this.pending).equals(PNG_SIGNATURE)) throw malformed('is not a PNG image: its signature is wrong');
            this.pending = [];
            this.state = 'header';
          }
          break;
        case 'header':
          this.pending.push(chunk[i++]);
          if (this.pending.length === 8) this.chunkStart(Buffer.from(this.pending));
          break;
        case 'data': {
          const take = Math.min(this.remaining, chunk.length - i);
          const part = chunk.subarray(i, i + take);
          this.crc = crc32(part, this.crc);
          if (this.type !== 'IDAT' && this.data.length < 1024) for (const byte of part.subarray(0, 1024 - this.data.length)) this.data.push(byte);
          i += take;
          this.remaining -= take;
          if (this.remaining === 0) {
            this.pending = [];
            this.state = 'crc';
          }
          break;
        }
        case 'crc':
          this.pending.push(chunk[i++]);
          if (this.pending.length === 4) this.chunkEnd(Buffer.from(this.pending).readUInt32BE(0));
          break;
        case 'done':
          throw malformed('is not a well-formed PNG image: there are bytes after its end (IEND)');
      }
    }
  }

  async end(): Promise<void> {
    if (this.state !== 'done') throw malformed('is not a complete PNG image: it ends before its end chunk (IEND)');
  }

  private chunkStart(header: Buffer): void {
    const length = header.readUInt32BE(0);
    this.type = header.toString('latin1', 4, 8);
    if (!/^[A-Za-z]{4}$/.test(this.type) || length > 0x7fffffff) throw malformed('is not a well-formed PNG image: a chunk header is invalid');
    if (this.chunks === 0 && (this.type !== 'IHDR' || length !== 13)) throw malformed('is not a well-formed PNG image: it does not start with its header chunk (IHDR)');
    if (this.chunks > 0 && this.type === 'IHDR') throw malformed('is not a well-formed PNG image: it has two header chunks');
    if (this.type === 'IEND' && length !== 0) throw malformed('is not a well-formed PNG image: its end chunk is not empty');
    if (/^[A-Z]/.test(this.type) && !PNG_CRITICAL.has(this.type)) throw malformed(`is not a PNG image viewers can show: it has an unknown critical chunk "${this.type}"`);
    this.chunks++;
    this.crc = crc32(header.subarray(4, 8));
    this.data = [];
    this.remaining = length;
    this.pending = [];
    this.state = length === 0 ? 'crc' : 'data';
  }

  private chunkEnd(expected: number): void {
    if (expected !== this.crc >>> 0) throw malformed(`is not a well-formed PNG image: the checksum of its "${this.type}" chunk is wrong`);
    const data = Buffer.from(this.data);
    switch (this.type) {
      case 'IHDR': {
        const width = data.readUInt32BE(0);
        const height = data.readUInt32BE(4);
        const [depth, colourType, compression, filter, interlace] = data.subarray(8, 13);
        if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff || !PNG_DEPTHS[colourType]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) {
          throw malformed('is not a well-formed PNG image: its header chunk (IHDR) is invalid');
        }
        this.colourType = colourType;
        break;
      }
      case 'PLTE':
        if (this.data.length === 0 || this.data.length % 3 !== 0 || this.data.length > 768) throw malformed('is not a well-formed PNG image: its palette is invalid');
        this.palette = true;
        break;
      case 'IDAT':
        if (this.colourType === 3 && !this.palette) throw malformed('is not a well-formed PNG image: its image data comes before the palette it needs');
        this.imageData = true;
        break;
      case 'IEND':
        if (!this.imageData) throw malformed('is not a PNG image: it holds no image data (IDAT)');
        this.state = 'done';
        return;
    }
    this.pending = [];
    this.state = 'header';
  }
}
