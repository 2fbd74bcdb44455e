import { createHash, X509Certificate } from 'node:crypto';
import { checkCms } from './cms.js';

/** What the last signature of a PDF proves, checked here without anyone's word for it. */
export interface PdfSignatureCheck {
  /** A signature was found (a `/ByteRange` and its `/Contents`). */
  signed: boolean;
  /** The signed byte ranges start at the first byte and end at the last: nothing was added after signing. */
  coversWholeFile: boolean;
  /** The CMS's message digest equals the SHA-256 of the signed byte ranges: not a byte was changed. */
  intact: boolean;
  /** The signature over the signed attributes verifies with the signer certificate's key. */
  signatureValid: boolean;
  /** The signer's certificate was issued by one of the trusted authorities and was valid at `signedAt`. */
  trusted: boolean;
  /** The signature dictionary's `/M`. */
  signedAt?: Date;
  /** The signer certificate's subject, one `key=value` a line, as Node writes it. */
  signerSubject?: string;
  /** SHA-256 of the signer's certificate, hex: which key signed. */
  signerFingerprint?: string;
  /** Why it does not verify, in English, when it does not. */
  problem?: string;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/**
 * The DER structure at the start of `/Contents`, without the zeros that pad the hole: its length
 * is read from its header, because the structure itself may end in zero bytes (an RSA signature
 * does, one time in 256), which trimming the zeros would cut off.
 */
function derPrefix(contents: Buffer): Buffer | undefined {
  if (contents.length < 2 || contents[0] !== 0x30) return undefined;
  const first = contents[1];
  let header = 2;
  let length = first;
  if (first & 0x80) {
    const octets = first & 0x7f;
    if (octets === 0 || octets > 4 || contents.length < 2 + octets) return undefined;
    length = contents.subarray(2, 2 + octets).reduce((value, byte) => value * 256 + byte, 0);
    header += octets;
  }
  return header + length <= contents.length ? contents.subarray(0, header + length) : undefined;
}

/** `D:20261204101500+07'00'` as a Date. */
function pdfDate(value: string): Date | undefined {
  const match = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|([+-])(\d{2})'?(\d{2})'?)?/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, zone, sign, oh, om] = match;
  const offset = !zone || zone === 'Z' ? 'Z' : `${sign}${oh}:${om}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Verifies the last signature of a PDF as pdfsig or a PDF reader would: its byte ranges cover
 * the file but for the `/Contents` hole, their SHA-256 is the CMS's message digest, the CMS's
 * signature verifies with the certificate it names, and that certificate chains to one of
 * `trusted` (PEM or DER certificates) and was valid when it signed. Never throws on a broken
 * file: it answers what does not hold.
 */
export function verifyPdfSignature(pdf: Buffer, trusted: readonly X509Certificate[]): PdfSignatureCheck {
  const failed = (problem: string, partial: Partial<PdfSignatureCheck> = {}): PdfSignatureCheck => ({
    signed: false,
    coversWholeFile: false,
    intact: false,
    signatureValid: false,
    trusted: false,
    ...partial,
    problem,
  });
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(BYTE_RANGE)];
  const last = ranges[ranges.length - 1];
  if (!last) return failed('the file carries no signature');
  const [a, b, c, d] = last.slice(1, 5).map(Number);
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) return failed('the signature\'s byte ranges do not describe this file', { signed: true });
  const coversWholeFile = c + d === pdf.length;
  const hole = pdf.subarray(b, c).toString('latin1');
  const hex = /^<([0-9A-Fa-f]*)>$/.exec(hole)?.[1];
  if (!hex) return failed('the signature\'s contents are not where its byte ranges leave room for them', { signed: true, coversWholeFile });
  const cms = derPrefix(Buffer.from(hex, 'hex'));
  if (!cms) return failed('the signature\'s contents are not a DER structure', { signed: true, coversWholeFile });
  const digest = createHash('sha256').update(pdf.subarray(a, a + b)).update(pdf.subarray(c, c + d)).digest();
  // The signature dictionary holding this ByteRange: its /M is the signing time.
  const dictionary = text.slice(Math.max(0, text.lastIndexOf('<<', last.index)), c + 4096);
  const signedAt = pdfDate(/\/M\s*\(([^)]*)\)/.exec(dictionary)?.[1] ?? '');
  let check;
  try {
    check = checkCms(cms, digest);
  } catch (error) {
    return failed(`the signature cannot be read: ${error instanceof Error ? error.message : String(error)}`, { signed: true, coversWholeFile, signedAt });
  }
  const signer = check.signer;
  const at = signedAt ?? new Date();
  const issuedByTrusted =
    signer !== undefined &&
    trusted.some((authority) => signer.checkIssued(authority) && signer.verify(authority.publicKey)) &&
    new Date(signer.validFrom) <= at &&
    at <= new Date(signer.validTo);
  const result: PdfSignatureCheck = {
    signed: true,
    coversWholeFile,
    intact: check.digestMatches,
    signatureValid: check.signatureValid,
    trusted: issuedByTrusted,
    signedAt,
    signerSubject: signer?.subject,
    signerFingerprint: signer ? signer.fingerprint256.replaceAll(':', '').toLowerCase() : undefined,
  };
  if (!check.digestMatches) result.problem = 'the file was changed after it was signed (its digest does not match the signature)';
  else if (!check.signatureValid) result.problem = 'the signature does not verify with the signer\'s certificate';
  else if (!coversWholeFile) result.problem = 'bytes were added after the signature';
  else if (!issuedByTrusted) result.problem = 'the signer\'s certificate was not issued by a trusted authority, or was not valid when it signed';
  return result;
}

/** The certificates of a PEM bundle (one or more `BEGIN CERTIFICATE` blocks). */
export function certificatesOfPem(pem: string): X509Certificate[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((block) => new X509Certificate(block[0]));
}
