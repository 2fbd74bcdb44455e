import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FixedClock } from '@onestop/platform';
import { queryDatabase } from '@onestop/platform/testing';
import { buildPdf, onePageObjects, pdfkitPdf, pdfStream, sampleJpeg, samplePng } from '../libs/platform/src/testing/sample-files.js';
import { eventually, type Stack, startStack } from './stack.js';
import { APPLICANT, applicant, binary, DEPARTMENT, MONDAY_10AM, OTHER_AGENCY, publishBody, seedCatalogBasics, SERVICE_CENTRE } from './fixtures/index.js';

/** Monday 16 March 2026, 10:00 in Vietnam. */
const MAX_BYTES = 4096;
const MAX_FILES = 3;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A minimal valid one-page PDF, its cross-reference offsets computed. */
function minimalPdf(text = 'Don de nghi'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const stream = `BT /F1 12 Tf 10 50 Td (${text}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG, byte for byte. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** What a Windows program starts with ("MZ"), whatever its name says. */
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);

/** Every file under the storage folder, half-written ones included. */
async function storedFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(folder.length + 1)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

describe('dossier documents', () => {
  let stack: Stack;
  let storageDir: string;
  const clock = new FixedClock(new Date(MONDAY_10AM));
  const api = () => request(stack.gatewayUrl);
  let citizen: string;
  let otherCitizen: string;
  let reception: string;
  let otherReception: string;
  let departmentSpecialist: string;

  const documentsOf = (code: string) => `/api/v1/dossiers/${code}/documents`;
  const rowsOf = async (code: string) => (await queryDatabase<{ n: number }>(stack.databaseUrl, 'SELECT count(*)::int AS n FROM intake.dossier_files WHERE dossier_code = $1', [code]))[0].n;
  const upload = (auth: string, code: string, file: Buffer, fileName: string, fields: Record<string, string> = {}, contentType = 'application/octet-stream') => {
    const call = api().post(documentsOf(code)).set('authorization', auth);
    for (const [name, value] of Object.entries(fields)) call.field(name, value);
    return call.attach('file', file, { filename: fileName, contentType });
  };
  const download = (auth: string, location: string) =>
    api()
      .get(location)
      .set('authorization', auth)
      .buffer(true)
      .parse(binary);

  /** A dossier the citizen submitted online, received by the service centre, decided by the department. */
  const newDossier = async (): Promise<string> => {
    const response = await api()
      .post('/api/v1/dossiers')
      .set('authorization', citizen)
      .send({
        procedureCode: '1.006101',
        agencyCode: SERVICE_CENTRE,
        channel: 'online',
        applicant: APPLICANT,
        documents: [{ requirement: 1 }, { requirement: 2 }],
        resultDelivery: { method: 'online' },
        feesPaidOnline: true,
      })
      .expect(201);
    return response.body.code as string;
  };

  /** A dossier a reception officer received at the counter: the applicant has no account, only the receipt. */
  const counterDossier = async (): Promise<{ code: string; lookupSecret: string }> => {
    const response = await api()
      .post('/api/v1/dossiers')
      .set('authorization', reception)
      .send({
        procedureCode: '1.006101',
        agencyCode: SERVICE_CENTRE,
        channel: 'counter',
        applicant: applicant({
          name: 'Trần Thị Hoa',
          idNumber: '035090005678',
          phone: '0913222333',
          address: { detail: 'Số 5 đường Lê Lợi', commune: 'Phường Hai Bà Trưng', province: 'Hà Nam' },
        }),
        documents: [{ requirement: 1 }, { requirement: 2 }],
        resultDelivery: { method: 'counter' },
      })
      .expect(201);
    return { code: response.body.code as string, lookupSecret: response.body.lookupSecret as string };
  };
  const anonymousDownload = (location: string, query: Record<string, string>) =>
    api()
      .get(location)
      .query(query)
      .buffer(true)
      .parse(binary);

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'onestop-documents-'));
    stack = await startStack({ FILE_STORAGE_DIR: storageDir, DOCUMENT_MAX_BYTES: String(MAX_BYTES), DOCUMENT_MAX_FILES: String(MAX_FILES) }, { clock });
    await seedCatalogBasics(stack);
    const admin = (path: string, body: object) => api().post(path).set('authorization', stack.adminAuth).send(body).expect(201);
    await admin('/api/v1/agencies', { code: OTHER_AGENCY, name: 'Sở Nội vụ', levelCode: 'province', parentCode: '000.00.00.H56' });
    await admin('/api/v1/procedures', publishBody('1.006101', { documents: [
      { name: 'Đơn đề nghị cấp giấy phép lái xe', form: 'original', quantity: 1, required: true },
      { name: 'Giấy khám sức khỏe', form: 'original', quantity: 1, required: true },
      { name: 'Ảnh chân dung 3x4', form: 'original', quantity: 1, required: false },
    ] }));
    citizen = await stack.tokenFor({ subject: 'citizen-an', roles: ['citizen'], name: 'Nguyễn Văn An' });
    otherCitizen = await stack.tokenFor({ subject: 'citizen-binh', roles: ['citizen'] });
    reception = await stack.tokenFor({ subject: 'officer-centre', roles: ['reception'], agencyCodes: [SERVICE_CENTRE], name: 'Lê Văn Cường' });
    otherReception = await stack.tokenFor({ subject: 'officer-other', roles: ['reception'], agencyCodes: [OTHER_AGENCY] });
    departmentSpecialist = await stack.tokenFor({ subject: 'specialist-department', roles: ['specialist'], agencyCodes: [DEPARTMENT] });
  });

  afterAll(async () => {
    await stack?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  beforeEach(() => clock.set(MONDAY_10AM));

  it('takes a PDF from the applicant and a PNG from the reception officer, and gives back the same bytes to those handling the dossier', async () => {
    const code = await newDossier();
    const pdf = minimalPdf();
    const fileName = 'Đơn đề nghị cấp GPLX (bản ký).pdf';
    clock.set('2026-03-16T10:05:00+07:00');
    const created = await upload(citizen, code, pdf, fileName, { requirement: '1', title: 'Bản scan có chữ ký' }, 'application/pdf').expect(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      dossierCode: code,
      fileName,
      mediaType: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
      requirement: 1,
      requirementName: 'Đơn đề nghị cấp giấy phép lái xe',
      title: 'Bản scan có chữ ký',
      uploadedBy: { kind: 'applicant', name: 'Nguyễn Văn An' },
      uploadedAt: '2026-03-16T10:05:00+07:00',
      digitisedAt: null,
      reusedFrom: null,
    });
    expect(created.headers.location).toBe(`${documentsOf(code)}/${created.body.id}`);
    // The bytes are in the storage folder under the dossier, and nothing else is.
    expect(await storedFiles(storageDir)).toContain(`intake/dossiers/${code}/${created.body.id}`);
    expect(await readFile(join(storageDir, 'intake/dossiers', code, created.body.id))).toEqual(pdf);

    // The optional third document, not provided at reception: its name comes from the procedure.
    clock.set('2026-03-16T10:06:00+07:00');
    const png = await upload(reception, code, PNG, 'anh-the.png', { requirement: '3' }).expect(201);
    expect(png.body).toMatchObject({ mediaType: 'image/png', size: PNG.length, sha256: sha256(PNG), requirement: 3, requirementName: 'Ảnh chân dung 3x4', title: null, uploadedBy: { kind: 'officer', name: 'Lê Văn Cường' } });

    for (const reader of [citizen, reception, departmentSpecialist, stack.adminAuth]) {
      const list = await api().get(documentsOf(code)).set('authorization', reader).expect(200);
      expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([created.body.id, png.body.id]);
      expect(list.body.nextCursor).toBeNull();
      const file = await download(reader, created.headers.location).expect(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-length']).toBe(String(pdf.length));
      expect(file.headers.etag).toBe(`"${sha256(pdf)}"`);
      expect(file.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(pdf).digest('base64')}:`);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
      expect(sha256(file.body as Buffer)).toBe(created.body.sha256);
    }
    const image = await download(departmentSpecialist, png.headers.location).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(image.body as Buffer, PNG)).toBe(0);

    // Paging, and a second request for the same bytes answered from the client's copy.
    const firstPage = await api().get(documentsOf(code)).query({ limit: 1 }).set('authorization', citizen).expect(200);
    const secondPage = await api().get(documentsOf(code)).query({ limit: 1, cursor: firstPage.body.nextCursor }).set('authorization', citizen).expect(200);
    expect([...firstPage.body.items, ...secondPage.body.items].map((d: { id: string }) => d.id)).toEqual([created.body.id, png.body.id]);
    await api().get(created.headers.location).set('authorization', citizen).set('if-none-match', `"${sha256(pdf)}"`).expect(304);
  });

  it('keeps a Vietnamese file name intact in Content-Disposition', async () => {
    const code = await newDossier();
    const fileName = 'Giấy khám sức khỏe – Nguyễn Thị Đào.pdf';
    const created = await upload(citizen, code, minimalPdf(), fileName).expect(201);
    expect(created.body.fileName).toBe(fileName);
    const file = await download(citizen, created.headers.location).expect(200);
    const disposition = String(file.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1])).toBe(fileName);
    expect(/filename="([^"]+)"/.exec(disposition)![1]).toBe('Giay kham suc khoe _ Nguyen Thi Dao.pdf');
  });

  it('tells the type by the content: a ".pdf" that is a program is refused with 415, and nothing is kept', async () => {
    const code = await newDossier();
    const before = await storedFiles(storageDir);
    const response = await upload(citizen, code, EXE, 'ho-so.pdf', { requirement: '1' }, 'application/pdf').expect(415);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'unsupported-file-type', errors: [{ field: 'file' }] });
    expect(await rowsOf(code)).toBe(0);
    expect(await storedFiles(storageDir)).toEqual(before);
  });

  it('keeps a real PDF (from pdfkit), JPEG and PNG byte for byte, and names a file sent without an extension after its type', async () => {
    const code = await newDossier();
    const files: Array<[Buffer, string, string, string]> = [
      [await pdfkitPdf('Giấy khám sức khỏe'), 'Giấy khám sức khỏe.pdf', 'application/pdf', 'Giấy khám sức khỏe.pdf'],
      [sampleJpeg(), 'ảnh chân dung', 'image/jpeg', 'ảnh chân dung.jpg'],
    ];
    for (const [bytes, fileName, mediaType, kept] of files) {
      expect(bytes.length).toBeLessThan(MAX_BYTES);
      const created = await upload(citizen, code, bytes, fileName).expect(201);
      expect(created.body).toMatchObject({ fileName: kept, mediaType, size: bytes.length, sha256: sha256(bytes) });
      const file = await download(citizen, created.headers.location).expect(200);
      expect(file.headers['content-type']).toBe(mediaType);
      expect(sha256(file.body as Buffer)).toBe(sha256(bytes));
    }
    const png = samplePng(3, 2);
    const created = await upload(reception, code, png, 'ANH.PNG').expect(201);
    expect(sha256((await download(reception, created.headers.location).expect(200)).body as Buffer)).toBe(sha256(png));
  });

  it('refuses, with 422 naming the field and the reason, a file that only starts like its type, is named as another, or is a PDF with active content; and keeps nothing', async () => {
    const code = await newDossier();
    const before = await storedFiles(storageDir);
    const js = '<< /S /JavaScript /JS (app.alert\\(1\\)) >>';
    const refused: Array<[string, Buffer, string, string, RegExp]> = [
      ['the first bytes of a JPEG alone', Buffer.from([0xff, 0xd8, 0xff]), 'anh.jpg', 'file-content-mismatch', /JPEG/],
      ['"%PDF-" then HTML', Buffer.from('%PDF-<html><script>alert(1)</script></html>', 'latin1'), 'x.pdf', 'file-content-mismatch', /header/],
      ['a real PDF named .html', minimalPdf(), 'x.html', 'file-content-mismatch', /^is named "\.html" but its content is a PDF file/],
      ['a PNG named .jpg', PNG, 'anh-the.jpg', 'file-content-mismatch', /"\.jpg".*PNG/],
      ['JavaScript run on opening', buildPdf([...onePageObjects('x', '/OpenAction 6 0 R '), js]), 'a.pdf', 'active-content-refused', /JavaScript/],
      ['an obfuscated /J#61vaScript', buildPdf([...onePageObjects('x', '/OpenAction 6 0 R '), '<< /S /J#61vaScript /JS (app.alert\\(1\\)) >>']), 'a.pdf', 'active-content-refused', /JavaScript/],
      ['JavaScript inside a compressed object stream', buildPdf([...onePageObjects('x', '/OpenAction 6 0 R '), js], { compressed: [2, 3, 6] }), 'a.pdf', 'active-content-refused', /JavaScript/],
      [
        'an embedded file',
        buildPdf([...onePageObjects('x', '/Names << /EmbeddedFiles << /Names [(a.exe) 6 0 R] >> >> '), '<< /Type /Filespec /F (a.exe) /EF << /F 7 0 R >> >>', pdfStream('/Type /EmbeddedFile', 'MZ')]),
        'a.pdf',
        'active-content-refused',
        /embedded files/,
      ],
    ];
    for (const [label, bytes, fileName, problemCode, reason] of refused) {
      const response = await upload(citizen, code, bytes, fileName);
      expect([label, response.status]).toEqual([label, 422]);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 422, code: problemCode, errors: [{ field: 'file', reason: expect.stringMatching(reason) }] });
      expect(response.body.errors).toHaveLength(1);
    }
    expect(await rowsOf(code)).toBe(0);
    // No file, no temporary .part file.
    expect(await storedFiles(storageDir)).toEqual(before);
  });

  it('refuses a file over DOCUMENT_MAX_BYTES with 413 while it streams, and keeps nothing', async () => {
    const code = await newDossier();
    const before = await storedFiles(storageDir);
    const justOver = Buffer.concat([minimalPdf(), Buffer.alloc(MAX_BYTES, 0x20)]);
    const streamed = await upload(citizen, code, justOver, 'lon.pdf').expect(413);
    expect(streamed.body).toMatchObject({ status: 413, code: 'file-too-large', maxBytes: MAX_BYTES });
    // Far too large: refused on its declared length, before reading it.
    const huge = Buffer.concat([minimalPdf(), Buffer.alloc(512 * 1024, 0x20)]);
    const declared = await upload(citizen, code, huge, 'rat-lon.pdf').expect(413);
    expect(declared.body.code).toBe('file-too-large');
    expect(await rowsOf(code)).toBe(0);
    expect(await storedFiles(storageDir)).toEqual(before);
    // Exactly at the limit is fine.
    const atLimit = Buffer.concat([minimalPdf(), Buffer.alloc(MAX_BYTES - minimalPdf().length, 0x20)]);
    expect((await upload(citizen, code, atLimit, 'vua.pdf').expect(201)).body.size).toBe(MAX_BYTES);
  });

  it('leaves no row and no file when the client goes away mid-upload', async () => {
    const code = await newDossier();
    const before = await storedFiles(storageDir);
    const boundary = 'onestop-boundary-1234';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dang-do.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    const url = new URL(documentsOf(code), stack.gatewayUrl);
    const client = httpRequest(url, {
      method: 'POST',
      headers: { authorization: citizen, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + MAX_BYTES + 200) },
    });
    client.on('error', () => undefined);
    client.write(head);
    client.write(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20)]));
    // The upload has reached the storage folder (as a temporary file) before the client leaves.
    await eventually(async () => ((await storedFiles(storageDir)).some((f) => f.includes(code) && f.endsWith('.part')) ? true : undefined), 10000, 'the upload to start');
    client.destroy();
    await eventually(async () => ((await storedFiles(storageDir)).length === before.length ? true : undefined), 10000, 'the partial file to go');
    expect(await storedFiles(storageDir)).toEqual(before);
    expect(await rowsOf(code)).toBe(0);
  });

  it('removes the stored file when the record cannot be written', async () => {
    const code = await newDossier();
    const before = await storedFiles(storageDir);
    // The database refuses this one insert, after the bytes are stored.
    await queryDatabase(
      stack.databaseUrl,
      `CREATE FUNCTION intake.refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN IF NEW.title = 'từ chối' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`,
    );
    await queryDatabase(stack.databaseUrl, 'CREATE TRIGGER refuse_for_test BEFORE INSERT ON intake.dossier_files FOR EACH ROW EXECUTE FUNCTION intake.refuse_for_test()');
    try {
      const failed = await upload(citizen, code, minimalPdf(), 'a.pdf', { title: 'từ chối' }).expect(500);
      expect(failed.body.code).toBe('internal-error');
      expect(await rowsOf(code)).toBe(0);
      expect(await storedFiles(storageDir)).toEqual(before);
      await upload(citizen, code, minimalPdf(), 'a.pdf', { title: 'được' }).expect(201);
    } finally {
      await queryDatabase(stack.databaseUrl, 'DROP TRIGGER refuse_for_test ON intake.dossier_files');
      await queryDatabase(stack.databaseUrl, 'DROP FUNCTION intake.refuse_for_test()');
    }
  });

  it('answers every malformed upload with a 4xx problem naming the field, and keeps nothing', async () => {
    const code = await newDossier();
    const before = await storedFiles(storageDir);
    const pdf = minimalPdf();
    const post = () => api().post(documentsOf(code)).set('authorization', citizen);

    const noFile = await post().field('title', 'Không có tệp').expect(400);
    expect(noFile.body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'file' }] });
    const json = await post().send({ file: 'JVBERi0=' }).expect(415);
    expect(json.body.code).toBe('unsupported-media-type');
    const text = await post().set('content-type', 'text/plain').send('%PDF-1.4').expect(415);
    expect(text.body).toMatchObject({ code: 'unsupported-media-type', detail: expect.stringContaining('multipart/form-data') });
    const empty = await post().expect(415);
    expect(empty.body.code).toBe('unsupported-media-type');
    const notInteger = await upload(citizen, code, pdf, 'a.pdf', { requirement: 'một' }).expect(400);
    expect([...new Set(notInteger.body.errors.map((e: { field: string }) => e.field))]).toEqual(['requirement']);
    const fraction = await upload(citizen, code, pdf, 'a.pdf', { requirement: '1.5' }).expect(400);
    expect(fraction.body.errors[0].field).toBe('requirement');
    const beyond = await upload(citizen, code, pdf, 'a.pdf', { requirement: '4' }).expect(422);
    expect(beyond.body).toMatchObject({ code: 'unknown-document', errors: [{ field: 'requirement', reason: 'the procedure lists 3 documents' }] });
    const unknown = await upload(citizen, code, pdf, 'a.pdf', { note: 'x' }).expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'note', reason: 'is not a known field' }]);
    const twoFiles = await post().attach('file', pdf, 'a.pdf').attach('file', PNG, 'b.png').expect(400);
    expect(twoFiles.body.errors[0].field).toBe('file');
    const emptyFile = await upload(citizen, code, Buffer.alloc(0), 'rong.pdf').expect(400);
    expect(emptyFile.body.errors[0]).toEqual({ field: 'file', reason: 'is empty' });
    const noBoundary = await post().set('content-type', 'multipart/form-data').send('--x\r\n').expect(400);
    expect(noBoundary.body.code).toBe('malformed-body');
    const truncated = await post().set('content-type', 'multipart/form-data; boundary=zzz').send('--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 and no end').expect(400);
    expect(truncated.body.code).toBe('malformed-body');
    for (const response of [noFile, json, text, notInteger, beyond, unknown, twoFiles, emptyFile, noBoundary, truncated]) {
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(await rowsOf(code)).toBe(0);
    expect(await storedFiles(storageDir)).toEqual(before);
    // Other JSON endpoints still refuse multipart bodies.
    const elsewhere = await api().post(`/api/v1/dossiers/${code}/withdrawal`).set('authorization', citizen).field('reason', 'x').expect(415);
    expect(elsewhere.body).toMatchObject({ code: 'unsupported-media-type', detail: 'Send the body as application/json.' });
  });

  it('shows nothing to those who may not see the dossier (404) and lets only the applicant and reception upload', async () => {
    const code = await newDossier();
    const mine = await upload(citizen, code, minimalPdf(), 'cua-toi.pdf').expect(201);
    for (const stranger of [otherCitizen, otherReception]) {
      expect((await upload(stranger, code, minimalPdf(), 'x.pdf').expect(404)).body.code).toBe('dossier-not-found');
      await api().get(documentsOf(code)).set('authorization', stranger).expect(404);
      await api().get(mine.headers.location).set('authorization', stranger).expect(404);
      await api().delete(mine.headers.location).set('authorization', stranger).expect(404);
    }
    // The department decides the dossier: it reads the files but does not add to them.
    expect((await upload(departmentSpecialist, code, minimalPdf(), 'x.pdf').expect(403)).body.code).toBe('forbidden');
    await api().get(`${documentsOf(code)}/00000000-0000-4000-8000-000000000000`).set('authorization', citizen).expect(404);
    await api().get(`${documentsOf(code)}/not-a-uuid`).set('authorization', citizen).expect(400);
    await api().get(documentsOf(code)).expect(401);
    expect(await rowsOf(code)).toBe(1);
  });

  it('lets an applicant without an account list and download with the lookup code from the receipt, and nobody with a wrong one', async () => {
    const { code, lookupSecret } = await counterDossier();
    const pdf = minimalPdf('Scan tai quay');
    const scanned = await upload(reception, code, pdf, 'Đơn đề nghị.pdf', { requirement: '1' }).expect(201);
    const png = await upload(reception, code, PNG, 'anh.png').expect(201);

    // No sign-in: the receipt's lookup code opens the list and the bytes, typed in any case.
    const list = await api().get(documentsOf(code)).query({ secret: lookupSecret }).expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([scanned.body.id, png.body.id]);
    // ...without the name of the officer who scanned it: public answers name no officer.
    expect(list.body.items[0]).toMatchObject({ fileName: 'Đơn đề nghị.pdf', sha256: sha256(pdf), uploadedBy: { kind: 'officer', name: null } });
    const paged = await api().get(documentsOf(code)).query({ secret: lookupSecret.toLowerCase(), limit: 1 }).expect(200);
    expect(paged.body.items.map((d: { id: string }) => d.id)).toEqual([scanned.body.id]);
    const next = await api().get(documentsOf(code)).query({ secret: lookupSecret, limit: 1, cursor: paged.body.nextCursor }).expect(200);
    expect(next.body.items.map((d: { id: string }) => d.id)).toEqual([png.body.id]);
    const file = await anonymousDownload(scanned.headers.location, { secret: lookupSecret }).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers.etag).toBe(`"${sha256(pdf)}"`);
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
    await api().get(scanned.headers.location).query({ secret: lookupSecret }).set('if-none-match', `"${sha256(pdf)}"`).expect(304);

    // A wrong code, another dossier's code, an unknown dossier: the same 404, nothing to tell them apart.
    const other = await counterDossier();
    const otherFile = await upload(reception, other.code, PNG, 'khac.png').expect(201);
    for (const secret of ['AAAAAAAAAAAA', other.lookupSecret]) {
      expect((await api().get(documentsOf(code)).query({ secret }).expect(404)).body).toMatchObject({ code: 'dossier-not-found', detail: 'No dossier with this code and lookup code.' });
      expect((await anonymousDownload(scanned.headers.location, { secret }).expect(404)).body).toBeDefined();
    }
    await api().get(documentsOf(`${SERVICE_CENTRE}-260316-9999`)).query({ secret: lookupSecret }).expect(404);
    // The code opens its own dossier's files only.
    expect((await api().get(`${documentsOf(code)}/${otherFile.body.id}`).query({ secret: lookupSecret }).expect(404)).body.code).toBe('document-not-found');
    expect((await api().get(documentsOf(code)).query({ secret: 'short' }).expect(400)).body.errors[0].field).toBe('secret');

    // Without the code, the sign-in decides as before: 401 without a token, 403 without a reader's
    // role, 404 for officers of another agency and other citizens.
    for (const path of [documentsOf(code), scanned.headers.location]) {
      expect((await api().get(path).expect(401)).body.code).toBe('authentication-required');
      for (const stranger of [otherReception, otherCitizen]) expect((await api().get(path).set('authorization', stranger).expect(404)).body.code).toBe('dossier-not-found');
      const viewer = await stack.tokenFor({ subject: 'viewer-centre', roles: ['viewer'], agencyCodes: [SERVICE_CENTRE] });
      expect((await api().get(path).set('authorization', viewer).expect(403)).body.code).toBe('forbidden');
      await api().get(path).set('authorization', reception).expect(200);
      await api().get(path).set('authorization', departmentSpecialist).expect(200);
    }

    // The code reads; it uploads only the files of a supplement the agency requested, and deletes nothing.
    expect((await api().post(documentsOf(code)).query({ secret: lookupSecret }).attach('file', pdf, 'x.pdf').expect(409)).body.code).toBe('supplement-not-requested');
    await api().delete(scanned.headers.location).query({ secret: lookupSecret }).expect(401);
    expect(await rowsOf(code)).toBe(2);
  });

  it('lets only the uploader delete, file and record, while the dossier is open; a closed dossier takes no uploads', async () => {
    const code = await newDossier();
    const byCitizen = await upload(citizen, code, minimalPdf(), 'a.pdf').expect(201);
    const byOfficer = await upload(reception, code, PNG, 'b.png').expect(201);
    expect((await api().delete(byOfficer.headers.location).set('authorization', citizen).expect(403)).body.code).toBe('not-the-uploader');
    await api().delete(byOfficer.headers.location).set('authorization', reception).expect(204);
    await api().get(byOfficer.headers.location).set('authorization', reception).expect(404);
    expect(await storedFiles(storageDir)).not.toContain(`intake/dossiers/${code}/${byOfficer.body.id}`);
    expect(await rowsOf(code)).toBe(1);

    await api().post(`/api/v1/dossiers/${code}/withdrawal`).set('authorization', citizen).send({ reason: 'Không còn nhu cầu' }).expect(200);
    const before = await storedFiles(storageDir);
    const closed = await upload(citizen, code, minimalPdf(), 'muon.pdf').expect(409);
    expect(closed.body).toMatchObject({ code: 'dossier-closed', currentStatus: 'withdrawn' });
    expect((await api().delete(byCitizen.headers.location).set('authorization', citizen).expect(409)).body.code).toBe('dossier-closed');
    // What was uploaded stays readable.
    await download(citizen, byCitizen.headers.location).expect(200);
    expect(await storedFiles(storageDir)).toEqual(before);
    expect(await rowsOf(code)).toBe(1);
  });

  it(`holds at most DOCUMENT_MAX_FILES (${MAX_FILES}) files per dossier`, async () => {
    const code = await newDossier();
    for (let i = 1; i <= MAX_FILES; i++) await upload(citizen, code, minimalPdf(`Trang ${i}`), `trang-${i}.pdf`).expect(201);
    const full = await upload(citizen, code, minimalPdf(), 'them.pdf').expect(409);
    expect(full.body).toMatchObject({ code: 'too-many-documents', maxDocuments: MAX_FILES });
    expect(await rowsOf(code)).toBe(MAX_FILES);
  });

  it('describes the upload in the merged OpenAPI document', async () => {
    const document = (await api().get('/api/openapi.json').expect(200)).body;
    const post = document.paths['/api/v1/dossiers/{code}/documents'].post;
    expect(post.requestBody.content['multipart/form-data'].schema).toBeDefined();
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '409', '413', '415', '422']));
    expect(post.description).toContain('active-content-refused');
    expect(post.description).toContain('file-content-mismatch');
    expect(post.responses['422'].description).toContain('active-content-refused');
    expect(Object.keys(document.paths['/api/v1/dossiers/{code}/documents/{id}'].get.responses['200'].content)).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    for (const read of [document.paths['/api/v1/dossiers/{code}/documents'].get, document.paths['/api/v1/dossiers/{code}/documents/{id}'].get]) {
      expect(read.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'secret', in: 'query', required: false })]));
      expect(Object.keys(read.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
    }
  });
});
