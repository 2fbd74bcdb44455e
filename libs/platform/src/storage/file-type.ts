import { sanitizeFileName } from './file-name.js';

/**
 * The file types told apart by their first bytes (magic numbers), never by a name or a client's
 * header. `extension` is the one given to a file sent without one; `extensions` are those a
 * file's name may end with (any case).
 */
export const SNIFFED_MEDIA_TYPES = {
  'application/pdf': { extension: 'pdf', extensions: ['pdf'], label: 'PDF', magic: [Buffer.from('%PDF-', 'latin1')] },
  'image/png': { extension: 'png', extensions: ['png'], label: 'PNG', magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])] },
  'image/jpeg': { extension: 'jpg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], label: 'JPEG', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
} as const;

export type SniffedMediaType = keyof typeof SNIFFED_MEDIA_TYPES;

/** How many leading bytes `sniffMediaType` needs to decide. */
export const SNIFF_BYTES = 8;

/** The media type the first bytes of a file show, or undefined when it is none of the known ones. */
export function sniffMediaType(head: Buffer): SniffedMediaType | undefined {
  for (const [type, { magic }] of Object.entries(SNIFFED_MEDIA_TYPES) as Array<[SniffedMediaType, (typeof SNIFFED_MEDIA_TYPES)[SniffedMediaType]]>) {
    if (magic.some((signature) => head.length >= signature.length && head.subarray(0, signature.length).equals(signature))) return type;
  }
  return undefined;
}

/**
 * The extension a file name ends with, lower case, or undefined when it has none: what follows
 * the last dot, 1-10 ASCII letters and digits with at least one letter ("v1.2" and "scan 1.5 MB"
 * have none; "don.PDF" has "pdf").
 */
export function fileNameExtension(name: string | undefined): string | undefined {
  const clean = sanitizeFileName(name, '');
  const dot = clean.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = clean.slice(dot + 1);
  return /^[A-Za-z0-9]{1,10}$/.test(extension) && /[A-Za-z]/.test(extension) ? extension.toLowerCase() : undefined;
}

/**
 * Why a client's file name disagrees with the type its content shows ("x.html" holding a PDF),
 * or undefined when it agrees or has no extension.
 */
export function fileNameMismatch(name: string | undefined, type: SniffedMediaType): string | undefined {
  const extension = fileNameExtension(name);
  const known = SNIFFED_MEDIA_TYPES[type];
  if (extension === undefined || (known.extensions as readonly string[]).includes(extension)) return undefined;
  return `is named ".${extension}" but its content is a ${known.label} file: name it ".${known.extension}"`;
}

/**
 * The name to keep for a file of `type`: the client's, made safe, with the type's extension
 * added when it has none (`fallback` plus the extension when nothing of it is left).
 */
export function fileNameForType(name: string | undefined, type: SniffedMediaType, fallback: string): string {
  const { extension } = SNIFFED_MEDIA_TYPES[type];
  const clean = sanitizeFileName(name, '');
  if (!clean) return `${fallback}.${extension}`;
  return fileNameExtension(clean) === undefined ? sanitizeFileName(`${clean}.${extension}`, `${fallback}.${extension}`) : clean;
}
