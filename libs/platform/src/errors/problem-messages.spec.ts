import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROBLEM_MESSAGES_VI } from './problem-messages.vi.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // The testing helpers' fakes answer only tests, never a person.
      if (entry.name !== 'node_modules' && path !== join(ROOT, 'libs/platform/src/testing')) yield* sources(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
      yield path;
    }
  }
}

const CODE = `'([a-z][a-z0-9]*(?:-[a-z0-9]+)*)'`;
/** Where a problem code is written in the source, in every form the code base uses. */
const CODE_SITES: Array<[string, RegExp]> = [
  // ProblemException.notFound('x', …), new ProblemException(403, 'x', …), over several lines too.
  ['a ProblemException', new RegExp(`ProblemException(?:\\.\\w+)?\\(\\s*(?:(?:HttpStatus\\.\\w+|\\d{3}),\\s*)?${CODE}`, 'g')],
  // Problems built as data: refusals and field problems ({ code: 'x', field, reason }), protocol answers.
  ['a code member', new RegExp(`\\bcode: ${CODE}`, 'g')],
  ['a problem type', new RegExp(`problemType\\(${CODE}\\)`, 'g')],
  // The gateway's proxy: sendProblem(req, res, 503, 'x', …).
  ['a proxy answer', new RegExp(`sendProblem\\((?:\\w+, )+\\d{3}, ${CODE}`, 'g')],
  // The filter's codes by HTTP status ({ 404: 'not-found' }).
  ['a status code', new RegExp(`^\\s+\\d{3}: ${CODE},?$`, 'gm')],
];
/** `const code = error.kind === 'a' ? 'b-c' : 'd-e'`: the codes a ternary picks between. */
const PICKED_CODE = new RegExp(`\\b(?:const|let) code = [^;\\n]*`, 'g');
const PICKED = new RegExp(`[?:] *${CODE}`, 'g');

/** Every problem code the source can answer, with the files raising it. */
function problemCodes(): Map<string, Set<string>> {
  const codes = new Map<string, Set<string>>();
  const found = (code: string, file: string) => codes.set(code, (codes.get(code) ?? new Set()).add(relative(ROOT, file)));
  for (const top of ['apps', 'libs']) {
    for (const file of sources(join(ROOT, top))) {
      const text = readFileSync(file, 'utf8');
      for (const [, pattern] of CODE_SITES) {
        for (const match of text.matchAll(pattern)) {
          const line = text.slice(text.lastIndexOf('\n', match.index) + 1, text.indexOf('\n', match.index));
          // decodeCursor(cursor, { code: 'string' }) describes a cursor's members, not a problem.
          if (!line.includes('decodeCursor(')) found(match[1], file);
        }
      }
      for (const picked of text.matchAll(PICKED_CODE)) for (const match of picked[0].matchAll(PICKED)) found(match[1], file);
    }
  }
  return codes;
}

describe('the Vietnamese problem messages', () => {
  const codes = problemCodes();

  it('finds the codes in every form they are written in', () => {
    // One of each: a helper, a constructor over lines, a refusal as data, a ternary, the proxy, Node's answers, the filter's statuses.
    for (const code of ['dossier-not-found', 'too-many-lookup-attempts', 'online-only-day', 'active-content-refused', 'file-content-mismatch', 'service-timeout', 'headers-too-large', 'route-not-found', 'forbidden', 'internal-error', 'validation-failed']) {
      expect({ code, found: codes.has(code) }).toEqual({ code, found: true });
    }
    expect(codes.size).toBeGreaterThan(100);
  });

  it('have an entry for every code the system can answer', () => {
    const missing = [...codes].filter(([code]) => !PROBLEM_MESSAGES_VI[code]).map(([code, files]) => `${code} (${[...files].join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('have no entry for a code nothing answers', () => {
    expect(Object.keys(PROBLEM_MESSAGES_VI).filter((code) => !codes.has(code))).toEqual([]);
  });

  it('are written in Vietnamese, as whole sentences', () => {
    for (const [code, message] of Object.entries(PROBLEM_MESSAGES_VI)) {
      const detail = typeof message.detail === 'function' ? message.detail({ type: '', title: '', status: 400, code, errors: [{ field: 'x', reason: 'y' }] }) : message.detail;
      expect({ code, sentence: /^\p{Lu}.*\.$/u.test(detail) }).toEqual({ code, sentence: true });
    }
  });
});
