/** The file types told apart by their first bytes (magic numbers), never by a name or a client's header. */
export const SNIFFED_MEDIA_TYPES = {
  'application/pdf': { extension: 'pdf', magic: [Buffer.from('%PDF-', 'latin1')] },
  'image/png': { extension: 'png', magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])] },
  'image/jpeg': { extension: 'jpg', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
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
