import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgencyPkcs12, createTestAuthority, type TestAuthority } from '../signing/test-ca.js';

export interface TestSigning {
  /** The settings that make workflow sign with these keys and trust this CA. */
  settings: Record<string, string>;
  authority: TestAuthority;
  /** Where the agencies' PKCS#12 files are. */
  directory: string;
  password: string;
}

const made = new Map<string, Promise<TestSigning>>();

/**
 * A test CA and a PKCS#12 signing key for each agency, in a temporary folder, as `npm start`
 * makes them under `.data/signing/`: the password in a file of its own (as a mounted secret).
 * Made once per jest worker for the same agencies (RSA keys take a moment each).
 */
export function testSigning(agencyCodes: readonly string[]): Promise<TestSigning> {
  const key = [...agencyCodes].sort().join(',');
  let signing = made.get(key);
  if (!signing) {
    signing = (async () => {
      const root = await mkdtemp(join(tmpdir(), 'signing-'));
      const directory = join(root, 'agencies');
      await mkdir(directory);
      // Valid over every date the tests set their clocks to (2025-2027), not only from today.
      const period = { validFrom: new Date('2020-01-01T00:00:00Z'), validTo: new Date('2040-01-01T00:00:00Z') };
      const authority = createTestAuthority(undefined, period);
      const password = randomBytes(12).toString('hex');
      for (const code of agencyCodes) {
        await writeFile(join(directory, `${code}.p12`), createAgencyPkcs12(authority, { agencyCode: code, agencyName: `Cơ quan ${code}` }, password, period));
      }
      await writeFile(join(root, 'ca.pem'), authority.certificatePem);
      await writeFile(join(root, 'p12-password'), `${password}\n`, { mode: 0o600 });
      return {
        settings: { SIGNER: 'local', SIGNING_P12_DIR: directory, SIGNING_P12_PASSWORD_FILE: join(root, 'p12-password'), SIGNING_TRUSTED_CA_FILE: join(root, 'ca.pem') },
        authority,
        directory,
        password,
      };
    })();
    made.set(key, signing);
  }
  return signing;
}
