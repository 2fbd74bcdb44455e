import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatLocal } from '@onestop/domain';
import { renderFormPdf } from '@onestop/platform';
import type { ControlSheetView } from './control-sheet.views.js';

interface HandoverRow {
  at: Date;
  action: string;
  from_unit: string | null;
  from_officer: string | null;
  to_unit: string | null;
  to_officer: string | null;
  result: string;
  note: string | null;
}

function party(unit: string | null, officer: string | null): string {
  return [unit, officer].filter(Boolean).join(' – ') || '—';
}

/** Form 06: the process control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ). */
@Injectable()
export class ControlSheetService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async sheet(dossierCode: string, procedureName: string): Promise<ControlSheetView> {
    const rows = (await this.dataSource.query(
      `SELECT at, action, from_unit, from_officer, to_unit, to_officer, result, note FROM handovers WHERE dossier_code = $1 ORDER BY id`,
      [dossierCode],
    )) as HandoverRow[];
    return {
      form: '06',
      dossierCode,
      procedureName,
      entries: rows.map((row, index) => ({
        position: index + 1,
        at: formatLocal(new Date(row.at)),
        action: row.action,
        fromUnit: row.from_unit,
        fromOfficer: row.from_officer,
        toUnit: row.to_unit,
        toOfficer: row.to_officer,
        result: row.result,
        note: row.note,
      })),
    };
  }

  async pdf(sheet: ControlSheetView): Promise<Buffer> {
    return renderFormPdf({
      formNumber: '06',
      issuer: 'Bộ phận Tiếp nhận và Trả kết quả',
      reference: `Mã hồ sơ: ${sheet.dossierCode}`,
      title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      subtitle: sheet.procedureName,
      body: [
        {
          kind: 'table',
          columns: [
            { header: 'STT', width: 1, align: 'center' },
            { header: 'Thời gian', width: 3 },
            { header: 'Bên giao', width: 4 },
            { header: 'Bên nhận', width: 4 },
            { header: 'Kết quả', width: 5 },
            { header: 'Ghi chú', width: 3 },
          ],
          rows: sheet.entries.map((e) => [String(e.position), e.at.replace('T', ' ').slice(0, 16), party(e.fromUnit, e.fromOfficer), party(e.toUnit, e.toOfficer), e.result, e.note ?? '']),
        },
      ],
    });
  }
}
