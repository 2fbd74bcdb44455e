import type { Provider } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { certificatesOfPem, Pkcs12Signer, RemoteHttpSigner, ResultSigner, type SignatureRequest, SignerRefusedError } from '@onestop/platform';
import { WorkflowConfig } from '../config.js';

/** A secret given in a setting, or read from the file another setting names (a mounted secret); trimmed of its line end. */
async function secretOf(value: string | undefined, file: string | undefined): Promise<string | undefined> {
  if (value !== undefined) return value;
  if (file === undefined) return undefined;
  return (await readFile(resolve(file), 'utf8')).replace(/\r?\n$/, '');
}

/**
 * The signer settings name, made on the first signature: its secrets (the PKCS#12 password, the
 * remote service's credential) are read then, from the settings or the files they name, and kept
 * inside the adapter only. Without them, signing is refused with a reason, never a crash at boot,
 * so a deployment without electronic results runs as before.
 */
class ConfiguredSigner extends ResultSigner {
  private signer?: Promise<ResultSigner>;

  constructor(private readonly config: WorkflowConfig) {
    super();
  }

  override async sign(request: SignatureRequest): Promise<Buffer> {
    this.signer ??= this.make();
    this.signer.catch(() => (this.signer = undefined));
    return (await this.signer).sign(request);
  }

  private async make(): Promise<ResultSigner> {
    const c = this.config;
    if (c.SIGNER === 'remote') {
      const apiKey = await secretOf(c.SIGNING_REMOTE_API_KEY, c.SIGNING_REMOTE_API_KEY_FILE);
      if (!apiKey) throw new SignerRefusedError('the remote signing service has no credential configured (SIGNING_REMOTE_API_KEY or SIGNING_REMOTE_API_KEY_FILE)');
      return new RemoteHttpSigner({ baseUrl: c.SIGNING_REMOTE_URL!, apiKey, timeoutMs: c.HTTP_TIMEOUT_MS, pollMs: c.SIGNING_REMOTE_POLL_MS, waitMs: c.SIGNING_REMOTE_WAIT_MS });
    }
    const password = await secretOf(c.SIGNING_P12_PASSWORD, c.SIGNING_P12_PASSWORD_FILE);
    if (password === undefined) throw new SignerRefusedError('no PKCS#12 password is configured (SIGNING_P12_PASSWORD or SIGNING_P12_PASSWORD_FILE)');
    return new Pkcs12Signer({ directory: resolve(c.SIGNING_P12_DIR), password });
  }
}

export const RESULT_SIGNER_PROVIDER: Provider = { provide: ResultSigner, useFactory: (config: WorkflowConfig) => new ConfiguredSigner(config), inject: [WorkflowConfig] };

/** The certificate authorities verification trusts, read from SIGNING_TRUSTED_CA_FILE when first needed (none when the file is missing). */
export class TrustedAuthorities {
  private loaded?: Promise<X509Certificate[]>;

  constructor(private readonly file: string) {}

  certificates(): Promise<X509Certificate[]> {
    this.loaded ??= readFile(resolve(this.file), 'utf8').then(certificatesOfPem, () => {
      this.loaded = undefined;
      return [];
    });
    return this.loaded;
  }
}

export const TRUSTED_AUTHORITIES_PROVIDER: Provider = { provide: TrustedAuthorities, useFactory: (config: WorkflowConfig) => new TrustedAuthorities(config.SIGNING_TRUSTED_CA_FILE), inject: [WorkflowConfig] };
