import { describe, expect, it } from '@jest/globals';
import { LOOKUP_CODE_INPUT_PATTERN, newLookupSecret, normaliseLookupCode, sameSecret } from './lookup-secret.js';

describe('lookup codes as people type them', () => {
  it('issues codes in Crockford base32 without I, L, O, U, which normalising leaves unchanged', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newLookupSecret();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(normaliseLookupCode(code)).toBe(code);
      expect(LOOKUP_CODE_INPUT_PATTERN.test(code)).toBe(true);
    }
  });

  it('reads case, hyphens and spaces away, O as 0, I and L as 1', () => {
    expect(normaliseLookupCode('o1il-q7mk 3xhp')).toBe('0111Q7MK3XHP');
    expect(sameSecret('ok1m-3xhp-9t2d', '0K1M3XHP9T2D')).toBe(true);
    expect(sameSecret('OKlM 3XHP 9T2D', '0K1M3XHP9T2D')).toBe(true);
    expect(sameSecret(' 0k-Im3xhp9t2d ', '0K1M3XHP9T2D')).toBe(true);
  });

  it('still refuses another code: a different character, U, or one character more or less', () => {
    expect(sameSecret('0K1M3XHP9T2E', '0K1M3XHP9T2D')).toBe(false);
    expect(sameSecret('UK1M3XHP9T2D', 'VK1M3XHP9T2D')).toBe(false);
    expect(sameSecret('0K1M3XHP9T2', '0K1M3XHP9T2D')).toBe(false);
    expect(sameSecret('0K1M3XHP9T2DD', '0K1M3XHP9T2D')).toBe(false);
  });

  it('takes 12 letters or digits with hyphens and spaces anywhere, nothing else', () => {
    for (const typed of ['q7mk-3xhp-9t2d', 'Q7MK 3XHP 9T2D', '-Q7MK3XHP9T2D-', 'OIL0il0IL0il']) expect({ typed, ok: LOOKUP_CODE_INPUT_PATTERN.test(typed) }).toEqual({ typed, ok: true });
    for (const typed of ['Q7MK3XHP9T2', 'Q7MK3XHP9T2DX', 'Q7MK_3XHP9T2D', 'Q7MK3XHP9T2Đ', 'Q7MK\t3XHP9T2D', '']) expect({ typed, ok: LOOKUP_CODE_INPUT_PATTERN.test(typed) }).toEqual({ typed, ok: false });
  });
});
