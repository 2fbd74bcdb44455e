import { crc32, deflateSync } from 'node:zlib';

/**
 * Real files of each accepted type, made in the test, for the upload checks: small, but each a
 * well-formed file a viewer opens. Crafted PDFs (with JavaScript, embedded files, object
 * streams) come from `buildPdf`.
 */

const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];

/**
 * An 8×8 mid-grey baseline JPEG (JFIF): one component, one quantisation table, the smallest
 * Huffman tables that code a block whose coefficients are all zero (DC difference 0, then
 * end-of-block), and that one block.
 */
export function sampleJpeg(): Buffer {
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xe0, [...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    // DC table 0 and AC table 0: one code of one bit each (DC category 0; AC end-of-block).
    ...segment(0xc4, [0x00, 1, ...new Array<number>(15).fill(0), 0x00]),
    ...segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    // "0" (DC 0), "0" (EOB), padded with ones.
    0x3f,
    0xff, 0xd9,
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG of `width`×`height` RGB pixels of one colour. */
export function samplePng(width = 2, height = 2, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A stream object's body: `dict` (without its brackets) and the data, with the right /Length. */
export function pdfStream(dict: string, data: Buffer | string): string {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1');
  return `<< ${dict} /Length ${bytes.length} >>\nstream\n${bytes.toString('latin1')}\nendstream`;
}

export interface PdfBuildOptions {
  /** Object numbers (1-based) kept in one FlateDecode object stream, with a cross-reference stream, rather than at the top level. */
  compressed?: number[];
  /** The object stream's dictionary entries besides /N, /First, /Length (default `/Type /ObjStm /Filter /FlateDecode`). */
  objectStreamDict?: string;
  /** Encodes the object stream's content (default: deflate). */
  encode?: (content: Buffer) => Buffer;
  /** Trailer entries besides /Size and /Root. */
  trailer?: string;
}

/**
 * A PDF of the given object bodies (object 1 is the catalog, `<< ... >>` or a stream from
 * `pdfStream`), numbered from 1, with correct offsets: a classic cross-reference table, or,
 * when some objects are `compressed`, an object stream and a cross-reference stream.
 */
export function buildPdf(objects: string[], options: PdfBuildOptions = {}): Buffer {
  const compressed = new Set(options.compressed ?? []);
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets = new Map<number, number>();
  objects.forEach((object, index) => {
    if (compressed.has(index + 1)) return;
    offsets.set(index + 1, Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const trailer = `/Root 1 0 R${options.trailer ? ` ${options.trailer}` : ''}`;
  if (compressed.size === 0) {
    const xref = Buffer.byteLength(body, 'latin1');
    body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (let n = 1; n <= objects.length; n++) body += `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
    body += `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(body, 'latin1');
  }
  // The object stream: "number offset" pairs, then the objects.
  const members = [...compressed].sort((a, b) => a - b);
  let header = '';
  let content = '';
  for (const n of members) {
    header += `${n} ${content.length} `;
    content += `${objects[n - 1]}\n`;
  }
  const raw = Buffer.from(header + content, 'latin1');
  const encoded = (options.encode ?? deflateSync)(raw);
  const streamNumber = objects.length + 1;
  offsets.set(streamNumber, Buffer.byteLength(body, 'latin1'));
  body += `${streamNumber} 0 obj\n${pdfStream(`${options.objectStreamDict ?? '/Type /ObjStm /Filter /FlateDecode'} /N ${members.length} /First ${header.length}`, encoded)}\nendobj\n`;
  const xrefNumber = objects.length + 2;
  const xrefOffset = Buffer.byteLength(body, 'latin1');
  offsets.set(xrefNumber, xrefOffset);
  const entries: Buffer[] = [Buffer.from([0, 0, 0, 0, 0, 0xff, 0xff])];
  for (let n = 1; n <= xrefNumber; n++) {
    const entry = Buffer.alloc(7);
    if (compressed.has(n)) {
      entry[0] = 2;
      entry.writeUInt32BE(streamNumber, 1);
      entry.writeUInt16BE(members.indexOf(n), 5);
    } else {
      entry[0] = 1;
      entry.writeUInt32BE(offsets.get(n)!, 1);
    }
    entries.push(entry);
  }
  const xrefData = deflateSync(Buffer.concat(entries));
  body += `${xrefNumber} 0 obj\n${pdfStream(`/Type /XRef /Size ${xrefNumber + 1} /W [1 4 2] /Filter /FlateDecode ${trailer}`, xrefData)}\nendobj\n`;
  body += `startxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The catalog, page tree and one page with a line of text: what `buildPdf` needs for a minimal document. */
export function onePageObjects(text = 'Don de nghi', catalogExtra = ''): string[] {
  return [
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    pdfStream('', `BT /F1 12 Tf 10 50 Td (${text}) Tj ET`),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
}

/** A one-page PDF made by pdfkit (compressed content, an info dictionary): what a real producer writes. */
export async function pdfkitPdf(text = 'Đơn đề nghị'): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A6', info: { Title: 'Mẫu', Producer: 'onestop tests' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(14).text(text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'));
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
