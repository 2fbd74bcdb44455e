import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { assembleCms, signedAttributes } from './cms.js';
import { ResultSigner, type SignatureRequest, SignerRefusedError } from './result-signer.js';

interface LoadedKey {
  key: KeyObject;
  /** The signer's certificate first, then the chain above it, DER. */
  certificates: Buffer[];
}

/** Where the local signer finds the agencies' keys, from the settings (see the workflow's SIGNING_* settings). */
export interface Pkcs12SignerOptions {
  /** A folder holding one `<agency code>.p12` per agency. */
  directory: string;
  /** The PKCS#12 files' password. */
  password: string;
}

/**
 * Signs with the agency's key from a local PKCS#12 file (`<directory>/<agency code>.p12`), read
 * once and kept in memory as a non-exportable KeyObject of this adapter. For development and
 * small deployments; a province with a remote signing service uses RemoteHttpSigner.
 */
export class Pkcs12Signer extends ResultSigner {
  private readonly keys = new Map<string, Promise<LoadedKey>>();

  constructor(private readonly options: Pkcs12SignerOptions) {
    super();
  }

  override async sign(request: SignatureRequest): Promise<Buffer> {
    const { key, certificates } = await this.keyOf(request.agencyCode);
    const attributes = signedAttributes(request.documentDigest, certificates[0]);
    return assembleCms({ signedAttributes: attributes, signature: sign('sha256', attributes, key), certificates });
  }

  private keyOf(agencyCode: string): Promise<LoadedKey> {
    let loaded = this.keys.get(agencyCode);
    if (!loaded) {
      loaded = this.load(agencyCode);
      this.keys.set(agencyCode, loaded);
      loaded.catch(() => this.keys.delete(agencyCode));
    }
    return loaded;
  }

  private async load(agencyCode: string): Promise<LoadedKey> {
    // Agency codes are `000.00.00.H56`: letters, digits and dots, never a path.
    if (!/^[A-Za-z0-9.]+$/.test(agencyCode)) throw new SignerRefusedError(`no signing certificate for agency ${agencyCode}`);
    let file: Buffer;
    try {
      file = await readFile(join(this.options.directory, `${agencyCode}.p12`));
    } catch {
      throw new SignerRefusedError(`no signing certificate for agency ${agencyCode}`);
    }
    return loadPkcs12(file, this.options.password, agencyCode);
  }
}

/** The key and certificates of a PKCS#12 file; the error never carries the password. */
export function loadPkcs12(file: Buffer, password: string, label: string): LoadedKey {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(file.toString('binary'))), password);
  } catch {
    throw new SignerRefusedError(`the PKCS#12 file of ${label} cannot be opened with the configured password`);
  }
  const keyBag = [...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []), ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? [])][0];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  if (!keyBag?.key || certBags.length === 0) throw new SignerRefusedError(`the PKCS#12 file of ${label} holds no key or no certificate`);
  const key = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  const publicKeyPem = forge.pki.publicKeyToPem(forge.pki.setRsaPublicKey((keyBag.key as forge.pki.rsa.PrivateKey).n, (keyBag.key as forge.pki.rsa.PrivateKey).e));
  const der = (certificate: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');
  const certificates = certBags.map((bag) => bag.cert!).filter(Boolean);
  // The signer's certificate is the one whose key is in the file; the others are its chain.
  const own = certificates.find((certificate) => forge.pki.publicKeyToPem(certificate.publicKey) === publicKeyPem);
  if (!own) throw new SignerRefusedError(`the PKCS#12 file of ${label} holds no certificate for its key`);
  return { key, certificates: [own, ...certificates.filter((c) => c !== own)].map(der) };
}
