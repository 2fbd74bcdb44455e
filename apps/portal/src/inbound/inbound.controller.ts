import { Body, Controller, Post, Res } from '@nestjs/common';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, ApiProblems } from '@onestop/platform';
import { PortalAccess } from '../access-policy.js';
import { PortalInboundDossierRequest } from './inbound.dto.js';
import { InboundService } from './inbound.service.js';
import { PortalInboundAnswer } from './inbound.views.js';

/** The caller's own `Authorization` header, passed on to intake so it judges the same machine; not a documented parameter (the API key's security says it). */
const CallerCredential = createParamDecorator((_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers.authorization);

@ApiTags('sync')
@Controller('sync/national-portal/dossiers')
export class InboundController {
  constructor(private readonly inbound: InboundService) {}

  @Post()
  @Access(PortalAccess.pushNationalPortalDossier)
  @ApiOperation({
    summary: 'Push a dossier submitted on the national portal, in the portal\'s format',
    description: [
      'The portal\'s own fields (MaHoSo, MaTTHC, MaDonVi, ChuHoSo, LoaiDoiTuong, DinhDanhCHS, SoDienThoai, Email, DiaChi {MaTinh, MaHuyen, MaXa, DiaChiChiTiet}, HinhThuc, TepDinhKem with each file in base64) mapped onto the online reception (`POST /sync/dossiers`): the dossier is newly registered (status 1) until the one-stop desk accepts it, and its files become its documents, each checked as an upload is (PDF, JPEG or PNG told by content, whole structure, no active content, a name agreeing with the content) before anything is received.',
      'Never twice: the same push again answers the dossier received (200, `error_code` "0"); another content under the same MaHoSo is a 409 `external-id-conflict`. Refusals are problem+json carrying the portal\'s terms as well, `error_code` (not "0") and `message`, with the portal\'s field names in `errors`. For an API key with `sync:write`.',
    ].join('\n\n'),
  })
  @ApiCreatedResponse({ type: PortalInboundAnswer, description: 'Received.' })
  @ApiOkResponse({ type: PortalInboundAnswer, description: 'Received before (the same push again).' })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422, 503)
  async push(@CallerCredential() authorization: string, @Body() request: PortalInboundDossierRequest, @Res({ passthrough: true }) response: Response): Promise<PortalInboundAnswer> {
    const outcome = await this.inbound.receive(authorization, request);
    response.status(outcome.replayed ? 200 : 201);
    return outcome.answer;
  }
}
