import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { decodeCursor, OutboxService, type Page, ProblemException, toPage } from '@onestop/platform';
import { Procedure } from './procedure.entity.js';
import type { ProcedureView, PublishProcedureRequest } from './procedure.dto.js';

@Injectable()
export class ProceduresService {
  constructor(
    @InjectRepository(Procedure) private readonly procedures: Repository<Procedure>,
    private readonly outbox: OutboxService,
  ) {}

  /** Publishes a new procedure and announces it with ProcedurePublished, atomically. */
  async publish(request: PublishProcedureRequest): Promise<ProcedureView> {
    return this.outbox.transaction(async (tx) => {
      const inserted = (await tx.manager.query(
        `INSERT INTO procedures (code, name, online_level, online_mode, integrated_national_portal, effective_from)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING code`,
        [request.code, request.name, request.onlineLevel, request.onlineMode, request.integratedNationalPortal ?? false, request.effectiveFrom],
      )) as unknown[];
      if (inserted.length === 0) {
        throw ProblemException.conflict('procedure-exists', `Procedure ${request.code} is already published.`);
      }
      const procedure = await tx.manager.findOneByOrFail(Procedure, { code: request.code });
      await tx.publish('ProcedurePublished', {
        code: procedure.code,
        name: procedure.name,
        versionNo: procedure.versionNo,
        onlineLevel: procedure.onlineLevel,
        onlineMode: procedure.onlineMode,
        integratedNationalPortal: procedure.integratedNationalPortal,
        effectiveFrom: procedure.effectiveFrom,
      });
      return toView(procedure);
    });
  }

  async get(code: string): Promise<ProcedureView> {
    const procedure = await this.procedures.findOneBy({ code });
    if (!procedure) throw ProblemException.notFound('procedure-not-found', `No procedure with code ${code}.`);
    return toView(procedure);
  }

  async list(limit: number, cursor?: string): Promise<Page<ProcedureView>> {
    const after = cursor ? String(decodeCursor(cursor, { code: 'string' }).code) : undefined;
    const query = this.procedures.createQueryBuilder('p').orderBy('p.code', 'ASC').limit(limit + 1);
    if (after !== undefined) query.where('p.code > :after', { after });
    const rows = await query.getMany();
    return toPage(rows.map(toView), limit, (last) => ({ code: last.code }));
  }
}

function toView(procedure: Procedure): ProcedureView {
  return {
    code: procedure.code,
    name: procedure.name,
    onlineLevel: procedure.onlineLevel,
    onlineMode: procedure.onlineMode,
    integratedNationalPortal: procedure.integratedNationalPortal,
    versionNo: procedure.versionNo,
    effectiveFrom: procedure.effectiveFrom,
  };
}
