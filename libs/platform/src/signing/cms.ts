import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

/** Object identifiers of the CMS (RFC 5652) and ESS (RFC 5035) structures a PAdES signature carries. */
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

const seq = (items: Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (items: Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
const oid = (value: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
const octets = (value: Buffer) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, value.toString('binary'));
const integer = (value: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
const nullValue = () => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
const algorithm = (id: string, withNull = true) => seq(withNull ? [oid(id), nullValue()] : [oid(id)]);
const fromDer = (der: Buffer): Asn1 => asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
const toDer = (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const attribute = (type: string, value: Asn1) => seq([oid(type), set([value])]);

/** The certificate's issuer Name and serial number, as DER nodes taken from the certificate itself (never re-encoded). */
function issuerAndSerial(certificateDer: Buffer): { issuer: Asn1; serial: Asn1 } {
  const tbs = (fromDer(certificateDer).value as Asn1[])[0].value as Asn1[];
  // TBSCertificate: [0] version (explicit, present in v3), serialNumber, signature, issuer, ...
  const offset = tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { serial: tbs[offset], issuer: tbs[offset + 2] };
}

/**
 * The signed attributes of a PAdES baseline signature over a document whose ByteRange hashes to
 * `documentDigest` (SHA-256): content type, message digest and the ESS signing-certificate-v2
 * that binds the signer's certificate (ETSI EN 319 122-1). No signing-time attribute: PAdES
 * keeps the time in the signature dictionary's `/M`. Answered as the DER of the SET, which is
 * exactly what the signer's key signs.
 */
export function signedAttributes(documentDigest: Buffer, certificateDer: Buffer): Buffer {
  const { issuer, serial } = issuerAndSerial(certificateDer);
  const certHash = createHash('sha256').update(certificateDer).digest();
  // IssuerSerial: GeneralNames (one directoryName [4] holding the issuer Name) and the serial.
  const issuerSerial = seq([seq([asn1.create(asn1.Class.CONTEXT_SPECIFIC, 4, true, [issuer])]), serial]);
  // ESSCertIDv2 with the default hash algorithm (SHA-256) left out, as DER requires.
  const signingCertificate = seq([seq([seq([octets(certHash), issuerSerial])])]);
  return toDer(
    set([attribute(OID.contentType, oid(OID.data)), attribute(OID.messageDigest, octets(documentDigest)), attribute(OID.signingCertificateV2, signingCertificate)]),
  );
}

/**
 * A detached CMS SignedData (RFC 5652) from the signed attributes, the RSA PKCS#1 v1.5 SHA-256
 * signature over them, the signer's certificate and the chain above it.
 */
export function assembleCms(input: { signedAttributes: Buffer; signature: Buffer; certificates: Buffer[] }): Buffer {
  const [signerCertificate] = input.certificates;
  const { issuer, serial } = issuerAndSerial(signerCertificate);
  const attributes = fromDer(input.signedAttributes);
  // In SignerInfo the SET is written [0] IMPLICIT; its content stays byte for byte what was signed.
  const implicitAttributes = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes.value as Asn1[]);
  const signerInfo = seq([integer(1), seq([issuer, serial]), algorithm(OID.sha256), implicitAttributes, algorithm(OID.rsaEncryption), octets(input.signature)]);
  const signedData = seq([
    integer(1),
    set([algorithm(OID.sha256)]),
    seq([oid(OID.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, input.certificates.map(fromDer)),
    set([signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

/** What a CMS signature says about itself, once checked against the digest of what it signs. */
export interface CmsCheck {
  /** The message-digest attribute equals the digest of the signed bytes. */
  digestMatches: boolean;
  /** The signature over the signed attributes verifies with the signer certificate's key. */
  signatureValid: boolean;
  /** The signer's certificate, and the others the CMS carries. */
  signer?: X509Certificate;
  certificates: X509Certificate[];
}

const bytesOf = (node: Asn1): Buffer => Buffer.from(node.value as string, 'binary');
const oidOf = (node: Asn1): string => asn1.derToOid(forge.util.createBuffer(node.value as string));

/**
 * Checks a detached CMS SignedData over content whose SHA-256 is `contentDigest`: the message
 * digest attribute, then the signature over the DER of the signed attributes (re-tagged as the
 * SET they were signed as) with the key of the certificate the SignerInfo names. Throws on a
 * structure that is not a SignedData.
 */
export function checkCms(cmsDer: Buffer, contentDigest: Buffer): CmsCheck {
  const contentInfo = fromDer(cmsDer).value as Asn1[];
  if (oidOf(contentInfo[0]) !== OID.signedData) throw new Error('not a CMS SignedData');
  const signedData = (contentInfo[1].value as Asn1[])[0].value as Asn1[];
  const certificatesNode = signedData.find((node) => node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === 0);
  const certificates = ((certificatesNode?.value as Asn1[] | undefined) ?? []).map((node) => new X509Certificate(toDer(node)));
  const signerInfos = signedData[signedData.length - 1].value as Asn1[];
  if (signerInfos.length !== 1) throw new Error('expected exactly one SignerInfo');
  const signerInfo = signerInfos[0].value as Asn1[];
  const [, sid, digestAlgorithm, attributesNode, , signatureNode] = signerInfo;
  if (attributesNode.tagClass !== asn1.Class.CONTEXT_SPECIFIC || attributesNode.type !== 0) throw new Error('the SignerInfo has no signed attributes');
  if (oidOf((digestAlgorithm.value as Asn1[])[0]) !== OID.sha256) throw new Error('only SHA-256 signatures are read');
  const serialHex = Buffer.from(((sid.value as Asn1[])[1].value as string), 'binary').toString('hex').replace(/^(00)+/, '').toUpperCase();
  const signer = certificates.find((certificate) => certificate.serialNumber.replace(/^(00)+/, '').toUpperCase() === serialHex);
  let digestMatches = false;
  for (const attr of attributesNode.value as Asn1[]) {
    const [type, values] = attr.value as Asn1[];
    if (oidOf(type) === OID.messageDigest) digestMatches = bytesOf((values.value as Asn1[])[0]).equals(contentDigest);
  }
  const signedSet = toDer(set(attributesNode.value as Asn1[]));
  const signatureValid = signer !== undefined && verifySignature('sha256', signedSet, signer.publicKey, bytesOf(signatureNode));
  return { digestMatches, signatureValid, signer, certificates };
}
