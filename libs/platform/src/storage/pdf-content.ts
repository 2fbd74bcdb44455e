import { promisify } from 'node:util';
import { inflate, type ZlibOptions } from 'node:zlib';
import { type ContentCheck, FileContentError } from './content-check.js';

const inflateAsync = promisify(inflate) as (buffer: Buffer, options: ZlibOptions) => Promise<Buffer>;

/** Most bytes the object streams of one file may inflate to, all together. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
/** Tokens of one object kept to read a stream's dictionary; a longer object before `stream` is refused. */
const MAX_OBJECT_TOKENS = 20000;
const MAX_TOKEN_BYTES = 256;

const malformed = (reason: string) => new FileContentError('malformed', reason);
const active = (reason: string) => new FileContentError('active-content', reason);

/**
 * Names that mark what a reader would run or open, as the lower-case decoded name and the
 * reason given. Compared without regard to case, after `#xx` escapes are decoded
 * (`/J#61vaScript` is `/JavaScript`).
 */
const ACTIVE_NAMES = new Map<string, string>([
  ['js', 'contains JavaScript'],
  ['javascript', 'contains JavaScript'],
  ['launch', 'contains an action that starts a program or opens a file (/Launch)'],
  ['embeddedfile', 'contains embedded files'],
  ['embeddedfiles', 'contains embedded files'],
  ['gotoe', 'contains an action that opens an embedded document (/GoToE)'],
  ['richmedia', 'contains rich media (Flash, video or 3D that runs in the reader)'],
  ['rendition', 'contains a multimedia action (/Rendition)'],
  ['xfa', 'contains an XFA form (a scripted form)'],
  ['submitform', 'contains a form action that sends data (/SubmitForm)'],
  ['importdata', 'contains a form action that imports data (/ImportData)'],
]);
const ENCRYPTED = 'is encrypted (a password or permissions are set), so its content cannot be checked: send it without protection';

/**
 * The long ones are also looked for in every byte of the file, strings, comments and stream
 * data included, exactly as spelled (after `#xx` decoding): an object hidden where a strict
 * parser sees no object (inside a string, found by a reader repairing a damaged file) is
 * still found. The short names (`/JS`, `/XFA`) would match by chance in binary data; the
 * actions they belong to carry one of these anyway (`/S /JavaScript`).
 */
const RAW_ACTIVE_NAMES = new Set(['JavaScript', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'Rendition', 'ImportData', 'SubmitForm']);
/** Raw bytes of a name worth decoding: the longest of them with every letter escaped (`#xx`). */
const RAW_NAME_LIMIT = 48;

const isWhitespace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
/** ( ) < > [ ] { } / % */
const isDelimiter = (b: number) => b === 0x28 || b === 0x29 || b === 0x3c || b === 0x3e || b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d || b === 0x2f || b === 0x25;
const isRegular = (b: number) => !isWhitespace(b) && !isDelimiter(b);
const isHexDigit = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
const INTEGER = /^[+-]?\d+$/;

/** A name's bytes (after the slash) with its `#xx` escapes decoded, as latin1 text. */
function decodeName(bytes: ArrayLike<number>, length = bytes.length): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const b = bytes[i];
    if (b === 0x23 && i + 2 < length && isHexDigit(bytes[i + 1]) && isHexDigit(bytes[i + 2])) {
      text += String.fromCharCode(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
      i += 2;
    } else {
      text += String.fromCharCode(b);
    }
  }
  return text;
}

/** Looks for RAW_ACTIVE_NAMES in a byte stream fed in chunks, a name cut between chunks included. */
class RawNameScan {
  private carry: Buffer | undefined;

  push(chunk: Buffer): void {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = undefined;
    let from = 0;
    for (;;) {
      const slash = bytes.indexOf(0x2f, from);
      if (slash === -1) return;
      let end = slash + 1;
      while (end < bytes.length && end - slash <= RAW_NAME_LIMIT && isRegular(bytes[end])) end++;
      if (end === bytes.length && end - slash <= RAW_NAME_LIMIT) {
        // The name may go on in the next chunk.
        this.carry = Buffer.from(bytes.subarray(slash));
        return;
      }
      this.check(bytes.subarray(slash + 1, end));
      from = end;
    }
  }

  finish(): void {
    if (this.carry) this.check(this.carry.subarray(1));
    this.carry = undefined;
  }

  private check(name: Buffer): void {
    if (name.length === 0 || name.length > RAW_NAME_LIMIT) return;
    const decoded = decodeName(name);
    if (RAW_ACTIVE_NAMES.has(decoded)) throw active(ACTIVE_NAMES.get(decoded.toLowerCase())!);
  }
}

type TokenKind = 'name' | 'word' | 'string' | '<<' | '>>' | '[' | ']' | 'brace';
interface Token {
  kind: TokenKind;
  /** A name decoded, a word (number or keyword) as written; empty for the others. */
  value: string;
  /** Offset of its first byte. */
  start: number;
  /** Offset just after the token or comment before it: where a slightly-off offset may point. */
  previousEnd: number;
}

type PdfValue =
  | { t: 'dict'; entries: Map<string, PdfValue> }
  | { t: 'array'; items: PdfValue[] }
  | { t: 'name'; v: string }
  | { t: 'num'; v: number }
  | { t: 'ref'; key: string }
  | { t: 'other' };

/** One PDF value from `tokens` at `at`: the value and where the next one starts. */
function parseValue(tokens: Token[], at: number, depth = 0): [PdfValue, number] {
  if (depth > 64) throw malformed('is not a PDF readers can open: its objects nest too deeply');
  const token = tokens[at];
  if (!token) throw malformed('is not a well-formed PDF: an object ends early');
  switch (token.kind) {
    case '<<': {
      const entries = new Map<string, PdfValue>();
      let i = at + 1;
      while (tokens[i]?.kind !== '>>') {
        const key = tokens[i];
        if (!key) throw malformed('is not a well-formed PDF: a dictionary is not closed');
        if (key.kind !== 'name') throw malformed('is not a well-formed PDF: a dictionary key is not a name');
        const [value, next] = parseValue(tokens, i + 1, depth + 1);
        entries.set(key.value, value);
        i = next;
      }
      return [{ t: 'dict', entries }, i + 1];
    }
    case '[': {
      const items: PdfValue[] = [];
      let i = at + 1;
      while (tokens[i]?.kind !== ']') {
        if (!tokens[i]) throw malformed('is not a well-formed PDF: an array is not closed');
        const [value, next] = parseValue(tokens, i, depth + 1);
        items.push(value);
        i = next;
      }
      return [{ t: 'array', items }, i + 1];
    }
    case 'name':
      return [{ t: 'name', v: token.value }, at + 1];
    case 'word': {
      const [second, third] = [tokens[at + 1], tokens[at + 2]];
      if (INTEGER.test(token.value) && second?.kind === 'word' && INTEGER.test(second.value) && third?.kind === 'word' && third.value === 'R') {
        return [{ t: 'ref', key: `${Number(token.value)} ${Number(second.value)}` }, at + 3];
      }
      const number = Number(token.value);
      return [Number.isFinite(number) && token.value !== '' ? { t: 'num', v: number } : { t: 'other' }, at + 1];
    }
    case '>>':
    case ']':
      throw malformed('is not a well-formed PDF: a dictionary or array closes that was not opened');
    default:
      return [{ t: 'other' }, at + 1];
  }
}

/** What the scan of a whole file (its object streams included) has found so far. */
interface Findings {
  catalog: boolean;
  page: boolean;
}

interface ObjectStreamData {
  chunks: Buffer[];
  size: number;
  compressed: boolean;
}

type Mode = 'normal' | 'comment' | 'string' | 'lt' | 'hex' | 'gt' | 'name' | 'word' | 'stream-eol' | 'stream-cr' | 'stream-data' | 'stream-end' | 'stream-search';

const ENDSTREAM = Buffer.from('endstream', 'latin1');

/**
 * A PDF lexer and the little parsing the checks need, fed in chunks. For the file itself
 * (`topLevel`) it follows objects, their streams (each stream's extent checked against its
 * `/Length`, so no byte is taken for data that a reader takes for objects, or the other way
 * round), cross-reference sections and the trailer; for the inflated content of an object
 * stream, it only reads the objects in it.
 */
class PdfScanner {
  private mode: Mode = 'normal';
  private offset = 0;
  private tokenStart = 0;
  private previousEnd = 0;
  private text: number[] = [];
  private commentText = '';
  private stringDepth = 0;
  private escaped = false;
  private last: Token | undefined;
  private beforeLast: Token | undefined;
  private typeKey = false;

  // objects
  private object: { key: string; start: number; previousEnd: number; tokens: Token[]; overflow: boolean } | undefined;
  // the current stream
  private remaining = 0;
  private endMatched = 0;
  private streamStart = 0;
  private streamLength: { ref: string } | undefined;
  private streamData: ObjectStreamData | undefined;
  private searchTail: Buffer = Buffer.alloc(0);

  /** Offsets of `xref` keywords and of cross-reference stream objects, with the end of what comes before each. */
  readonly xrefStarts = new Map<number, number>();
  /** Objects whose whole content is one integer (stream lengths given by reference). */
  readonly integers = new Map<string, number>();
  /** Streams whose length is a reference, checked once the file is read. */
  readonly deferredLengths: Array<{ ref: string; span: number; tail: Buffer }> = [];
  /** startxref's offset, when the file so far ends with `startxref N %%EOF` and nothing after. */
  finalStartxref: number | undefined;
  private pendingStartxref: number | undefined;
  private expectStartxref = false;

  constructor(
    private readonly topLevel: boolean,
    private readonly findings: Findings,
    private readonly onObjectStream: (data: ObjectStreamData) => void = () => undefined,
  ) {}

  push(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      const b = chunk[i];
      switch (this.mode) {
        case 'normal':
          if (isWhitespace(b)) {
            i++;
            break;
          }
          this.tokenStart = this.offset + i;
          i++;
          if (b === 0x25) {
            this.mode = 'comment';
            this.commentText = '';
          } else if (b === 0x28) {
            this.mode = 'string';
            this.stringDepth = 1;
            this.escaped = false;
          } else if (b === 0x3c) this.mode = 'lt';
          else if (b === 0x3e) this.mode = 'gt';
          else if (b === 0x5b) this.emit('[', '', this.offset + i);
          else if (b === 0x5d) this.emit(']', '', this.offset + i);
          else if (b === 0x7b || b === 0x7d) this.emit('brace', '', this.offset + i);
          else if (b === 0x2f) {
            this.mode = 'name';
            this.text = [];
          } else if (b === 0x29) throw malformed('is not a well-formed PDF: a string closes that was not opened');
          else {
            this.mode = 'word';
            this.text = [b];
          }
          break;
        case 'comment':
          if (b === 0x0a || b === 0x0d) {
            this.comment(this.offset + i);
            this.mode = 'normal';
          } else if (this.commentText.length < 8) this.commentText += String.fromCharCode(b);
          i++;
          break;
        case 'string':
          i++;
          if (this.escaped) this.escaped = false;
          else if (b === 0x5c) this.escaped = true;
          else if (b === 0x28) this.stringDepth++;
          else if (b === 0x29 && --this.stringDepth === 0) this.emit('string', '', this.offset + i);
          break;
        case 'lt':
          if (b === 0x3c) {
            i++;
            this.emit('<<', '', this.offset + i);
          } else this.mode = 'hex';
          break;
        case 'hex':
          i++;
          if (b === 0x3e) this.emit('string', '', this.offset + i);
          else if (!isHexDigit(b) && !isWhitespace(b)) throw malformed('is not a well-formed PDF: a hexadecimal string holds other characters');
          break;
        case 'gt':
          if (b !== 0x3e) throw malformed('is not a well-formed PDF: a stray ">"');
          i++;
          this.emit('>>', '', this.offset + i);
          break;
        case 'name':
        case 'word':
          if (isRegular(b)) {
            if (this.text.length < MAX_TOKEN_BYTES) this.text.push(b);
            i++;
          } else {
            this.endToken(this.offset + i);
          }
          break;
        case 'stream-eol':
          // After `stream`: CRLF or LF (a lone CR is taken too), then the data.
          if (b === 0x0d) {
            i++;
            this.mode = 'stream-cr';
          } else {
            if (b === 0x0a) i++;
            this.startData(this.offset + i);
          }
          break;
        case 'stream-cr':
          if (b === 0x0a) i++;
          this.startData(this.offset + i);
          break;
        case 'stream-data': {
          const take = Math.min(this.remaining, n - i);
          this.keep(chunk.subarray(i, i + take));
          i += take;
          this.remaining -= take;
          if (this.remaining === 0) {
            this.mode = 'stream-end';
            this.endMatched = 0;
          }
          break;
        }
        case 'stream-end':
          // Exactly /Length bytes of data, then end-of-line and `endstream`.
          if (this.endMatched === 0 && isWhitespace(b)) {
            i++;
          } else if (b === ENDSTREAM[this.endMatched]) {
            i++;
            if (++this.endMatched === ENDSTREAM.length) this.endStream(this.offset + i);
          } else {
            throw malformed('is not a well-formed PDF: a stream is not as long as its /Length says');
          }
          break;
        case 'stream-search': {
          // The length is a reference, known only once the file is read: find `endstream` now, check the length then.
          const rest = chunk.subarray(i);
          const window = this.searchTail.length ? Buffer.concat([this.searchTail, rest]) : rest;
          const found = window.indexOf(ENDSTREAM);
          if (found === -1) {
            this.keep(rest);
            this.searchTail = Buffer.from(window.subarray(Math.max(0, window.length - (ENDSTREAM.length - 1))));
            i = n;
            break;
          }
          const fromRest = found + ENDSTREAM.length - this.searchTail.length;
          const dataEnd = this.offset + i + found - this.searchTail.length;
          this.keep(rest.subarray(0, Math.max(0, found - this.searchTail.length)));
          const span = dataEnd - this.streamStart;
          const tailStart = Math.max(0, found - 2);
          this.deferredLengths.push({ ref: this.streamLength!.ref, span, tail: Buffer.from(window.subarray(tailStart, found)) });
          if (this.streamData) this.streamData.size = Math.min(this.streamData.size, span);
          this.searchTail = Buffer.alloc(0);
          i += fromRest;
          this.endStream(this.offset + i);
          break;
        }
      }
    }
    this.offset += n;
  }

  /** After the last byte: a token the end closes is taken; ending inside a string or stream is an error. */
  finish(): void {
    if (this.mode === 'name' || this.mode === 'word') this.endToken(this.offset);
    else if (this.mode === 'comment') this.comment(this.offset);
    else if (this.mode !== 'normal') throw malformed('is not a complete PDF: it ends inside a string or stream');
  }

  private keep(data: Buffer): void {
    if (this.streamData && data.length > 0) {
      this.streamData.chunks.push(Buffer.from(data));
      this.streamData.size += data.length;
    }
  }

  private comment(end: number): void {
    const isEof = this.commentText.startsWith('%EOF'); // the text after the first '%'
    if (isEof && this.pendingStartxref !== undefined) this.finalStartxref = this.pendingStartxref;
    else this.finalStartxref = undefined;
    this.previousEnd = end;
  }

  private endToken(end: number): void {
    const bytes = this.text;
    if (this.mode === 'name') this.emit('name', decodeName(bytes), end);
    else this.emit('word', String.fromCharCode(...bytes), end);
  }

  private emit(kind: TokenKind, value: string, end: number): void {
    this.mode = 'normal';
    const token: Token = { kind, value, start: this.tokenStart, previousEnd: this.previousEnd };
    this.previousEnd = end;
    this.finalStartxref = undefined;
    if (this.expectStartxref) {
      this.expectStartxref = false;
      this.pendingStartxref = kind === 'word' && INTEGER.test(value) ? Number(value) : undefined;
    } else this.pendingStartxref = undefined;

    if (kind === 'name') this.name(value);
    else this.typeKey = false;

    if (kind === 'word') this.word(token);
    else if (this.object) this.keepToken(token);
    this.beforeLast = this.last;
    this.last = token;
  }

  private name(value: string): void {
    const lower = value.toLowerCase();
    const reason = ACTIVE_NAMES.get(lower);
    if (reason) throw active(reason);
    if (value === 'Encrypt') throw active(ENCRYPTED);
    if (this.typeKey) {
      if (value === 'Catalog') this.findings.catalog = true;
      else if (value === 'Page') this.findings.page = true;
    }
    this.typeKey = value === 'Type';
  }

  private keepToken(token: Token): void {
    const object = this.object!;
    if (object.tokens.length < MAX_OBJECT_TOKENS) object.tokens.push(token);
    else object.overflow = true;
  }

  private word(token: Token): void {
    const { value } = token;
    if (!this.topLevel) {
      if (value === 'stream' || value === 'obj') throw malformed('is not a well-formed PDF: an object stream holds a stream or an object header');
      return;
    }
    switch (value) {
      case 'obj': {
        const [number, generation] = [this.beforeLast, this.last];
        if (number?.kind !== 'word' || generation?.kind !== 'word' || !INTEGER.test(number.value) || !INTEGER.test(generation.value)) {
          throw malformed('is not a well-formed PDF: an object header is invalid');
        }
        if (this.object) this.object.tokens.splice(-2); // an object without endobj: readers take the next header
        this.object = { key: `${Number(number.value)} ${Number(generation.value)}`, start: number.start, previousEnd: number.previousEnd, tokens: [], overflow: false };
        return;
      }
      case 'endobj': {
        const object = this.object;
        if (object && object.tokens.length === 1 && object.tokens[0].kind === 'word' && INTEGER.test(object.tokens[0].value)) {
          this.integers.set(object.key, Number(object.tokens[0].value));
        }
        this.object = undefined;
        return;
      }
      case 'stream':
        this.beginStream();
        return;
      case 'xref':
        if (!this.object) this.xrefStarts.set(token.start, token.previousEnd);
        break;
      case 'startxref':
        if (!this.object) this.expectStartxref = true;
        break;
    }
    if (this.object) this.keepToken(token);
  }

  private beginStream(): void {
    const object = this.object;
    if (!object) throw malformed('is not a well-formed PDF: a stream outside any object');
    if (object.overflow) throw active('has a stream whose dictionary is too large to check');
    const [dict, next] = object.tokens.length ? parseValue(object.tokens, 0) : [undefined, 0];
    if (dict?.t !== 'dict' || next !== object.tokens.length) throw malformed('is not a well-formed PDF: a stream has no dictionary before it');
    const get = (key: string) => dict.entries.get(key);
    const type = get('Type');
    const length = get('Length');
    if (type?.t === 'name' && type.v === 'XRef') this.xrefStarts.set(object.start, object.previousEnd);

    // An object stream: what readers take for one (they look for /N and /First, not always /Type).
    this.streamData = undefined;
    if ((type?.t === 'name' && type.v === 'ObjStm') || get('N') !== undefined || get('First') !== undefined) {
      const filter = get('Filter');
      const filters = filter === undefined ? [] : filter.t === 'array' ? filter.items : [filter];
      if (filters.length > 1 || filters.some((f) => f.t !== 'name' || (f.v !== 'FlateDecode' && f.v !== 'Fl'))) {
        throw active('has an object stream in an encoding that cannot be checked (only FlateDecode can)');
      }
      const parms = get('DecodeParms') ?? get('DP');
      const parmsDict = parms?.t === 'array' ? parms.items[0] : parms;
      if (parms !== undefined && parmsDict !== undefined && parmsDict.t !== 'dict' && !(parms.t === 'array' && parmsDict.t === 'other')) {
        throw active('has an object stream in an encoding that cannot be checked');
      }
      const predictor = parmsDict?.t === 'dict' ? parmsDict.entries.get('Predictor') : undefined;
      if (predictor !== undefined && !(predictor.t === 'num' && predictor.v <= 1)) throw active('has an object stream in an encoding that cannot be checked (a predictor)');
      this.streamData = { chunks: [], size: 0, compressed: filters.length === 1 };
    }
    if (length?.t === 'num' && Number.isInteger(length.v) && length.v >= 0) {
      this.remaining = length.v;
      this.streamLength = undefined;
    } else if (length?.t === 'ref' && this.integers.has(length.key)) {
      // A length object that came before its stream.
      this.remaining = this.integers.get(length.key)!;
      this.streamLength = undefined;
    } else if (length?.t === 'ref') {
      this.streamLength = { ref: length.key };
    } else {
      throw malformed('is not a well-formed PDF: a stream has no valid /Length');
    }
    object.tokens.push({ kind: 'word', value: 'stream', start: this.tokenStart, previousEnd: 0 });
    this.mode = 'stream-eol';
  }

  private startData(at: number): void {
    this.streamStart = at;
    if (this.streamLength) {
      this.mode = 'stream-search';
      this.searchTail = Buffer.alloc(0);
    } else if (this.remaining === 0) {
      this.mode = 'stream-end';
      this.endMatched = 0;
    } else {
      this.mode = 'stream-data';
    }
  }

  private endStream(end: number): void {
    this.mode = 'normal';
    this.previousEnd = end;
    this.last = undefined;
    this.beforeLast = undefined;
    const data = this.streamData;
    this.streamData = undefined;
    if (data) this.onObjectStream(data);
  }
}

/**
 * PDF (ISO 32000): a `%PDF-1.x` or `%PDF-2.0` header; objects whose streams are exactly as long
 * as their `/Length` says; `startxref` pointing at a cross-reference table or stream, then
 * `%%EOF` with nothing but white space after it; a catalog and at least one page. Refused as
 * active content: any name of ACTIVE_NAMES (JavaScript, launch, embedded files, rich media,
 * XFA, form submission; `#xx` escapes decoded), also inside object streams (inflated to be
 * read), object streams in another encoding than FlateDecode, and encrypted files.
 */
export class PdfContentCheck implements ContentCheck {
  private readonly findings: Findings = { catalog: false, page: false };
  private readonly scanner = new PdfScanner(true, this.findings, (data) => this.objectStream(data));
  private readonly raw = new RawNameScan();
  private header: Buffer[] = [];
  private headerLength = 0;
  private pending: Promise<void> = Promise.resolve();
  private failure: FileContentError | undefined;
  private inflated = 0;

  push(chunk: Buffer): void {
    if (this.failure) throw this.failure;
    if (this.headerLength < 8) {
      this.header.push(chunk);
      this.headerLength += chunk.length;
      if (this.headerLength >= 8) this.checkHeader(Buffer.concat(this.header));
    }
    this.raw.push(chunk);
    this.scanner.push(chunk);
  }

  async end(): Promise<void> {
    if (this.headerLength < 8) this.checkHeader(Buffer.concat(this.header));
    this.raw.finish();
    this.scanner.finish();
    await this.pending;
    if (this.failure) throw this.failure;
    const scanner = this.scanner;
    for (const { ref, span, tail } of scanner.deferredLengths) {
      const length = scanner.integers.get(ref);
      if (length === undefined) throw malformed('is not a well-formed PDF: the length of a stream cannot be found');
      const eol = span - length;
      const fits = eol === 0 || (eol === 1 && (tail.at(-1) === 0x0a || tail.at(-1) === 0x0d)) || (eol === 2 && tail[0] === 0x0d && tail[1] === 0x0a);
      if (!fits) throw malformed('is not a well-formed PDF: a stream is not as long as its /Length says');
    }
    const startxref = scanner.finalStartxref;
    if (startxref === undefined) throw malformed('is not a complete PDF: it does not end with "startxref" and "%%EOF" (was it cut short, or is something appended?)');
    const pointsAtXref = [...scanner.xrefStarts].some(([start, previousEnd]) => startxref >= previousEnd && startxref <= start);
    if (!pointsAtXref) throw malformed('is not a well-formed PDF: its "startxref" does not point at its cross-reference table');
    if (!this.findings.catalog || !this.findings.page) throw malformed('is not a PDF document readers can show: it has no catalog or no page');
  }

  private checkHeader(head: Buffer): void {
    if (!/^%PDF-[12]\.\d/.test(head.toString('latin1', 0, 8))) throw malformed('is not a PDF: its header is not "%PDF-1.x" or "%PDF-2.0"');
  }

  /** Inflated and read one after another, off the event loop; a failure shows at the next push or at the end. */
  private objectStream(data: ObjectStreamData): void {
    const bytes = Buffer.concat(data.chunks).subarray(0, data.size);
    this.pending = this.pending.then(async () => {
      if (this.failure) return;
      try {
        let content: Buffer = bytes;
        if (data.compressed) {
          try {
            content = await inflateAsync(bytes, { maxOutputLength: Math.max(1, MAX_INFLATED_BYTES - this.inflated) });
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw active('has object streams too large to check');
            throw malformed('is not a well-formed PDF: an object stream cannot be decompressed');
          }
        }
        this.inflated += content.length;
        const raw = new RawNameScan();
        raw.push(content);
        raw.finish();
        const inner = new PdfScanner(false, this.findings);
        inner.push(content);
        inner.finish();
      } catch (error) {
        if (!(error instanceof FileContentError)) throw error;
        this.failure = error;
      }
    });
  }
}
