import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ComplaintContact, DossierContact } from '@onestop/domain';
import { ProblemException, ServiceTokenGuard } from '@onestop/platform';
import { ComplaintsRepository } from '../complaints/complaints.repository.js';
import { DossiersRepository } from '../dossiers/dossiers.repository.js';


/**
 * For notification (service credential only, never routed by the gateway): how to reach a
 * dossier's applicant or a complaint's complainant, and what their messages name. Events carry
 * no personal data, so the messages' contact details are read here when an event arrives.
 */
@ApiExcludeController()
@Controller('internal')
@UseGuards(ServiceTokenGuard)
export class NotificationContactController {
  constructor(
    private readonly dossiers: DossiersRepository,
    private readonly complaints: ComplaintsRepository,
  ) {}

  @Get('dossiers/:code/notification-contact')
  async dossier(@Param('code') code: string): Promise<DossierContact> {
    const dossier = await this.dossiers.find(code);
    if (!dossier) throw ProblemException.notFound('dossier-not-found', `No dossier ${code}.`);
    return {
      dossierCode: dossier.code,
      lookupCode: dossier.lookupSecret,
      procedureName: dossier.procedureName,
      receivingAgencyCode: dossier.receivingAgencyCode,
      receivingAgencyName: dossier.receivingAgencyName,
      applicant: {
        kind: dossier.applicant.kind,
        name: dossier.applicant.name,
        idNumber: dossier.applicant.idNumber,
        phone: dossier.applicant.phone,
        email: dossier.applicant.email ?? null,
      },
      ownerSubject: dossier.ownerSubject,
      appointmentAt: dossier.appointmentAt.toISOString(),
      resultDelivery: dossier.resultDelivery.method,
    };
  }

  @Get('complaints/:id/notification-contact')
  async complaint(@Param('id') id: string): Promise<ComplaintContact> {
    const complaint = isUUID(id) ? await this.complaints.find(id) : undefined;
    if (!complaint) throw ProblemException.notFound('complaint-not-found', `No complaint ${id}.`);
    return {
      complaintId: complaint.id,
      dossierCode: complaint.dossier_code,
      subject: complaint.subject,
      complainant: { name: complaint.contact.name, phone: complaint.contact.phone, email: complaint.contact.email ?? null },
      ownerSubject: complaint.owner_subject,
    };
  }
}
