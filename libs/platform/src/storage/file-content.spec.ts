import { describe, expect, it } from '@jest/globals';
import { deflateSync } from 'node:zlib';
import { buildPdf, onePageObjects, pdfkitPdf, pdfStream, sampleJpeg, samplePng } from '../testing/sample-files.js';
import { checkFileContent, createContentCheck, FileContentError } from './file-content.js';
import { fileNameExtension, fileNameForType, fileNameMismatch, type SniffedMediaType } from './file-type.js';

/** The check's verdict: 'ok', or the kind and reason of the refusal. */
async function verdict(type: SniffedMediaType, bytes: Buffer): Promise<string> {
  try {
    await checkFileContent(type, bytes);
    return 'ok';
  } catch (error) {
    if (!(error instanceof FileContentError)) throw error;
    return `${error.kind}: ${error.reason}`;
  }
}

/** The same file fed in chunks of `size` bytes, as an upload arrives. */
async function verdictInChunks(type: SniffedMediaType, bytes: Buffer, size: number): Promise<string> {
  const check = createContentCheck(type);
  try {
    for (let i = 0; i < bytes.length; i += size) check.push(bytes.subarray(i, i + size));
    await check.end();
    return 'ok';
  } catch (error) {
    if (!(error instanceof FileContentError)) throw error;
    return `${error.kind}: ${error.reason}`;
  }
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');
/** The 1×1 PNG the e2e tests upload. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('JPEG check', () => {
  it('accepts a real JPEG, however it is cut into chunks, and bytes after its end (cameras keep pictures there)', async () => {
    const jpeg = sampleJpeg();
    expect(await verdict('image/jpeg', jpeg)).toBe('ok');
    for (const size of [1, 2, 3, 7, 64]) expect(await verdictInChunks('image/jpeg', jpeg, size)).toBe('ok');
    expect(await verdict('image/jpeg', Buffer.concat([jpeg, sampleJpeg()]))).toBe('ok');
  });

  it('refuses the first bytes of a JPEG alone, a JPEG cut short, and one with no picture', async () => {
    const jpeg = sampleJpeg();
    expect(await verdict('image/jpeg', Buffer.from([0xff, 0xd8, 0xff]))).toMatch(/^malformed: .*no picture/);
    expect(await verdict('image/jpeg', jpeg.subarray(0, jpeg.length - 2))).toMatch(/^malformed: .*end-of-image/);
    expect(await verdict('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toMatch(/^malformed: .*no frame/);
    // Headers, then HTML instead of image data.
    expect(await verdict('image/jpeg', Buffer.concat([jpeg.subarray(0, 20), latin1('<html><script>alert(1)</script></html>')]))).toMatch(/^malformed/);
  });

  it('refuses broken segments: a zero length, a scan before the frame, an impossible frame', async () => {
    expect(await verdict('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00, 0xff, 0xd9]))).toMatch(/^malformed: .*length 0/);
    expect(await verdict('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0, 0x3f, 0xff, 0xd9]))).toMatch(/^malformed: .*scan comes before/);
    const zeroWidth = Buffer.from(sampleJpeg());
    const sof = zeroWidth.indexOf(Buffer.from([0xff, 0xc0]));
    zeroWidth.writeUInt16BE(0, sof + 7);
    expect(await verdict('image/jpeg', zeroWidth)).toMatch(/^malformed: .*frame header/);
  });
});

describe('PNG check', () => {
  it('accepts real PNGs, in any chunking', async () => {
    expect(await verdict('image/png', TINY_PNG)).toBe('ok');
    const png = samplePng(17, 5);
    expect(await verdict('image/png', png)).toBe('ok');
    for (const size of [1, 5, 13, 100]) expect(await verdictInChunks('image/png', png, size)).toBe('ok');
  });

  it('refuses a wrong checksum, a missing end, bytes after the end, and a file that does not start with its header', async () => {
    const png = samplePng();
    const corrupt = Buffer.from(png);
    corrupt[20] ^= 0xff; // inside IHDR
    expect(await verdict('image/png', corrupt)).toMatch(/^malformed: .*checksum of its "IHDR"/);
    expect(await verdict('image/png', png.subarray(0, png.length - 12))).toMatch(/^malformed: .*IEND/);
    expect(await verdict('image/png', Buffer.concat([png, latin1('<html></html>')]))).toMatch(/^malformed: .*after its end/);
    expect(await verdict('image/png', png.subarray(0, 8))).toMatch(/^malformed/);
    // IDAT first: the header chunk must come first.
    const idat = png.indexOf(latin1('IDAT')) - 4;
    expect(await verdict('image/png', Buffer.concat([png.subarray(0, 8), png.subarray(idat)]))).toMatch(/^malformed: .*header chunk/);
  });
});

describe('PDF check', () => {
  const js = '<< /S /JavaScript /JS (app.alert\\(1\\)) >>';

  it('accepts real PDFs: a classic cross-reference table, object and cross-reference streams, one from pdfkit; in any chunking', async () => {
    const classic = buildPdf(onePageObjects());
    const compressed = buildPdf(onePageObjects(), { compressed: [2, 3, 5] });
    const pdfkit = await pdfkitPdf();
    for (const pdf of [classic, compressed, pdfkit]) {
      expect(await verdict('application/pdf', pdf)).toBe('ok');
      for (const size of [1, 3, 9, 100]) expect(await verdictInChunks('application/pdf', pdf, size)).toBe('ok');
    }
    // Harmless actions stay: opening at a page, links to web pages.
    const harmless = onePageObjects('x', '/OpenAction [3 0 R /Fit] ');
    harmless[2] = harmless[2].replace('>> >> >>', '>> >> /Annots [6 0 R] >>');
    harmless.push('<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://dichvucong.gov.vn/p/home/dvc-trang-chu.html) >> >>');
    expect(await verdict('application/pdf', buildPdf(harmless))).toBe('ok');
  });

  it('accepts white space after %%EOF and a stream length given by reference', async () => {
    expect(await verdict('application/pdf', Buffer.concat([buildPdf(onePageObjects()), Buffer.alloc(3000, 0x20)]))).toBe('ok');
    // The length object after the stream: `endstream` is looked for, the length checked at the end.
    const objects = onePageObjects();
    const content = 'BT /F1 12 Tf 10 50 Td (Don) Tj ET';
    objects[3] = `<< /Length 6 0 R >>\nstream\n${content}\nendstream`;
    objects.push(String(content.length));
    expect(await verdict('application/pdf', buildPdf(objects))).toBe('ok');
    objects[5] = String(content.length - 3);
    expect(await verdict('application/pdf', buildPdf(objects))).toMatch(/^malformed: .*\/Length/);
    // The length object before the stream: the data is taken by its length, "endstream" inside it included.
    const before = onePageObjects();
    const tricky = 'BT /F1 12 Tf 10 50 Td (endstream? no) Tj ET';
    before[3] = String(tricky.length);
    before[4] = `<< /Length 4 0 R >>\nstream\n${tricky}\nendstream`;
    before[2] = before[2].replace('/Contents 4 0 R', '/Contents 5 0 R').replace('/F1 5 0 R', '/F1 6 0 R');
    before.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
    expect(await verdict('application/pdf', buildPdf(before))).toBe('ok');
  });

  it('refuses what only starts like a PDF: "%PDF-<html>", a PDF cut short, HTML appended, broken structure', async () => {
    expect(await verdict('application/pdf', latin1('%PDF-<html><script>alert(1)</script></html>'))).toMatch(/^malformed: .*header/);
    expect(await verdict('application/pdf', latin1('%PDF-1.4\n%%EOF\n'))).toMatch(/^malformed/);
    const pdf = buildPdf(onePageObjects());
    expect(await verdict('application/pdf', pdf.subarray(0, pdf.length - 20))).toMatch(/^malformed: .*startxref/);
    expect(await verdict('application/pdf', Buffer.concat([pdf, latin1('<html><script>alert(1)</script></html>\n')]))).toMatch(/^malformed/);
    expect(await verdict('application/pdf', Buffer.concat([pdf, latin1('% <html>\n')]))).toMatch(/^malformed: .*appended/);
    // startxref pointing elsewhere than the table.
    const text = pdf.toString('latin1');
    const offset = /startxref\n(\d+)/.exec(text)![1];
    expect(await verdict('application/pdf', latin1(text.replace(`startxref\n${offset}`, `startxref\n${Number(offset) - 40}`)))).toMatch(/^malformed: .*cross-reference/);
    // A stream longer than its /Length.
    expect(await verdict('application/pdf', latin1(text.replace(/\/Length (\d+)/, (_m, n: string) => `/Length ${Number(n) - 5}`)))).toMatch(/^malformed: .*\/Length/);
    // No page at all.
    expect(await verdict('application/pdf', buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']))).toMatch(/^malformed: .*no page/);
  });

  it('refuses JavaScript run on opening (/OpenAction) or on a page event (/AA), however its name is spelled', async () => {
    expect(await verdict('application/pdf', buildPdf([...onePageObjects('x', '/OpenAction 6 0 R '), js]))).toBe('active-content: contains JavaScript');
    expect(await verdict('application/pdf', buildPdf([...onePageObjects('x', `/OpenAction ${js} `)]))).toBe('active-content: contains JavaScript');
    const page = onePageObjects();
    page[2] = page[2].replace('/Type /Page', '/Type /Page /AA << /O 6 0 R >>');
    expect(await verdict('application/pdf', buildPdf([...page, js]))).toBe('active-content: contains JavaScript');
    // #xx escapes in names: /J#61vaScript is /JavaScript, /#4A#53 is /JS.
    const obfuscated = '<< /S /J#61vaScript /#4A#53 (app.alert\\(1\\)) >>';
    expect(await verdict('application/pdf', buildPdf([...onePageObjects('x', '/OpenAction 6 0 R '), obfuscated]))).toBe('active-content: contains JavaScript');
    // Document-level scripts in the name tree.
    expect(await verdict('application/pdf', buildPdf([...onePageObjects('x', '/Names << /JavaScript 6 0 R >> '), '<< /Names [(a) 7 0 R] >>', js]))).toBe('active-content: contains JavaScript');
  });

  it('refuses JavaScript inside a compressed object stream, its /Type obfuscated or absent', async () => {
    const objects = [...onePageObjects('x', '/OpenAction 6 0 R '), '<< /S /J#61vaScript /JS 7 0 R >>', pdfStream('', 'app.alert(1)')];
    expect(await verdict('application/pdf', buildPdf(objects, { compressed: [2, 3, 6] }))).toBe('active-content: contains JavaScript');
    expect(await verdict('application/pdf', buildPdf(objects, { compressed: [6], objectStreamDict: '/Type /Obj#53tm /Filter /Fl#61teDecode' }))).toBe('active-content: contains JavaScript');
    expect(await verdict('application/pdf', buildPdf(objects, { compressed: [6], objectStreamDict: '/Filter /FlateDecode' }))).toBe('active-content: contains JavaScript');
    // An encoding it cannot look inside is refused rather than let through.
    const hex = (content: Buffer) => latin1(`${content.toString('hex')}>`);
    expect(await verdict('application/pdf', buildPdf(objects, { compressed: [6], objectStreamDict: '/Type /ObjStm /Filter /ASCIIHexDecode', encode: hex }))).toMatch(/^active-content: .*encoding/);
    // A stream that is not zlib data.
    expect(await verdict('application/pdf', buildPdf(objects, { compressed: [6], encode: (content) => deflateSync(content).subarray(0, 10) }))).toMatch(/^malformed: .*decompressed/);
  });

  it('refuses launch actions, embedded files, rich media, XFA forms, form submission and encrypted files', async () => {
    const withObject = (object: string) => buildPdf([...onePageObjects('x', '/OpenAction 6 0 R '), object]);
    expect(await verdict('application/pdf', withObject('<< /S /Launch /F (cmd.exe) >>'))).toMatch(/^active-content: .*\/Launch/);
    const embedded = [...onePageObjects('x', '/Names << /EmbeddedFiles << /Names [(a.exe) 6 0 R] >> >> '), '<< /Type /Filespec /F (a.exe) /EF << /F 7 0 R >> >>', pdfStream('/Type /EmbeddedFile', 'MZ')];
    expect(await verdict('application/pdf', buildPdf(embedded))).toBe('active-content: contains embedded files');
    expect(await verdict('application/pdf', buildPdf(embedded, { compressed: [1, 6] }))).toBe('active-content: contains embedded files');
    expect(await verdict('application/pdf', withObject('<< /Type /Annot /Subtype /RichMedia >>'))).toMatch(/^active-content: .*rich media/);
    expect(await verdict('application/pdf', buildPdf(onePageObjects('x', '/AcroForm << /Fields [] /XFA 6 0 R >> ')))).toMatch(/^active-content: .*XFA/);
    expect(await verdict('application/pdf', withObject('<< /S /SubmitForm /F (https://evil.example/) >>'))).toMatch(/^active-content: .*sends data/);
    expect(await verdict('application/pdf', buildPdf(onePageObjects(), { trailer: '/Encrypt 6 0 R' }))).toMatch(/^active-content: is encrypted/);
  });

  it('finds an action hidden where a strict parser sees no object, for readers that repair damaged files', async () => {
    // Inside a string of another object, and inside a comment.
    const inString = onePageObjects();
    inString[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Note (9 0 obj << /S /JavaScript /JS (x) >> endobj) >>';
    expect(await verdict('application/pdf', buildPdf(inString))).toBe('active-content: contains JavaScript');
    const inComment = onePageObjects();
    inComment[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica\n% 9 0 obj << /S /Launch /F (cmd.exe) >> endobj\n>>';
    expect(await verdict('application/pdf', buildPdf(inComment))).toMatch(/^active-content: .*\/Launch/);
    // Inside an uncompressed stream's data.
    const inStream = onePageObjects();
    inStream[3] = pdfStream('', 'BT ET\n9 0 obj << /S /JavaScript /JS (x) >> endobj');
    expect(await verdict('application/pdf', buildPdf(inStream))).toBe('active-content: contains JavaScript');
  });
});

describe('file names and types', () => {
  it('take an extension only when it looks like one', () => {
    expect(fileNameExtension('Đơn đề nghị.PDF')).toBe('pdf');
    expect(fileNameExtension('x.html')).toBe('html');
    expect(fileNameExtension('giay to v1.2')).toBeUndefined();
    expect(fileNameExtension('scan 1.5 MB')).toBeUndefined();
    expect(fileNameExtension('.pdf')).toBeUndefined();
    expect(fileNameExtension(undefined)).toBeUndefined();
  });

  it('refuse a name whose extension says another type than the content, and give one to a name without', () => {
    expect(fileNameMismatch('x.html', 'application/pdf')).toBe('is named ".html" but its content is a PDF file: name it ".pdf"');
    expect(fileNameMismatch('anh.png', 'image/jpeg')).toBe('is named ".png" but its content is a JPEG file: name it ".jpg"');
    expect(fileNameMismatch('ảnh.JPEG', 'image/jpeg')).toBeUndefined();
    expect(fileNameMismatch('CMND mặt trước.jfif', 'image/jpeg')).toBeUndefined();
    expect(fileNameMismatch('hop-dong', 'application/pdf')).toBeUndefined();
    expect(fileNameForType('hop-dong', 'application/pdf', 'tai-lieu')).toBe('hop-dong.pdf');
    expect(fileNameForType('giay to v1.2', 'image/png', 'tai-lieu')).toBe('giay to v1.2.png');
    expect(fileNameForType('Đơn.pdf', 'application/pdf', 'tai-lieu')).toBe('Đơn.pdf');
    expect(fileNameForType(undefined, 'image/jpeg', 'tai-lieu')).toBe('tai-lieu.jpg');
    expect(fileNameForType('...', 'image/jpeg', 'tai-lieu')).toBe('tai-lieu.jpg');
  });
});
