import { describe, expect, it } from '@jest/globals';
import { maskContactsIn, maskEmail, maskPhone } from './masking.js';
import { afterQuietHours, parseQuietHours } from './quiet-hours.js';
import { smsSegments, withoutDiacritics } from './sms-segments.js';
import { checkPlaceholders, defaultTemplate, NOTIFICATION_KINDS, channelsOf, renderTemplate, sampleValues, smsText } from './templates.js';

describe('SMS segments, as networks count them', () => {
  it('fits 160 GSM-7 characters in one SMS and 153 in each part of a longer one', () => {
    expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', segments: 1, remaining: 0 });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ encoding: 'gsm7', segments: 2, units: 161 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the extension characters twice', () => {
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSegments('{'.repeat(81)).segments).toBe(2);
  });

  it('makes a text with Vietnamese diacritics UCS-2: 70 characters, 67 per part', () => {
    expect(smsSegments('Hồ sơ đã được tiếp nhận')).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(smsSegments('ư'.repeat(70)).segments).toBe(1);
    expect(smsSegments('ư'.repeat(71)).segments).toBe(2);
    expect(smsSegments('ư'.repeat(135)).segments).toBe(3);
  });

  it('sends a Vietnamese text without its diacritics when that makes fewer segments', () => {
    const long = 'Hồ sơ của Ông/Bà đã được tiếp nhận và đang được giải quyết theo đúng quy định; vui lòng theo dõi tiến độ trên Cổng dịch vụ công.';
    expect(withoutDiacritics('Đặng Thị Ngọc Ánh')).toBe('Dang Thi Ngoc Anh');
    const sent = smsText(long);
    expect(sent.text).toBe(withoutDiacritics(long));
    expect(sent.segments).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(smsText('Hồ sơ đã xong').text).toBe('Hồ sơ đã xong');
  });
});

describe('quiet hours in Vietnam\'s time', () => {
  const quiet = parseQuietHours('21:00-07:00')!;

  it('holds what falls in them until 07:00, the same or the next morning', () => {
    expect(afterQuietHours(new Date('2026-03-16T22:30:00+07:00'), quiet).toISOString()).toBe(new Date('2026-03-17T07:00:00+07:00').toISOString());
    expect(afterQuietHours(new Date('2026-03-17T05:10:00+07:00'), quiet).toISOString()).toBe(new Date('2026-03-17T07:00:00+07:00').toISOString());
    expect(afterQuietHours(new Date('2026-03-16T21:00:00+07:00'), quiet).toISOString()).toBe(new Date('2026-03-17T07:00:00+07:00').toISOString());
  });

  it('lets through what falls outside them, and everything when off', () => {
    const day = new Date('2026-03-16T07:00:00+07:00');
    expect(afterQuietHours(day, quiet)).toEqual(day);
    expect(afterQuietHours(new Date('2026-03-16T20:59:00+07:00'), quiet)).toEqual(new Date('2026-03-16T20:59:00+07:00'));
    expect(afterQuietHours(new Date('2026-03-16T23:00:00+07:00'), parseQuietHours('off')!)).toEqual(new Date('2026-03-16T23:00:00+07:00'));
  });

  it('takes hours within one day too, and refuses what is not HH:MM-HH:MM', () => {
    expect(afterQuietHours(new Date('2026-03-16T12:15:00+07:00'), parseQuietHours('12:00-13:30')!).toISOString()).toBe(new Date('2026-03-16T13:30:00+07:00').toISOString());
    expect(parseQuietHours('21:00')).toBeUndefined();
    expect(parseQuietHours('25:00-07:00')).toBeUndefined();
    expect(parseQuietHours('07:00-07:00')).toBeUndefined();
  });
});

describe('message templates', () => {
  it('names an unknown placeholder and a malformed one', () => {
    expect(checkPlaceholders('dossier_received', 'Mã {{lookupCode}} hẹn {{appointmentAt}}')).toEqual([]);
    expect(checkPlaceholders('dossier_received', 'Mã {{trackingNumber}}')).toEqual([expect.objectContaining({ code: 'unknown-placeholder', placeholder: 'trackingNumber' })]);
    expect(checkPlaceholders('dossier_received', 'Mã {{ lookup code }}').map((p) => p.code)).toEqual(['malformed-placeholder']);
    expect(checkPlaceholders('dossier_received', 'Mã {{lookupCode}').map((p) => p.code)).toEqual(['malformed-placeholder']);
  });

  it('renders the values and tidies the spaces a missing one leaves', () => {
    expect(renderTemplate('Hồ sơ {{dossierCode}} {{downloadLink}} xong.', { dossierCode: 'X-1', downloadLink: null })).toBe('Hồ sơ X-1 xong.');
  });

  it('ships a template for every kind on its channels, each with known placeholders and every SMS within two GSM-7 segments', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const channel of channelsOf(kind)) {
        const template = defaultTemplate(kind, channel)!;
        expect(checkPlaceholders(kind, `${template.subject ?? ''} ${template.body}`)).toEqual([]);
        if (channel !== 'sms') continue;
        // Written without diacritics: only what fills the placeholders may bring UCS-2 in.
        expect(smsSegments(template.body).encoding).toBe('gsm7');
        expect(smsText(renderTemplate(template.body, sampleValues(kind))).segments.segments).toBeLessThanOrEqual(2);
      }
    }
  });
});

describe('contact data in logs', () => {
  it('masks phones and emails, alone and inside a provider\'s answer', () => {
    expect(maskPhone('0912345678')).toBe('091****678');
    expect(maskEmail('an.nguyen@example.vn')).toBe('a***@example.vn');
    expect(maskContactsIn('550 5.1.1 <an.nguyen@example.vn> unknown; sms to 0912345678 failed')).toBe('550 5.1.1 <a***@example.vn> unknown; sms to 091****678 failed');
  });
});
