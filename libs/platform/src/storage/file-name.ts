import { withoutDiacritics } from '@onestop/domain';

const MAX_NAME_LENGTH = 200;

/**
 * A client's file name made safe to keep and to send back: the last path segment only, NFC
 * (so "Đơn đề nghị.pdf" typed on any system compares equal), no control characters and none
 * of `/ \ : * ? " < > |`, no leading dots, at most 200 characters with the extension kept.
 * Empty results become `fallback`.
 */
export function sanitizeFileName(name: string | undefined, fallback: string): string {
  let clean = (name ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  clean = clean.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  clean = clean.replace(/[:*?"<>|]/g, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').trim();
  if ([...clean].length > MAX_NAME_LENGTH) {
    const dot = clean.lastIndexOf('.');
    const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
    clean = [...clean.slice(0, clean.length - extension.length)].slice(0, MAX_NAME_LENGTH - extension.length).join('').trim() + extension;
  }
  return clean || fallback;
}

/** The name spelled in ASCII for old clients: Vietnamese letters without their marks, anything else `_`. */
export function asciiFileName(name: string): string {
  return withoutDiacritics(name)
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
}

/**
 * `Content-Disposition` for a download (RFC 6266): an ASCII `filename` for old clients and the
 * exact name as `filename*=UTF-8''…` (RFC 8187), so Vietnamese names arrive intact.
 */
export function attachmentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${asciiFileName(name)}"; filename*=UTF-8''${encoded}`;
}
