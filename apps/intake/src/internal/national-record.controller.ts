import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type NationalDossierRecord, supplementItemsOf } from '@onestop/domain';
import { ProblemException, ServiceTokenGuard } from '@onestop/platform';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';
import type { DossierFileRow } from '../documents/document.views.js';

/**
 * For the national portal connector (service credential only, never routed by the gateway):
 * what the National Public Service Portal is told of a dossier when a push of it is sent. It
 * holds personal data; the connector sends it to the configured portal only and logs none of it.
 */
@ApiExcludeController()
@Controller('internal/dossiers')
@UseGuards(ServiceTokenGuard)
export class NationalRecordController {
  constructor(
    private readonly dossiers: DossiersRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get(':code/national-record')
  async record(@Param('code') code: string): Promise<NationalDossierRecord> {
    const dossier = await this.dossiers.find(code);
    if (!dossier) throw ProblemException.notFound('dossier-not-found', `No dossier ${code}.`);
    const files = (await this.dataSource.query(
      `SELECT id, file_name, media_type, requirement, requirement_name, uploaded_at FROM dossier_files WHERE dossier_code = $1 ORDER BY uploaded_at, upload_seq`,
      [code],
    )) as Array<Pick<DossierFileRow, 'id' | 'file_name' | 'media_type' | 'requirement' | 'requirement_name' | 'uploaded_at'>>;
    const { applicant } = dossier;
    return {
      dossierCode: dossier.code,
      externalId: dossier.externalId,
      procedureCode: dossier.procedureCode,
      procedureName: dossier.procedureName,
      fieldCode: dossier.fieldCode,
      levelCode: dossier.levelCode,
      channel: dossier.channel,
      receivingAgencyCode: dossier.receivingAgencyCode,
      receivingAgencyName: dossier.receivingAgencyName,
      competentAgencyCode: dossier.competentAgencyCode,
      applicant: { kind: applicant.kind, name: applicant.name, idNumber: applicant.idNumber, phone: applicant.phone, email: applicant.email ?? null, address: applicant.address },
      receivedAt: dossier.receivedAt.toISOString(),
      appointmentAt: dossier.appointmentAt.toISOString(),
      dueAt: dossier.dueAt.toISOString(),
      status: dossier.status,
      nationalStatusCode: dossier.nationalStatus,
      resultDelivery: dossier.resultDelivery.method,
      feesPaidOnline: dossier.feesPaidOnline,
      documents: dossier.documents.filter((d) => !d.supplementedAt).map((d) => ({ requirement: d.requirement, name: d.name, quantity: d.quantity })),
      files: files.map((f) => ({
        id: f.id,
        fileName: f.file_name,
        mediaType: f.media_type,
        requirement: f.requirement,
        requirementName: f.requirement_name,
        uploadedAt: new Date(f.uploaded_at).toISOString(),
      })),
      supplementRequests: (dossier.supplementRequests ?? []).map((r) => ({
        requestedAt: r.requestedAt,
        items: supplementItemsOf(r.items).map((i) => ({ name: i.name, note: i.note })),
        note: r.note,
        answeredAt: r.answers.length > 0 ? r.answers[r.answers.length - 1].receivedAt : null,
        completedAt: r.completedAt,
      })),
      apology: dossier.apology,
      // The payment service assesses fees; until it tells intake, none are known here.
      fees: [],
    };
  }
}
