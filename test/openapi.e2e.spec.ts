import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import ts from 'typescript';
import { FixedClock } from '@onestop/platform';
import { type Stack, startStack } from './stack.js';
import { MONDAY_10AM } from './fixtures/index.js';
import { type OpenApiDocument, type Operation, type Schema, operationsOf, schemaNodes } from './openapi-document.js';

const run = promisify(execFile);
const ROOT = resolvePath('.');
/**
 * Where the document lands, for a person (or `npm run lint:openapi`) to look at; git-ignored.
 * The generated client is compiled in a temporary folder instead: TypeScript files here would
 * join the project's own type-check.
 */
const GENERATED = join(ROOT, 'test', 'generated');
const DEMO_PASSWORD = 'client-flow-demo-password';

describe('the merged OpenAPI document', () => {
  let stack: Stack;
  let doc: OpenApiDocument;
  let documentFile: string;

  beforeAll(async () => {
    stack = await startStack({ DEMO_USERS_PASSWORD: DEMO_PASSWORD }, { clock: new FixedClock(new Date(MONDAY_10AM)) });
    doc = (await request(stack.gatewayUrl).get('/api/openapi.json').expect(200)).body;
    await mkdir(GENERATED, { recursive: true });
    documentFile = join(GENERATED, 'openapi.json');
    await writeFile(documentFile, JSON.stringify(doc, null, 2));
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('has every service in it', () => {
    expect(doc['x-unavailable-services']).toBeUndefined();
    expect(doc.openapi).toBe('3.1.0');
  });

  it("passes Redocly's linter (redocly.yaml) with no errors", async () => {
    const cli = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
    const outcome = await run(process.execPath, [cli, 'lint', documentFile, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json', '--max-problems', '1000'], {
      cwd: ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NODE_OPTIONS: '' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
    const start = outcome.stdout.indexOf('{');
    if (start < 0) throw new Error(`Redocly printed no report: ${outcome.stderr.slice(0, 2000)}`);
    const report = JSON.parse(outcome.stdout.slice(start)) as {
      problems: Array<{ ruleId: string; severity: 'error' | 'warn'; message: string; location: Array<{ pointer?: string }> }>;
    };
    const line = (p: (typeof report.problems)[number]) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`;
    const warnings = report.problems.filter((p) => p.severity === 'warn').map(line);
    if (warnings.length) process.stdout.write(`[openapi] Redocly warnings (${warnings.length}):\n  ${warnings.join('\n  ')}\n`);
    expect(report.problems.filter((p) => p.severity === 'error').map(line)).toEqual([]);
  });

  it('describes every operation, with examples and its error answers', async () => {
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(50);
    const gaps: string[] = [];
    for (const op of operations) {
      const name = `${op.id} (${op.method.toUpperCase()} ${op.path})`;
      if (!String(op.raw.summary ?? '').trim()) gaps.push(`${name}: no summary`);
      if (!String(op.raw.description ?? '').trim()) gaps.push(`${name}: no description`);
      for (const missing of missingExamples(doc, op)) gaps.push(`${name}: ${missing}`);
      const statuses = Object.keys(op.responses);
      const errors = statuses.filter((s) => /^4/.test(s));
      if (errors.length === 0) gaps.push(`${name}: no 4xx answer`);
      if (op.body && !statuses.includes('400')) gaps.push(`${name}: takes a body but documents no 400`);
      if (op.parameters.some((p) => p.in === 'path') && !statuses.includes('404') && !statuses.includes('400')) gaps.push(`${name}: has path parameters but documents neither 404 nor 400`);
      for (const status of errors) {
        const content = (op.responses[status].content ?? {}) as Record<string, { schema?: Schema }>;
        if (!content['application/problem+json']) gaps.push(`${name}: its ${status} is not application/problem+json`);
      }
    }
    // The answers that need a credential, found by asking: each must be documented.
    const citizen = await stack.tokenFor({ subject: 'doc-citizen', roles: ['citizen'] });
    const viewer = await stack.tokenFor({ subject: 'doc-viewer', roles: ['viewer'], agencyCodes: ['000.00.09.H56'] });
    for (const op of operations) {
      const path = op.path.replace(/\{[^}]+\}/g, 'DOES-NOT-EXIST');
      for (const auth of [undefined, citizen, viewer]) {
        const call = request(stack.gatewayUrl)[op.method](path);
        if (auth) call.set('authorization', auth);
        const answer = op.method === 'get' || op.method === 'delete' ? await call : await call.send({});
        if ((answer.status === 401 || answer.status === 403) && !op.responses[String(answer.status)]) {
          gaps.push(`${op.id}: answers ${answer.status} ${answer.body?.code ?? ''} ${auth ? 'to a caller without the role' : 'without credentials'} but does not document it`);
        }
      }
    }
    expect([...new Set(gaps)]).toEqual([]);
  });

  it('generates a TypeScript client that compiles, refuses a wrong call, and drives the main flow', async () => {
    const started = Date.now();
    const { default: openapiTS, astToString } = await import('openapi-typescript');
    const types = astToString(await openapiTS(doc as never, { alphabetize: true, defaultNonNullable: false }));

    // Compiled apart from the project (its own folder, which reaches the project's packages).
    const folder = await mkdtemp(join(tmpdir(), 'onestop-client-'));
    try {
      await symlink(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
      await writeFile(join(folder, 'package.json'), JSON.stringify({ type: 'module' }));
      await writeFile(join(folder, 'api.d.ts'), types);
      await writeFile(join(folder, 'main-flow.ts'), MAIN_FLOW);
      await writeFile(join(folder, 'wrong-call.ts'), WRONG_CALL);
      const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, lib: ['lib.es2023.d.ts'], types: ['node'], skipLibCheck: true };
      const program = ts.createProgram([join(folder, 'main-flow.ts'), join(folder, 'wrong-call.ts')], options);
      const diagnostics = (file: string) =>
        ts.getPreEmitDiagnostics(program, program.getSourceFile(join(folder, file))).map((d) => `${d.file?.fileName.split('/').pop()}:${d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : '?'} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      expect(diagnostics('main-flow.ts')).toEqual([]);
      // The check has teeth: a call the API does not take does not compile.
      const refused = diagnostics('wrong-call.ts').join('\n');
      expect(refused).toMatch(/proceduresCode|channel|not assignable|does not exist/);

      const javascript = ts.transpileModule(MAIN_FLOW, { compilerOptions: { target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.ESNext } }).outputText;
      await writeFile(join(folder, 'main-flow.js'), javascript);
      const { stdout } = await run(process.execPath, [join(folder, 'main-flow.js')], {
        cwd: folder,
        env: { ...process.env, NODE_OPTIONS: '', ONESTOP_URL: stack.gatewayUrl, ONESTOP_PASSWORD: DEMO_PASSWORD },
        timeout: 30_000,
      });
      const outcome = JSON.parse(stdout.trim().split('\n').pop()!);
      expect(outcome).toMatchObject({
        procedure: { code: '1.007001', versionNo: 1 },
        dossier: { code: expect.stringMatching(/^000\.00\.01\.H56-260316-\d{4}$/), status: 'accepted' },
        receipt: { dossierCode: outcome.dossier.code },
        lookup: { code: outcome.dossier.code },
        forwarded: { dossierStatus: 'processing' },
      });
      expect(outcome.worklist.codes).toContain(outcome.dossier.code);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    process.stdout.write(`[openapi] client generated, compiled and run in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }, 120_000);
});

/** Where an operation shows its values: an example on the media type, or on the schema's properties. */
function missingExamples(doc: OpenApiDocument, op: Operation): string[] {
  const missing: string[] = [];
  const hasExample = (media: { schema?: Schema; example?: unknown; examples?: unknown } | undefined) => {
    if (!media) return true;
    if (media.example !== undefined || media.examples !== undefined) return true;
    if (!media.schema) return false;
    for (const node of schemaNodes(doc, media.schema)) if (node.example !== undefined || node.examples !== undefined) return true;
    return false;
  };
  const jsonBody = (op.raw.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.['application/json'];
  if (jsonBody && !hasExample(jsonBody)) missing.push('no example in its request body');
  for (const [status, response] of Object.entries(op.responses)) {
    if (!/^2/.test(status)) continue;
    const json = (response.content as Record<string, { schema?: Schema }> | undefined)?.['application/json'];
    if (json && !hasExample(json)) missing.push(`no example in its ${status} answer`);
  }
  return missing;
}

/**
 * A small client program on the generated types: the main flow of the one-stop system, as the
 * province's front-end would drive it. Compiled with strict TypeScript against the document of
 * the running stack, so it stops compiling when the API changes shape.
 */
const MAIN_FLOW = `import createClient from 'openapi-fetch';
import type { paths } from './api.js';

const client = createClient<paths>({ baseUrl: process.env.ONESTOP_URL });
const password = process.env.ONESTOP_PASSWORD ?? '';

function ok<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(\`\${what}: HTTP \${result.response.status} \${JSON.stringify(result.error)}\`);
  return result.data;
}

async function signIn(username: string): Promise<{ authorization: string }> {
  const token = ok('sign in', await client.POST('/api/v1/auth/token', { body: { username, password } }));
  return { authorization: \`Bearer \${token.accessToken}\` };
}

const PROVINCE = '000.00.00.H56';
const SERVICE_CENTRE = '000.00.01.H56';
const JUSTICE_DEPARTMENT = '000.00.02.H56';

async function main(): Promise<void> {
  const admin = await signIn('admin');
  for (const agency of [
    { code: PROVINCE, name: 'UBND tỉnh Hà Nam', levelCode: 'province' },
    { code: SERVICE_CENTRE, name: 'Trung tâm Phục vụ hành chính công tỉnh', levelCode: 'province', parentCode: PROVINCE },
    { code: JUSTICE_DEPARTMENT, name: 'Sở Tư pháp', levelCode: 'province', parentCode: PROVINCE },
  ]) {
    ok('agency', await client.POST('/api/v1/agencies', { headers: admin, body: agency }));
  }
  ok('field', await client.POST('/api/v1/fields', { headers: admin, body: { code: 'G09-TP01', name: 'Hộ tịch' } }));
  const procedure = ok(
    'publish',
    await client.POST('/api/v1/procedures', {
      headers: admin,
      body: {
        code: '1.007001',
        decision: { number: '101/QĐ-UBND', date: '2026-01-05', effectiveFrom: '2026-01-15' },
        procedure: {
          name: 'Đăng ký khai sinh',
          fieldCode: 'G09-TP01',
          levelCode: 'province',
          competentAgencyCode: JUSTICE_DEPARTMENT,
          receivingAgencyCodes: [SERVICE_CENTRE],
          processingTime: { value: 5, unit: 'working_days' },
          fees: [],
          documents: [{ name: 'Tờ khai đăng ký khai sinh', form: 'original', quantity: 1, required: true }],
          onlineLevel: 4,
          onlineMode: 'full',
          onTheSpotEligible: false,
          acceptsDossierByPost: true,
          deliversResultByPost: true,
          onlineOnlyListed: false,
          integratedNationalPortal: true,
        },
      },
    }),
  );

  const reception = await signIn('reception.ttphc');
  const dossier = ok(
    'submit',
    await client.POST('/api/v1/dossiers', {
      headers: reception,
      params: { header: { 'Idempotency-Key': 'client-flow-0001' } },
      body: {
        procedureCode: procedure.code,
        agencyCode: SERVICE_CENTRE,
        channel: 'counter',
        applicant: { kind: 'person', name: 'Nguyễn Văn An', idNumber: '035090001234', phone: '0912345678', address: { detail: 'Số 12 đường Trần Phú', commune: 'Phường Hai Bà Trưng', province: 'Hà Nam' } },
        documents: [{ requirement: 1 }],
        resultDelivery: { method: 'counter' },
      },
    }),
  );
  const receipt = ok('receipt', await client.GET('/api/v1/dossiers/{code}/receipt', { headers: reception, params: { path: { code: dossier.code } } }));
  const lookup = ok('lookup', await client.GET('/api/v1/lookup', { params: { query: { code: dossier.code, secret: dossier.lookupSecret } } }));

  // The case opens when workflow hears of the dossier.
  const deadline = Date.now() + 15_000;
  while ((await client.GET('/api/v1/cases/{dossierCode}', { headers: reception, params: { path: { dossierCode: dossier.code } } })).data === undefined) {
    if (Date.now() > deadline) throw new Error('no case opened for ' + dossier.code);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const forwarded = ok(
    'forward',
    await client.POST('/api/v1/cases/{dossierCode}/actions', { headers: reception, params: { path: { dossierCode: dossier.code } }, body: { action: 'forward', note: 'Chuyển Sở Tư pháp' } }),
  );
  const specialist = await signIn('specialist.stp');
  const worklist = ok('worklist', await client.GET('/api/v1/worklist', { headers: specialist, params: { query: { limit: 50 } } }));

  console.log(
    JSON.stringify({
      procedure: { code: procedure.code, versionNo: procedure.versionNo },
      dossier: { code: dossier.code, status: dossier.status },
      receipt: { dossierCode: receipt.dossierCode },
      lookup: { code: lookup.code },
      forwarded: { dossierStatus: forwarded.dossierStatus },
      worklist: { codes: worklist.items.map((item) => item.dossierCode) },
    }),
  );
}

await main();
`;

/** A call the API does not take: it must not compile. */
const WRONG_CALL = `import createClient from 'openapi-fetch';
import type { paths } from './api.js';

const client = createClient<paths>({ baseUrl: 'http://localhost' });
export const wrong = client.POST('/api/v1/dossiers', {
  body: { proceduresCode: '1.007001', agencyCode: '000.00.01.H56', channel: 'fax', applicant: { kind: 'person', name: 'A' }, documents: [], resultDelivery: { method: 'counter' } },
});
`;
