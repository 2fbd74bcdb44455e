import type PDFKitModule from 'pdfkit';
import { loadFormFonts, type FormFontStyle } from './form-fonts.js';
import type { FormField, FormParagraph, FormSignature, FormTable, PrintableForm } from './printable-form.js';

type PdfDocument = typeof PDFKitModule;
type Alignment = 'left' | 'center' | 'right';

const POINTS_PER_MM = 72 / 25.4;
// Decree 30/2020/ND-CP margins: a wide left one for binding.
const PAGE_MARGINS = { top: 20 * POINTS_PER_MM, bottom: 20 * POINTS_PER_MM, left: 30 * POINTS_PER_MM, right: 20 * POINTS_PER_MM };

const TEXT_SIZE = 12;
const HEADER_SIZE = 12;
const MOTTO_SIZE = 13;
const TITLE_SIZE = 14;
const TABLE_SIZE = 11;
const SMALL_SIZE = 10;
// Header lines shrink this far to stay on one line; further, and a wrapped line reads better.
const SMALLEST_HEADER_SIZE = 11;
const ISSUER_COLUMN_SHARE = 0.42;
const CELL_PADDING = 4;
const BLOCK_GAP = 6;
const SIGNATURE_SPACE = 64;
// A table with signature columns: lines of room to sign above the name in such a cell, and the
// fewest lines any of its rows has.
const SIGNATURE_CELL_LINES = 3;
const SIGNATURE_ROW_LINES = 4;
const PARAGRAPH_INDENT = 10 * POINTS_PER_MM;
const RULE_WIDTH = 0.6;

const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

const FONT_ALIASES: Record<FormFontStyle, string> = { regular: 'form-regular', bold: 'form-bold', italic: 'form-italic' };

/**
 * Renders a form as an A4 PDF with the Vietnamese fonts embedded (subset), so it prints and
 * displays the same everywhere. Throws on a table whose rows have more cells than columns.
 */
export async function renderFormPdf(form: PrintableForm): Promise<Buffer> {
  const cleanForm = cleanStrings(form);
  assertDrawable(cleanForm);
  // pdfkit and fontkit take about 200 ms to load; imported here so services that never print don't pay it.
  const [{ default: PDFDocument }, fonts] = await Promise.all([import('pdfkit'), loadFormFonts()]);

  const doc = new PDFDocument({
    size: 'A4',
    layout: cleanForm.landscape ? 'landscape' : 'portrait',
    margins: PAGE_MARGINS,
    bufferPages: true, // page numbers are written once the page count is known
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: cleanForm.title, Subject: `Mẫu số ${cleanForm.formNumber}`, Creator: 'onestop' },
  });
  const chunks: Buffer[] = [];
  const rendered = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const style of Object.keys(FONT_ALIASES) as FormFontStyle[]) {
    doc.registerFont(FONT_ALIASES[style], fonts[style]);
  }

  new FormWriter(doc).write(cleanForm);
  doc.end();
  return rendered;
}

/**
 * Composes decomposed input (a letter followed by combining marks, as some keyboards and macOS
 * file names produce) into the precomposed letters the font has glyphs for, and turns control
 * characters, which would print as empty boxes, into spaces.
 */
function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
}

function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => cleanStrings(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanStrings(item)])) as T;
  }
  return value;
}

function assertDrawable(form: PrintableForm): void {
  for (const block of form.body) {
    if (block.kind !== 'table') continue;
    const label = block.caption ? `table "${block.caption}"` : 'a table';
    if (block.columns.length === 0) throw new Error(`Form ${form.formNumber}: ${label} has no columns.`);
    for (const column of block.columns) {
      if (column.width !== undefined && !(column.width > 0 && Number.isFinite(column.width))) {
        throw new Error(`Form ${form.formNumber}: column "${column.header}" of ${label} has width ${column.width}; widths are positive shares.`);
      }
    }
    const overfull = block.rows.findIndex((row) => row.length > block.columns.length);
    if (overfull >= 0) {
      throw new Error(`Form ${form.formNumber}: row ${overfull + 1} of ${label} has ${block.rows[overfull].length} cells for ${block.columns.length} columns.`);
    }
  }
}

function toCapitals(text: string): string {
  return text.toLocaleUpperCase('vi-VN');
}

/** Lays the form out on the pages of one document, top to bottom, tracking the cursor in `doc.y`. */
class FormWriter {
  private tableSize = TABLE_SIZE;

  constructor(private readonly doc: PdfDocument) {}

  write(form: PrintableForm): void {
    this.tableSize = form.tableTextSize ?? TABLE_SIZE;
    this.writeHeader(form);
    this.writeTitle(form.title, form.subtitle);
    for (const block of form.body) {
      if (block.kind === 'fields') this.writeFields(block.fields);
      else if (block.kind === 'table') this.writeTable(block);
      else this.writeParagraph(block);
    }
    if (form.signatures?.length) this.writeSignatures(form.signatures);
    if (form.footnote) this.writeFootnote(form.footnote);
    this.numberPages();
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get top(): number {
    return this.doc.page.margins.top;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private get contentWidth(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private use(style: FormFontStyle, size: number): this {
    this.doc.font(FONT_ALIASES[style]).fontSize(size);
    return this;
  }

  private lineHeight(style: FormFontStyle, size: number): number {
    return this.use(style, size).doc.currentLineHeight(true);
  }

  private startNewPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  /** Starts a new page unless `height` still fits above the bottom margin. */
  private keepTogether(height: number): void {
    if (this.doc.y + height > this.bottom) this.startNewPage();
  }

  /**
   * One line at an exact place, in the current font. Without line breaking pdfkit neither wraps
   * nor starts a page, which the header, table cells and page numbers need.
   */
  private drawLine(text: string, x: number, y: number, width: number, align: Alignment): void {
    const slack = width - this.doc.widthOfString(text);
    const offset = align === 'center' ? slack / 2 : align === 'right' ? slack : 0;
    this.doc.text(text, x + Math.max(0, offset), y, { lineBreak: false });
  }

  /** Returns where the lines end. */
  private drawCentredLines(lines: string[], x: number, y: number, width: number, lineHeight: number): number {
    lines.forEach((line, index) => this.drawLine(line, x, y + index * lineHeight, width, 'center'));
    return y + lines.length * lineHeight;
  }

  private drawRule(x: number, y: number, width: number): void {
    this.doc.save().lineWidth(RULE_WIDTH).moveTo(x, y).lineTo(x + width, y).stroke().restore();
  }

  /** Splits text into lines no wider than `width` in the current font; '\n' always breaks. */
  private wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    for (const hardLine of text.split('\n')) {
      let line = '';
      for (const word of hardLine.split(/\s+/).filter(Boolean)) {
        const extended = line ? `${line} ${word}` : word;
        if (this.doc.widthOfString(extended) <= width) {
          line = extended;
          continue;
        }
        if (line) lines.push(line);
        line = word;
        // a word wider than the line, such as a long file number, is cut where it must be
        while (this.doc.widthOfString(line) > width) {
          const characters = Array.from(line);
          let fitting = 1;
          while (fitting < characters.length && this.doc.widthOfString(characters.slice(0, fitting + 1).join('')) <= width) fitting++;
          const lastBreakable = Math.max(characters.lastIndexOf('/', fitting - 1), characters.lastIndexOf('-', fitting - 1));
          if (lastBreakable > 0 && lastBreakable < fitting - 1) fitting = lastBreakable + 1;
          lines.push(characters.slice(0, fitting).join(''));
          line = characters.slice(fitting).join('');
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /**
   * Centred lines of the header block, shrunk a little to stay on one line, or else wrapped
   * into lines of even length ("TRUNG TÂM PHỤC VỤ / HÀNH CHÍNH CÔNG", not a lone last word).
   * Returns where the block ends and how wide its widest line is (the rule under it depends on it).
   */
  private writeHeaderLine(text: string, style: FormFontStyle, size: number, x: number, y: number, width: number): { bottom: number; widestLine: number } {
    const naturalWidth = this.use(style, size).doc.widthOfString(text);
    const shrunkSize = Math.floor(((size * width) / naturalWidth) * 2) / 2;
    // once the line must wrap anyway it keeps its size, like the header lines beside it
    this.use(style, naturalWidth > width && shrunkSize >= SMALLEST_HEADER_SIZE ? shrunkSize : size);
    const lineHeight = this.doc.currentLineHeight(true);
    const lines = this.wrapEvenly(text, width);
    const bottom = this.drawCentredLines(lines, x, y, width, lineHeight);
    return { bottom, widestLine: Math.max(...lines.map((line) => this.doc.widthOfString(line))) };
  }

  /** Wraps into as few lines as `wrap` would, but at the narrowest width that keeps that count. */
  private wrapEvenly(text: string, width: number): string[] {
    const lineCount = this.wrap(text, width).length;
    if (lineCount === 1) return [text.trim()];
    let narrow = 0;
    let wide = width;
    while (wide - narrow > 1) {
      const middle = (narrow + wide) / 2;
      if (this.wrap(text, middle).length <= lineCount) wide = middle;
      else narrow = middle;
    }
    return this.wrap(text, wide);
  }

  private writeHeader(form: PrintableForm): void {
    const issuerWidth = this.contentWidth * ISSUER_COLUMN_SHARE;
    const nationalX = this.left + issuerWidth;
    const nationalWidth = this.contentWidth - issuerWidth;

    // Inside the top margin, so the form number takes no room from the form.
    this.use('bold', SMALL_SIZE).drawLine(`Mẫu số ${form.formNumber}`, this.left, this.top - 2 * this.doc.currentLineHeight(true), this.contentWidth, 'right');

    // Decree 30: the superior authority in regular capitals, the issuing unit in bold ones.
    const issuerNames = [form.issuer, ...(form.issuerLines ?? [])].map(toCapitals);
    let issuerBottom = this.top;
    let issuingUnitWidth = 0;
    issuerNames.forEach((name, index) => {
      const style = index === issuerNames.length - 1 ? 'bold' : 'regular';
      const written = this.writeHeaderLine(name, style, HEADER_SIZE, this.left, issuerBottom, issuerWidth);
      issuerBottom = written.bottom;
      issuingUnitWidth = written.widestLine;
    });
    const issuerRuleWidth = issuingUnitWidth / 3;
    this.drawRule(this.left + (issuerWidth - issuerRuleWidth) / 2, issuerBottom + 3, issuerRuleWidth);

    const name = this.writeHeaderLine(NATIONAL_NAME, 'bold', HEADER_SIZE, nationalX, this.top, nationalWidth);
    const motto = this.writeHeaderLine(NATIONAL_MOTTO, 'bold', MOTTO_SIZE, nationalX, name.bottom, nationalWidth);
    this.drawRule(nationalX + (nationalWidth - motto.widestLine) / 2, motto.bottom + 1, motto.widestLine);

    // The reference and the place and date share a line under the rules, as on printed forms.
    const secondRowY = Math.max(issuerBottom, motto.bottom) + BLOCK_GAP;
    let headerBottom = secondRowY;
    if (form.reference) {
      headerBottom = Math.max(headerBottom, this.writeHeaderLine(form.reference, 'regular', HEADER_SIZE, this.left, secondRowY, issuerWidth).bottom);
    }
    if (form.placeAndDate) {
      headerBottom = Math.max(headerBottom, this.writeHeaderLine(form.placeAndDate, 'italic', HEADER_SIZE, nationalX, secondRowY, nationalWidth).bottom);
    }
    this.doc.x = this.left;
    this.doc.y = headerBottom + 3 * BLOCK_GAP;
  }

  private writeTitle(title: string, subtitle: string | undefined): void {
    this.use('bold', TITLE_SIZE).doc.text(toCapitals(title), this.left, this.doc.y, { width: this.contentWidth, align: 'center' });
    if (subtitle) this.use('regular', TEXT_SIZE).doc.text(subtitle, this.left, this.doc.y, { width: this.contentWidth, align: 'center' });
    this.doc.y += 2 * BLOCK_GAP;
  }

  private writeFields(fields: FormField[]): void {
    for (const { label, value } of fields) {
      const cleanLabel = label.replace(/\s*:\s*$/, ''); // callers often write the colon themselves
      if (!value.trim()) {
        this.use('regular', TEXT_SIZE).doc.text(`${cleanLabel}:`, this.left, this.doc.y, { width: this.contentWidth });
        continue;
      }
      this.use('regular', TEXT_SIZE).doc.text(`${cleanLabel}: `, this.left, this.doc.y, { width: this.contentWidth, continued: true });
      this.use('bold', TEXT_SIZE).doc.text(value);
    }
    this.doc.x = this.left;
    this.doc.y += BLOCK_GAP;
  }

  private writeParagraph(paragraph: FormParagraph): void {
    this.use('regular', TEXT_SIZE).doc.text(paragraph.text, this.left, this.doc.y, { width: this.contentWidth, align: 'justify', indent: PARAGRAPH_INDENT });
    this.doc.x = this.left;
    this.doc.y += BLOCK_GAP;
  }

  /**
   * Each column's share of the width, but none narrower than its header's longest word: a
   * column that would be is widened to it, and the others share what is left by their shares.
   */
  private columnWidths(table: FormTable): number[] {
    const shares = table.columns.map((column) => column.width ?? 1);
    this.use('bold', this.tableSize);
    const minimums = table.columns.map((column) => Math.max(0, ...column.header.split(/\s+/).map((word) => this.doc.widthOfString(word))) + 2 * CELL_PADDING + 1);
    const fixed = new Set<number>();
    let widths: number[] = [];
    for (;;) {
      const fixedWidth = [...fixed].reduce((sum, index) => sum + minimums[index], 0);
      const freeShare = shares.reduce((sum, share, index) => (fixed.has(index) ? sum : sum + share), 0);
      widths = shares.map((share, index) => (fixed.has(index) ? minimums[index] : ((this.contentWidth - fixedWidth) * share) / freeShare));
      const tooNarrow = widths.map((width, index) => index).filter((index) => !fixed.has(index) && widths[index] < minimums[index]);
      // Stops when every column fits, or when only one would be left to give room (it keeps what remains).
      if (tooNarrow.length === 0 || fixed.size + tooNarrow.length >= widths.length) return widths;
      for (const index of tooNarrow) fixed.add(index);
    }
  }

  private writeTable(table: FormTable): void {
    const widths = this.columnWidths(table);
    const textWidths = widths.map((width) => width - 2 * CELL_PADDING);
    const aligns = table.columns.map((column) => column.align ?? (column.signature ? 'center' : 'left'));
    const signed = table.columns.some((column) => column.signature);

    this.use('bold', this.tableSize);
    const header: TableRowLines = { style: 'bold', aligns: aligns.map(() => 'center'), cells: table.columns.map((column, index) => this.wrap(column.header, textWidths[index])) };
    this.use('regular', this.tableSize);
    const rows: TableRowLines[] = table.rows.map((row) => {
      if (!signed) return { style: 'regular', aligns, cells: table.columns.map((_, index) => this.wrap(row[index] ?? '', textWidths[index])) };
      // A signature cell: its top (the signer's unit), room to sign, and its foot (the signer's name).
      const parts = table.columns.map((column, index) => {
        const text = row[index] ?? '';
        if (!column.signature) return { top: this.wrap(text, textWidths[index]), foot: [] as string[] };
        const split = text.lastIndexOf('\n\n');
        return { top: split < 0 ? [] : this.wrap(text.slice(0, split), textWidths[index]), foot: this.wrap(text.slice(split < 0 ? 0 : split + 2), textWidths[index]) };
      });
      const lineCount = Math.max(
        SIGNATURE_ROW_LINES,
        ...parts.map((part, index) => (table.columns[index].signature ? part.top.length + SIGNATURE_CELL_LINES + part.foot.length : part.top.length)),
      );
      return {
        style: 'regular',
        aligns,
        cells: parts.map((part, index) => (table.columns[index].signature ? [...part.top, ...Array<string>(lineCount - part.top.length - part.foot.length).fill(''), ...part.foot] : part.top)),
      };
    });
    const lineHeight = Math.max(this.lineHeight('regular', this.tableSize), this.lineHeight('bold', this.tableSize));
    const rowLineCount = (row: TableRowLines) => Math.max(1, ...row.cells.map((cell) => cell.length));
    const headerHeight = rowLineCount(header) * lineHeight + 2 * CELL_PADDING;
    const firstLinesHeight = 2 * lineHeight + 2 * CELL_PADDING;

    // The caption and the header row never stay behind at the foot of a page without any row.
    const captionHeight = table.caption ? this.use('bold', TEXT_SIZE).doc.heightOfString(table.caption, { width: this.contentWidth }) : 0;
    this.keepTogether(captionHeight + headerHeight + firstLinesHeight);
    if (table.caption) this.use('bold', TEXT_SIZE).doc.text(table.caption, this.left, this.doc.y, { width: this.contentWidth });
    this.drawTableRow(header, widths, 0, rowLineCount(header), lineHeight);

    const linesPerFreshPage = Math.floor((this.bottom - this.top - headerHeight - 2 * CELL_PADDING) / lineHeight);
    if (linesPerFreshPage < 1) throw new Error(`The header row of ${table.caption ?? 'a table'} leaves no room for rows on a page.`);
    for (const row of rows) {
      const lineCount = rowLineCount(row);
      let firstLine = 0;
      while (firstLine < lineCount) {
        const linesLeft = lineCount - firstLine;
        const linesThatFit = Math.floor((this.bottom - this.doc.y - 2 * CELL_PADDING) / lineHeight);
        if (linesLeft <= linesThatFit) {
          this.drawTableRow(row, widths, firstLine, linesLeft, lineHeight);
          break;
        }
        // A row that fits on a page moves there whole; only one taller than a page is split.
        if (linesLeft > linesPerFreshPage && linesThatFit >= 1) {
          this.drawTableRow(row, widths, firstLine, linesThatFit, lineHeight);
          firstLine += linesThatFit;
        }
        this.startNewPage();
        this.drawTableRow(header, widths, 0, rowLineCount(header), lineHeight);
      }
    }
    this.doc.x = this.left;
    this.doc.y += BLOCK_GAP;
  }

  /** Lines `firstLine` to `firstLine + lineCount` of a row's cells, each cell ruled round. */
  private drawTableRow(row: TableRowLines, widths: number[], firstLine: number, lineCount: number, lineHeight: number): void {
    const y = this.doc.y;
    const height = lineCount * lineHeight + 2 * CELL_PADDING;
    this.use(row.style, this.tableSize);
    let x = this.left;
    row.cells.forEach((lines, column) => {
      this.doc.save().lineWidth(RULE_WIDTH).rect(x, y, widths[column], height).stroke().restore();
      lines.slice(firstLine, firstLine + lineCount).forEach((line, index) => {
        this.drawLine(line, x + CELL_PADDING, y + CELL_PADDING + index * lineHeight, widths[column] - 2 * CELL_PADDING, row.aligns[column]);
      });
      x += widths[column];
    });
    this.doc.x = this.left;
    this.doc.y = y + height;
  }

  private writeSignatures(signatures: FormSignature[]): void {
    // One signer signs on the right half, as on official documents; several share the width.
    const columnWidth = signatures.length === 1 ? this.contentWidth / 2 : this.contentWidth / signatures.length;
    const firstX = signatures.length === 1 ? this.left + this.contentWidth / 2 : this.left;
    const textWidth = columnWidth - 2 * CELL_PADDING;
    const boldHeight = this.lineHeight('bold', TEXT_SIZE);
    const italicHeight = this.lineHeight('italic', TEXT_SIZE);

    const blocks = signatures.map((signature) => ({
      role: this.use('bold', TEXT_SIZE).wrap(toCapitals(signature.role), textWidth),
      note: signature.note ? this.use('italic', TEXT_SIZE).wrap(signature.note, textWidth) : [],
      name: signature.name ? this.use('bold', TEXT_SIZE).wrap(signature.name, textWidth) : [],
    }));
    const aboveSignature = Math.max(...blocks.map((block) => block.role.length * boldHeight + block.note.length * italicHeight));
    const height = aboveSignature + SIGNATURE_SPACE + Math.max(...blocks.map((block) => block.name.length * boldHeight));

    this.doc.y += 2 * BLOCK_GAP;
    this.keepTogether(height);
    const top = this.doc.y;
    blocks.forEach((block, index) => {
      const x = firstX + index * columnWidth + CELL_PADDING;
      const belowRole = this.use('bold', TEXT_SIZE).drawCentredLines(block.role, x, top, textWidth, boldHeight);
      this.use('italic', TEXT_SIZE).drawCentredLines(block.note, x, belowRole, textWidth, italicHeight);
      // names line up across columns even when one role wraps onto more lines than another
      this.use('bold', TEXT_SIZE).drawCentredLines(block.name, x, top + aboveSignature + SIGNATURE_SPACE, textWidth, boldHeight);
    });
    this.doc.x = this.left;
    this.doc.y = top + height + BLOCK_GAP;
  }

  private writeFootnote(footnote: string): void {
    this.doc.y += BLOCK_GAP;
    this.use('italic', SMALL_SIZE).doc.text(footnote, this.left, this.doc.y, { width: this.contentWidth, align: 'justify' });
  }

  private numberPages(): void {
    const { start, count } = this.doc.bufferedPageRange();
    if (count < 2) return;
    for (let index = 0; index < count; index++) {
      this.doc.switchToPage(start + index);
      this.use('regular', SMALL_SIZE);
      const y = this.doc.page.height - this.doc.page.margins.bottom / 2 - this.doc.currentLineHeight(true) / 2;
      this.drawLine(`Trang ${index + 1}/${count}`, this.left, y, this.contentWidth, 'center');
    }
  }
}

interface TableRowLines {
  style: FormFontStyle;
  aligns: Alignment[];
  /** The wrapped lines of each cell. */
  cells: string[][];
}

