import { createHash } from 'node:crypto';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { formatLocal } from '@onestop/domain';
import QRCode from 'qrcode';
import { loadFormFonts } from '../pdf/form-fonts.js';
import { vietnameseDateTime } from '../pdf/official-forms.js';
import type { ResultSigner } from './result-signer.js';

/** What the visible stamp says and the QR code opens. */
export interface ResultStamp {
  agencyCode: string;
  agencyName: string;
  /** The title of the one signing for the agency ("Giám đốc Sở Tư pháp", "Chủ tịch UBND xã"). */
  signerTitle: string;
  signedAt: Date;
  dossierCode: string;
  /** The result's verification code, printed under the QR code. */
  verificationCode: string;
  /** Where anyone verifies it: the QR code holds this link. */
  verificationUrl: string;
}

const POINTS_PER_MM = 72 / 25.4;
const STAMP_WIDTH = 92 * POINTS_PER_MM;
const STAMP_HEIGHT = 30 * POINTS_PER_MM;
const STAMP_MARGIN = 12 * POINTS_PER_MM;
// Room for the CMS: the signer's certificate, the chain (a CA or two) and the signature, in hex.
const SIGNATURE_BYTES = 12 * 1024;

/**
 * The visible signature stamp as a one-page PDF of its own size, drawn with the forms' Noto
 * Serif (every Vietnamese letter) and the QR code as vector squares, so it stays sharp in print.
 * It is then placed on the result's last page as a form XObject.
 */
async function renderStamp(stamp: ResultStamp): Promise<Buffer> {
  const [{ default: PDFKit }, fonts] = await Promise.all([import('pdfkit'), loadFormFonts()]);
  const doc = new PDFKit({ size: [STAMP_WIDTH, STAMP_HEIGHT], margin: 0 });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('stamp-regular', fonts.regular);
  doc.registerFont('stamp-bold', fonts.bold);
  const red = '#b3261e';
  doc.lineWidth(1).strokeColor(red).rect(1, 1, STAMP_WIDTH - 2, STAMP_HEIGHT - 2).stroke();
  // The QR code: one square per dark module, a quiet zone of two modules.
  const qr = QRCode.create(stamp.verificationUrl, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const qrSide = STAMP_HEIGHT - 8;
  const cell = qrSide / (size + 4);
  const origin = { x: 4 + 2 * cell, y: 4 + 2 * cell };
  doc.fillColor('black');
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (qr.modules.get(row, column)) doc.rect(origin.x + column * cell, origin.y + row * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill();
  const textX = qrSide + 8;
  const textWidth = STAMP_WIDTH - textX - 5;
  doc.fillColor(red);
  doc.font('stamp-bold').fontSize(7.5).text('ĐÃ KÝ SỐ', textX, 5, { width: textWidth });
  doc.font('stamp-regular').fontSize(6.5);
  doc.text(`Cơ quan: ${stamp.agencyName}`, { width: textWidth });
  doc.text(`Người ký: ${stamp.signerTitle}`, { width: textWidth });
  doc.text(`Thời gian ký: ${vietnameseDateTime(formatLocal(stamp.signedAt))}`, { width: textWidth });
  doc.text(`Hồ sơ: ${stamp.dossierCode}`, { width: textWidth });
  doc.text(`Mã xác thực: ${stamp.verificationCode}`, { width: textWidth });
  doc.end();
  return done;
}

/** @signpdf's signer seam: hashes the byte ranges it is given and asks the agency's signer for the CMS. */
class DigestSigner extends Signer {
  constructor(
    private readonly signer: ResultSigner,
    private readonly agencyCode: string,
    private readonly description: string,
  ) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return this.signer.sign({ agencyCode: this.agencyCode, documentDigest: createHash('sha256').update(pdfBuffer).digest(), description: this.description });
  }
}

/**
 * Signs a PDF as a PAdES baseline signature (subfilter ETSI.CAdES.detached): the visible stamp
 * (agency, signer's title, time in words, verification code and a QR code linking to the
 * verification page) is drawn on the last page, a signature field is added over it, and the CMS
 * the agency's signer returns for the SHA-256 of the signed byte ranges is embedded. The document
 * is rewritten once by pdf-lib (uncompressed cross-reference, so every reader finds the
 * signature), and nothing after the signature is left unsigned.
 */
export async function signPdf(pdf: Buffer, stamp: ResultStamp, signer: ResultSigner): Promise<Buffer> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = document.getPages();
  const page = pages[pages.length - 1];
  const { width } = page.getSize();
  const [embedded] = await document.embedPdf(await renderStamp(stamp));
  const x = width - STAMP_WIDTH - STAMP_MARGIN;
  const y = STAMP_MARGIN;
  page.drawPage(embedded, { x, y, width: STAMP_WIDTH, height: STAMP_HEIGHT });
  pdflibAddPlaceholder({
    pdfDoc: document,
    pdfPage: page,
    reason: `Ký số kết quả giải quyết hồ sơ ${stamp.dossierCode}`,
    contactInfo: stamp.verificationUrl,
    name: stamp.agencyName,
    location: stamp.agencyName,
    signingTime: stamp.signedAt,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: [x, y, x + STAMP_WIDTH, y + STAMP_HEIGHT],
    appName: 'onestop',
  });
  const prepared = Buffer.from(await document.save({ useObjectStreams: false }));
  return new SignPdf().sign(prepared, new DigestSigner(signer, stamp.agencyCode, `Kết quả hồ sơ ${stamp.dossierCode}`), stamp.signedAt);
}
