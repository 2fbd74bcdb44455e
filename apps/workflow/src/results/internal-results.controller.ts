import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ProblemException, ServiceTokenGuard } from '@onestop/platform';
import type { ElectronicResultRow } from './results.repository.js';
import { ResultsService } from './results.service.js';

function answer(response: Response, found: { row: ElectronicResultRow; content: Buffer } | undefined, what: string): StreamableFile {
  if (!found) throw ProblemException.notFound('result-not-found', `No electronic result ${what}.`);
  const { row, content } = found;
  // What intake shows and checks beside the bytes.
  response.setHeader('X-Result-Id', row.id);
  response.setHeader('X-Result-Sha256', row.sha256.trim());
  response.setHeader('X-Result-Status', row.revoked_at ? 'revoked' : 'in_force');
  return new StreamableFile(content, { type: 'application/pdf', length: content.length });
}

/**
 * For intake (service credential only, never routed by the gateway): the signed PDF of a
 * dossier's result in force (the applicant's download) and of one result by id (the applicant's
 * store, on ElectronicResultIssued).
 */
@ApiExcludeController()
@Controller('internal')
@UseGuards(ServiceTokenGuard)
export class InternalResultsController {
  constructor(private readonly results: ResultsService) {}

  @Get('cases/:code/electronic-result')
  async inForce(@Param('code') code: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    return answer(response, await this.results.inForce(code), `in force for dossier ${code}`);
  }

  @Get('electronic-results/:id')
  async byId(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    return answer(response, await this.results.byId(id), id);
  }
}
