import { Injectable } from '@nestjs/common';
import { ProblemException, problemType } from '@onestop/platform';
import type { ImportItemDto, ImportItemResult, ImportProceduresResult } from './procedure-import.dto.js';
import { ProceduresService } from './procedures.service.js';

@Injectable()
export class ProcedureImportService {
  constructor(private readonly procedures: ProceduresService) {}

  /** Each item is its own transaction, so a refused one leaves the others applied. */
  async import(items: ImportItemDto[]): Promise<ImportProceduresResult> {
    const results: ImportItemResult[] = [];
    for (const item of items) {
      try {
        const result = await this.procedures.upsert(item.code, item.decision, item.procedure);
        results.push({ code: item.code, outcome: result.outcome, versionNo: result.version.versionNo });
      } catch (error) {
        if (!(error instanceof ProblemException)) throw error;
        results.push({
          code: item.code,
          outcome: 'refused',
          problem: {
            type: problemType(error.code),
            title: error.title,
            status: error.getStatus(),
            code: error.code,
            detail: error.detail,
            ...(error.extensions.errors ? { errors: error.extensions.errors as never } : {}),
          },
        });
      }
    }
    const count = (outcome: ImportItemResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
    return { published: count('published'), amended: count('amended'), unchanged: count('unchanged'), refused: count('refused'), items: results };
  }
}
