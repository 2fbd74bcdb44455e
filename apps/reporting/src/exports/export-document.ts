import { StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import ExcelJS from 'exceljs';
import type { Ratio } from '@onestop/domain';
import type { ExportFormat } from '../reports/report-query.dto.js';
import { reportPdf } from './export-pdf.js';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';

/** How a column's values are written: text, a count, a share (0-1, shown as a percentage) or a decimal. */
export type ColumnKind = 'text' | 'count' | 'share' | 'decimal';

export interface ExportColumn {
  /** Vietnamese header, as the national forms name it. */
  header: string;
  kind: ColumnKind;
}

/** A count with the link to the list of what it counts (the API path under the gateway): a hyperlink in the workbook, the number in the CSV. */
export interface LinkedCount {
  count: number;
  link: string;
}

export type Cell = string | number | null | LinkedCount;

/** A count linked to its list when the link is known. */
export const linked = (count: number, link: string | undefined): Cell => (link ? { count, link } : count);

/** One table of a report: a sheet of the workbook; the first sheet is also the CSV. */
export interface ExportSheet {
  /** At most 31 characters, no []:*?/\ (Excel's rule). */
  name: string;
  columns: ExportColumn[];
  rows: Cell[][];
}

/** A report ready for export: its sheets, and what it covers (the "Thông tin" sheet). No personal data ever. */
export interface ExportDocument {
  /** File name without extension, ASCII. */
  fileName: string;
  title: string;
  sheets: ExportSheet[];
  /** Label → value lines: period, scope, definitions, when it was made. */
  about: Array<[string, string]>;
  /** The national form's number (II.06a, II.06b), printed on the PDF. */
  formNumber?: string;
}

/** The three columns of a share: numerator, denominator, ratio. */
export function shareColumns(label: string): ExportColumn[] {
  return [
    { header: `${label}: tử số`, kind: 'count' },
    { header: `${label}: mẫu số`, kind: 'count' },
    { header: `${label}: tỷ lệ`, kind: 'share' },
  ];
}

export function shareCells(r: Ratio | null): Cell[] {
  return r === null ? [null, null, null] : [r.numerator, r.denominator, r.ratio];
}

/** JSON (default), CSV or XLSX: `format` wins, then the Accept header. */
export function exportFormat(format: ExportFormat | undefined, accept: string | undefined): ExportFormat {
  if (format) return format;
  const value = (accept ?? '').toLowerCase();
  const position = (type: string) => {
    const index = value.indexOf(type);
    return index < 0 ? Number.POSITIVE_INFINITY : index;
  };
  const json = Math.min(position('application/json'), position('*/*'));
  const csv = position(CSV_TYPE);
  const xlsx = position(XLSX_TYPE);
  const pdf = position(PDF_TYPE);
  if (csv < json && csv <= xlsx && csv <= pdf) return 'csv';
  if (xlsx < json && xlsx < csv && xlsx <= pdf) return 'xlsx';
  if (pdf < json && pdf < csv && pdf < xlsx) return 'pdf';
  return 'json';
}

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return String(value.count);
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of the first sheet, UTF-8 with a byte-order mark so Excel reads the Vietnamese headers. */
export function toCsv(document: ExportDocument): Buffer {
  const sheet = document.sheets[0];
  const lines = [sheet.columns.map((c) => csvCell(c.header)).join(','), ...sheet.rows.map((row) => row.map(csvCell).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * A linked count as Excel's HYPERLINK formula with the count as its value, so the cell still
 * sums and takes the column's number format; a link longer than a formula's text allows
 * (255 characters) becomes a plain hyperlink on the number's text.
 */
function xlsxLink(cell: LinkedCount, linkBase: string): ExcelJS.CellValue {
  const url = `${linkBase}${cell.link}`;
  if (url.length > 255 || url.includes('"')) return { text: String(cell.count), hyperlink: url };
  return { formula: `HYPERLINK("${url}",${cell.count})`, result: cell.count };
}

const FORMATS: Record<ColumnKind, string | undefined> = { text: undefined, count: '#,##0', share: '0.00%', decimal: '0.00' };

/**
 * An Excel workbook: one sheet per table (header row bold and frozen), then "Thông tin". A
 * linked count is a hyperlink to its list at `linkBase` (the API's public address).
 */
export async function toXlsx(document: ExportDocument, linkBase = ''): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hệ thống một cửa điện tử';
  workbook.title = document.title;
  for (const sheet of document.sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, width: Math.min(60, Math.max(12, c.header.length + 2)), style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {} }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
    for (const row of sheet.rows) {
      const added = ws.addRow(row.map((cell) => (cell === null || typeof cell !== 'object' ? cell : xlsxLink(cell, linkBase))));
      row.forEach((cell, index) => {
        if (cell !== null && typeof cell === 'object') added.getCell(index + 1).font = { color: { argb: 'FF0563C1' }, underline: true };
      });
    }
  }
  const about = workbook.addWorksheet('Thông tin');
  about.columns = [
    { header: 'Mục', width: 40 },
    { header: 'Nội dung', width: 100 },
  ];
  about.getRow(1).font = { bold: true };
  about.addRow(['Báo cáo', document.title]);
  for (const [label, value] of document.about) about.addRow([label, value]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The API's address as the caller reached it (through the gateway, which says so in X-Forwarded-Proto and -Host). */
function publicBase(request: Request | undefined): string {
  if (!request) return '';
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0].trim();
  const host = first(request.headers['x-forwarded-host']) ?? first(request.headers.host);
  const proto = first(request.headers['x-forwarded-proto']) ?? request.protocol ?? 'http';
  return host && /^[A-Za-z0-9.:[\]-]+$/.test(host) && /^https?$/.test(proto) ? `${proto}://${host}` : '';
}

/**
 * Answers a report in the format asked for: the JSON view as is, or the export document as a
 * CSV or XLSX download.
 */
export async function respond<T>(format: ExportFormat, response: Response, view: T, document: () => ExportDocument): Promise<T | StreamableFile> {
  if (format === 'json') return view;
  const doc = document();
  const body = format === 'csv' ? toCsv(doc) : format === 'pdf' ? await reportPdf(doc, doc.formNumber ?? '') : await toXlsx(doc, publicBase(response.req));
  response.setHeader('content-type', format === 'csv' ? `${CSV_TYPE}; charset=utf-8` : format === 'pdf' ? PDF_TYPE : XLSX_TYPE);
  response.setHeader('content-disposition', `attachment; filename="${doc.fileName}.${format}"`);
  response.setHeader('vary', 'accept');
  return new StreamableFile(body);
}
