import { describe, expect, it, beforeAll } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderFormPdf } from '../pdf/render-form.js';
import { pdfsig } from '../testing/pdfsig.js';
import { readPdfPages } from '../testing/pdf-text.js';
import forge from 'node-forge';
import { Pkcs12Signer } from './pkcs12-signer.js';
import type { ResultSigner } from './result-signer.js';
import { signPdf, type ResultStamp } from './pades.js';
import { createAgencyPkcs12, createTestAuthority } from './test-ca.js';
import { verifyPdfSignature } from './verify-pdf.js';

const STAMP: ResultStamp = {
  agencyCode: '000.00.12.H56',
  agencyName: 'Sở Tư pháp tỉnh Lạng Sơn',
  signerTitle: 'Giám đốc Sở Tư pháp',
  signedAt: new Date('2026-12-04T03:05:00Z'),
  dossierCode: '000.00.12.H56-261204-0001',
  verificationCode: 'K7QX-2M9P-4TRA',
  verificationUrl: 'http://localhost:3000/api/v1/results/verify?code=K7QX-2M9P-4TRA',
};

describe('PAdES signing of results', () => {
  const authority = createTestAuthority();
  const otherAuthority = createTestAuthority('Another CA');
  let signer: Pkcs12Signer;
  let original: Buffer;
  let signed: Buffer;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'p12-'));
    await writeFile(join(dir, `${STAMP.agencyCode}.p12`), createAgencyPkcs12(authority, { agencyCode: STAMP.agencyCode, agencyName: STAMP.agencyName }, 'secret-pass'));
    signer = new Pkcs12Signer({ directory: dir, password: 'secret-pass' });
    original = await renderFormPdf({ formNumber: 'KQ', title: 'Giấy chứng nhận', issuer: 'UBND tỉnh Lạng Sơn', issuerLines: ['Sở Tư pháp'], body: [{ kind: 'paragraph', text: 'Nội dung kết quả' }] });
    signed = await signPdf(original, STAMP, signer);
  });

  it('is valid for pdfsig and for our own check, signed by the agency certificate under the trusted CA', async () => {
    const report = await pdfsig(signed);
    expect(report).toMatchObject({ valid: true, signatures: 1 });
    expect(report.output).toContain('ETSI.CAdES.detached');
    const check = verifyPdfSignature(signed, [new X509Certificate(authority.certificatePem)]);
    expect(check).toMatchObject({ signed: true, coversWholeFile: true, intact: true, signatureValid: true, trusted: true, signedAt: STAMP.signedAt });
    expect(check.signerSubject).toContain('000.00.12.H56');
  });

  it('is not trusted under another CA', () => {
    expect(verifyPdfSignature(signed, [new X509Certificate(otherAuthority.certificatePem)])).toMatchObject({ intact: true, signatureValid: true, trusted: false });
  });

  it('shows the stamp in Vietnamese on the last page', async () => {
    const pages = await readPdfPages(signed);
    expect(pages[pages.length - 1].text).toContain('Cơ quan: Sở Tư pháp tỉnh Lạng Sơn');
    expect(pages[pages.length - 1].text).toContain('Thời gian ký: 10 giờ 05 phút, ngày 04 tháng 12 năm 2026');
  });

  it('a copy with one byte changed is refused by both', async () => {
    const tampered = Buffer.from(signed);
    // One letter of the document's producer, inside the signed bytes.
    tampered[tampered.indexOf('/Producer') + 2] ^= 0x20;
    expect((await pdfsig(tampered)).valid).toBe(false);
    expect(verifyPdfSignature(tampered, [new X509Certificate(authority.certificatePem)])).toMatchObject({ intact: false });
  });

  it('a signature whose last byte is zero verifies, though the /Contents padding is zeros too', async () => {
    // An RSA signature ends in a zero byte one time in 256; an unsigned attribute ending in
    // INTEGER 0 gives the same ending on every run.
    const endingInZero: ResultSigner = {
      sign: async (request) => {
        const cms = forge.asn1.fromDer(forge.util.createBuffer((await signer.sign(request)).toString('binary')));
        const signedData = ((cms.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
        const signerInfos = signedData[signedData.length - 1].value as forge.asn1.Asn1[];
        const { asn1 } = forge;
        const unsigned = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 1, true, [
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
            asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer('1.3.6.1.4.1.99999.1').getBytes()),
            asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(0).getBytes())]),
          ]),
        ]);
        (signerInfos[0].value as forge.asn1.Asn1[]).push(unsigned);
        return Buffer.from(asn1.toDer(cms).getBytes(), 'binary');
      },
    };
    const zeroEnded = await signPdf(original, STAMP, endingInZero);
    const check = verifyPdfSignature(zeroEnded, [new X509Certificate(authority.certificatePem)]);
    expect(check).toMatchObject({ intact: true, signatureValid: true, coversWholeFile: true, trusted: true });
    expect((await pdfsig(zeroEnded)).valid).toBe(true);
  });
});
