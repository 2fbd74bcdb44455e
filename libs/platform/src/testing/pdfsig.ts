import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What poppler's `pdfsig` (an independent verifier, package poppler-utils) says of a PDF's signatures. */
export interface PdfsigReport {
  /** Every signature's "Signature Validation" line says "Signature is Valid." */
  valid: boolean;
  /** How many signatures it found. */
  signatures: number;
  /** Its whole output, for the test's failure message. */
  output: string;
}

/**
 * Runs `pdfsig` on the bytes (written to a temporary file) and reads its verdict. The signer's
 * certificate comes from the test CA, which no NSS database trusts, so only the signature's
 * own validity is read, not the certificate's ("Certificate issuer is unknown").
 */
export async function pdfsig(pdf: Buffer): Promise<PdfsigReport> {
  const dir = await mkdtemp(join(tmpdir(), 'pdfsig-'));
  try {
    const file = join(dir, 'signed.pdf');
    await writeFile(file, pdf);
    // pdfsig exits non-zero when a signature does not verify; its output still says why.
    const { stdout, stderr } = await run('pdfsig', [file]).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
    const output = `${stdout}${stderr}`;
    const verdicts = [...output.matchAll(/Signature Validation: (.+)/g)].map((match) => match[1].trim());
    return { valid: verdicts.length > 0 && verdicts.every((verdict) => verdict === 'Signature is Valid.'), signatures: verdicts.length, output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
