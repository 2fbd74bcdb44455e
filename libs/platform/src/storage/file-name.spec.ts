import { describe, expect, it } from '@jest/globals';
import { asciiFileName, attachmentDisposition, sanitizeFileName } from './file-name.js';
import { sniffMediaType } from './file-type.js';

describe('file names', () => {
  it('keep a Vietnamese name, in NFC, and drop paths, control characters and reserved characters', () => {
    const decomposed = 'Đơn đề nghị.pdf'.normalize('NFD');
    expect(sanitizeFileName(decomposed, 'x')).toBe('Đơn đề nghị.pdf');
    expect(sanitizeFileName('C:\\Users\\an\\Desktop\\giay to.pdf', 'x')).toBe('giay to.pdf');
    expect(sanitizeFileName('../../etc/passwd', 'x')).toBe('passwd');
    expect(sanitizeFileName('a\u0000b\r\n"c"<d>|e?.png', 'x')).toBe('ab_c__d__e_.png');
    expect(sanitizeFileName('invoice\u202Efdp.exe', 'x')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('\u061Cinvoice\u2067.pdf', 'x')).toBe('invoice.pdf');
    expect(sanitizeFileName('...', 'tai-lieu.pdf')).toBe('tai-lieu.pdf');
    expect(sanitizeFileName(undefined, 'tai-lieu.pdf')).toBe('tai-lieu.pdf');
    const long = sanitizeFileName(`${'ắ'.repeat(300)}.pdf`, 'x');
    expect([...long].length).toBe(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('spell a name in ASCII for old clients and exactly in filename*', () => {
    expect(asciiFileName('Giấy khám sức khỏe – Đào "A".pdf')).toBe('Giay kham suc khoe _ Dao _A_.pdf');
    const header = attachmentDisposition("Đơn (bản sao) 100%'s.pdf");
    expect(header).toBe(`attachment; filename="Don (ban sao) 100_'s.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%28b%E1%BA%A3n%20sao%29%20100%25%27s.pdf`);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1])).toBe("Đơn (bản sao) 100%'s.pdf");
  });
});

describe('sniffMediaType', () => {
  it('tells PDF, PNG and JPEG by their first bytes, and nothing else', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from('MZ\x90\x00', 'latin1'))).toBeUndefined();
    expect(sniffMediaType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffMediaType(Buffer.from('%PD'))).toBeUndefined();
    expect(sniffMediaType(Buffer.alloc(0))).toBeUndefined();
  });
});
