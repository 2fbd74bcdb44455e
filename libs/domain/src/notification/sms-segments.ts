/**
 * How many SMS a text makes, as networks count it (3GPP TS 23.038 and 23.040): a text wholly in
 * the GSM 7-bit default alphabet takes 160 characters in one message, 153 in each part of a
 * longer one (the rest of each part holds the header that joins them), the characters of the
 * extension table (`^{}\[~]|€`, form feed) two each; any other character (Vietnamese letters
 * with diacritics, `ư`, `đ`) makes the whole text UCS-2: 70 UTF-16 units in one message, 67 in
 * each part. Brand-name SMS in Vietnam are usually sent without diacritics for this reason.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Characters (units) still free in the last segment. */
  remaining: number;
}

export function smsSegments(text: string): SmsSegments {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENSION.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return count('gsm7', septets, 160, 153);
  return count('ucs2', text.length, 70, 67);
}

function count(encoding: SmsEncoding, units: number, single: number, part: number): SmsSegments {
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1, remaining: single - units };
  const segments = Math.ceil(units / part);
  return { encoding, units, segments, remaining: segments * part - units };
}

/** Vietnamese without its diacritics (`Hồ sơ đã được tiếp nhận` → `Ho so da duoc tiep nhan`): GSM-7, so two and a half times as much fits in an SMS. */
export function withoutDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}
