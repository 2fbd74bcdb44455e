import { describe, expect, it } from '@jest/globals';
import { validateSync } from 'class-validator';
import { bidiControlIn, IsPlainName } from './person-name.js';

class Probe {
  @IsPlainName()
  name: unknown;
}

const problems = (name: unknown) => validateSync(Object.assign(new Probe(), { name })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('names of people and organisations', () => {
  it.each(['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'])('refuses the bidirectional control %j, naming it', (control) => {
    const codePoint = `U+${control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    expect(bidiControlIn(`Nguyễn ${control}nA`)).toBe(codePoint);
    expect(problems(`Nguyễn ${control}nA`)).toEqual([expect.stringContaining(`name must not hold bidirectional control characters (found ${codePoint})`)]);
  });

  it('takes Vietnamese names, organisations\' names, other scripts and emoji, and leaves types to other checks', () => {
    for (const name of ['Nguyễn Văn An', 'Công ty TNHH Hoà Bình', 'محمد', 'O\'Brien-Smith', '👩‍💻 An']) expect(problems(name)).toEqual([]);
    expect(problems(42)).toEqual([]);
  });
});
