/**
 * A printable administrative form (mẫu 01 to 06 of the one-stop procedure and the like),
 * described as data so that every service prints its forms with the same layout.
 *
 * The page is laid out as on a Vietnamese official document: the issuing agency top-left,
 * the national header top-right, then the title, the body blocks in the given order, the
 * signatures side by side and a footnote. Text may be given in any Unicode normalisation form.
 *
 * @example
 * const form: PrintableForm = {
 *   formNumber: '01',
 *   issuer: 'UBND tỉnh Hà Nam',
 *   issuerLines: ['Trung tâm Phục vụ hành chính công'],
 *   reference: 'Số: 000.00.01.H56-260316-0001',
 *   placeAndDate: 'Hà Nam, ngày 16 tháng 3 năm 2026',
 *   title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
 *   body: [
 *     { kind: 'fields', fields: [{ label: 'Tiếp nhận hồ sơ của', value: 'Ông Nguyễn Văn An' }] },
 *     { kind: 'table', columns: [{ header: 'STT', width: 1, align: 'center' }, { header: 'Tên giấy tờ', width: 8 }], rows: [['1', 'Tờ khai']] },
 *     { kind: 'paragraph', text: 'Khi đến nhận kết quả, mang theo giấy này.' },
 *   ],
 *   signatures: [
 *     { role: 'Người nộp hồ sơ', note: '(Ký và ghi rõ họ tên)', name: 'Nguyễn Văn An' },
 *     { role: 'Người tiếp nhận hồ sơ', note: '(Ký và ghi rõ họ tên)', name: 'Trần Thị Bình' },
 *   ],
 * };
 */
export interface PrintableForm {
  /** Number of the form template, printed top-right as "Mẫu số 01". */
  formNumber: string;
  /**
   * Agency that issues the form, printed top-left in capitals. With `issuerLines` this is the
   * superior authority (regular weight) and the last of `issuerLines` is the issuing unit (bold),
   * as official documents do; alone it is printed bold.
   */
  issuer: string;
  /** Further agency lines under `issuer`, e.g. the centre or department that issues the form. */
  issuerLines?: string[];
  /** Reference printed under the agency, given whole, e.g. 'Số: 000.00.01.H56-260316-0001'. */
  reference?: string;
  /** Printed in italics under the national header, e.g. 'Hà Nam, ngày 16 tháng 3 năm 2026'. */
  placeAndDate?: string;
  /** Title of the form, printed centred, bold and in capitals. */
  title: string;
  /** Printed centred under the title, as given. */
  subtitle?: string;
  /** The content of the form, printed top to bottom in this order. */
  body: FormBlock[];
  /** Signature blocks printed side by side after the body; a single one sits on the right half. */
  signatures?: FormSignature[];
  /** Small print at the end of the form, after the signatures. */
  footnote?: string;
  /** A4 across (the national statistical report forms, whose tables have many columns); upright by default. */
  landscape?: boolean;
  /** Type size of the tables' text in points (default 11): a wide table of figures needs a smaller one. */
  tableTextSize?: number;
}

/** One piece of the body. Forms interleave them (fields, a list of documents, more fields), hence a list. */
export type FormBlock = FormFieldsBlock | FormTable | FormParagraph;

/** "label: value" lines; the value is printed bold and wraps under the label when long. */
export interface FormFieldsBlock {
  kind: 'fields';
  fields: FormField[];
}

export interface FormField {
  label: string;
  value: string;
}

/**
 * A ruled table whose cells wrap their text. A table longer than the page continues on the next
 * page with its header row repeated; a row taller than a page is split between pages. A column is
 * never narrower than the longest word of its header ("STT" stays whole): it takes the room it
 * needs from the wider columns.
 */
export interface FormTable {
  kind: 'table';
  /** Printed bold above the table. */
  caption?: string;
  columns: FormTableColumn[];
  /** One string per column; a row with fewer cells is padded with empty ones, one with more is refused. */
  rows: string[][];
}

export interface FormTableColumn {
  header: string;
  /** Share of the table's width relative to the other columns (default 1), not points. */
  width?: number;
  /** Alignment of the cells under this header (default 'left'); headers are always centred. */
  align?: 'left' | 'center' | 'right';
  /**
   * A column people sign in by hand (the giver and the receiver of a hand-over on form 06): every
   * row leaves room for a signature in it. The cell's text after its last blank line ('\n\n'),
   * the signer's name, is printed at the foot of the cell, under that room; what comes before
   * (the signer's unit) at its top. A cell without a blank line is printed whole at the foot.
   * Cells in such a column are centred unless `align` says otherwise.
   */
  signature?: boolean;
}

/** A justified paragraph with its first line indented; '\n' starts a new line. */
export interface FormParagraph {
  kind: 'paragraph';
  text: string;
}

export interface FormSignature {
  /** Printed bold in capitals, e.g. 'Người tiếp nhận hồ sơ'. */
  role: string;
  /** Printed in italics under the role, as given, e.g. '(Ký và ghi rõ họ tên)'. */
  note?: string;
  /** Printed bold under the space left for the signature. */
  name?: string;
}
