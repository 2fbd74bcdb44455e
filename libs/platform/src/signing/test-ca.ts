import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * A local test certificate authority and the agencies' signing certificates under it, for
 * development, the tests and small deployments that have no certificate from a trust service
 * provider yet. `npm start` makes one on first start under `.data/signing/`. Keys are RSA 2048,
 * made with Node's crypto (forge's own key generation is far slower), certificates and PKCS#12
 * with node-forge, which Node has no API for.
 */
export interface TestAuthority {
  certificatePem: string;
  privateKeyPem: string;
}

export interface AgencyIdentity {
  /** The agency's identifier code (QCVN 102:2016), kept in the certificate's organizational unit. */
  agencyCode: string;
  /** The agency's name, the certificate's organization and common name. */
  agencyName: string;
}

function keyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; privateKeyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), privateKeyPem };
}

function serial(): string {
  // A positive 16-byte serial (top bit cleared), as RFC 5280 asks.
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

/** When a certificate is valid: from a day before `validFrom` (clocks differ) for `years`, unless `validTo` says. */
export interface CertificateValidity {
  validFrom?: Date;
  validTo?: Date;
}

function validity(certificate: forge.pki.Certificate, period: CertificateValidity, years: number): void {
  const from = period.validFrom ?? new Date();
  certificate.validity.notBefore = new Date(from.getTime() - 24 * 3600 * 1000);
  certificate.validity.notAfter = period.validTo ?? new Date(from.getTime() + years * 365 * 24 * 3600 * 1000);
}

/** A self-signed CA certificate, ten years valid. */
export function createTestAuthority(name = 'Onestop Test CA (không dùng cho văn bản thật)', period: CertificateValidity = {}): TestAuthority {
  const keys = keyPair();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = serial();
  validity(certificate, period, 10);
  const subject = [
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: forge.util.encodeUtf8('Onestop (thử nghiệm)') },
    { shortName: 'CN', value: forge.util.encodeUtf8(name) },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem: keys.privateKeyPem };
}

/**
 * An agency's signing certificate issued by `authority`, three years valid, for digital
 * signatures and non-repudiation (what a result's signature needs), packed with its key and the
 * CA certificate into a PKCS#12 protected by `password` (AES-256, SHA-256 MAC).
 */
export function createAgencyPkcs12(authority: TestAuthority, agency: AgencyIdentity, password: string, period: CertificateValidity = {}): Buffer {
  const keys = keyPair();
  const caCertificate = forge.pki.certificateFromPem(authority.certificatePem);
  const caKey = forge.pki.privateKeyFromPem(authority.privateKeyPem);
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = serial();
  validity(certificate, period, 3);
  certificate.setSubject([
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: forge.util.encodeUtf8(agency.agencyName) },
    { shortName: 'OU', value: agency.agencyCode },
    { shortName: 'CN', value: forge.util.encodeUtf8(agency.agencyName) },
  ]);
  certificate.setIssuer(caCertificate.subject.attributes);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(caKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [certificate, caCertificate], password, { algorithm: 'aes256', friendlyName: agency.agencyCode });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}
