import { Controller, Get, Headers, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, ApiProblems, CallerResolver, dossierCodeParam, Problem, PROBLEM_CONTENT_TYPE, wantsPdf } from '@onestop/platform';
import { ApiLookupAttemptsLimited } from '../lookup/lookup-attempts.js';
import { DossierFormQuery } from './form.dto.js';
import { DossierFormView, FORM_NUMBERS, FORM_TITLES } from './forms.views.js';
import { FormsService } from './forms.service.js';
import { IntakeAccess } from '../access-policy.js';

const ISSUER = { code: '000.17.22.H56', name: 'Sở Giao thông vận tải', parentName: 'UBND tỉnh Hà Nam', place: 'Hà Nam' };

const EXAMPLES: Record<string, { summary: string; value: DossierFormView }> = {
  apology: {
    summary: 'Form 04: the apology and new date of a late unit',
    value: {
      form: '04',
      title: FORM_TITLES['04'],
      dossierCode: '000.00.01.H56-260316-0001',
      issuer: ISSUER,
      issuedAt: '2026-03-27T10:00:00+07:00',
      applicantName: 'Nguyễn Văn An',
      apology: {
        issuedAt: '2026-03-27T10:00:00+07:00',
        issuedByName: 'Phạm Văn Dũng',
        reason: 'Cần xác minh thêm với cơ quan liên quan',
        previousAppointmentAt: '2026-03-30T10:00:00+07:00',
        newAppointmentAt: '2026-04-03T10:00:00+07:00',
      },
    },
  },
  supplement: {
    summary: 'Form 02: the first supplement request',
    value: {
      form: '02',
      title: FORM_TITLES['02'],
      dossierCode: '000.00.01.H56-260316-0001',
      issuer: ISSUER,
      issuedAt: '2026-03-17T10:00:00+07:00',
      applicantName: 'Nguyễn Văn An',
      supplementRequest: {
        sequence: 1,
        of: 1,
        requestedAt: '2026-03-17T10:00:00+07:00',
        requestedByName: 'Trần Thị Bình',
        documents: [{ name: 'Giấy khám sức khỏe', note: 'Bản chính, còn hiệu lực' }],
        note: null,
        answeredAt: null,
      },
    },
  },
  controlSheet: {
    summary: 'Form 06: the control sheet after the hand-over to the department',
    value: {
      form: '06',
      title: FORM_TITLES['06'],
      dossierCode: '000.00.01.H56-260316-0001',
      issuer: { code: '000.00.01.H56', name: 'Trung tâm Phục vụ hành chính công tỉnh', parentName: 'UBND tỉnh Hà Nam', place: 'Hà Nam' },
      issuedAt: '2026-03-16T14:00:00+07:00',
      applicantName: 'Nguyễn Văn An',
      controlSheet: {
        procedureName: 'Cấp giấy phép lái xe',
        competentAgencyName: 'Sở Giao thông vận tải',
        entries: [
          { position: 1, at: '2026-03-16T10:00:00+07:00', action: 'receive', fromUnit: null, fromUnitName: null, fromOfficer: null, fromOfficerName: null, toUnit: '000.00.01.H56', toUnitName: 'Trung tâm Phục vụ hành chính công tỉnh', toOfficer: 'reception.ttphc', toOfficerName: 'Lê Văn Cường', result: 'Tiếp nhận hồ sơ', note: null },
          { position: 2, at: '2026-03-16T14:00:00+07:00', action: 'forward', fromUnit: '000.00.01.H56', fromUnitName: 'Trung tâm Phục vụ hành chính công tỉnh', fromOfficer: 'reception.ttphc', fromOfficerName: 'Lê Văn Cường', toUnit: '000.17.22.H56', toUnitName: 'Sở Giao thông vận tải', toOfficer: null, toOfficerName: null, result: 'Chuyển xử lý', note: 'Chuyển Sở GTVT' },
        ],
      },
    },
  },
};

@ApiTags('dossiers')
@ApiExtraModels(DossierFormView, Problem)
@Controller('dossiers/:code/forms')
export class FormsController {
  constructor(
    private readonly forms: FormsService,
    private readonly callers: CallerResolver,
  ) {}

  @Get(':form')
  @Access(IntakeAccess.readDossierFiles)
  @ApiOperation({
    summary: 'Read or print one of the dossier\'s official forms (01-06)',
    description: [
      'The official forms of the one-stop procedure (Circular 01/2018/TT-VPCP, replaced by 03/2025/TT-VPCP), by number: `01` receipt and appointment (giấy tiếp nhận hồ sơ và hẹn trả kết quả, as `/dossiers/{code}/receipt`), `02` supplement request (phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; `?sequence=` picks which of the dossier\'s requests, the latest by default), `03` refusal (phiếu từ chối tiếp nhận giải quyết hồ sơ), `04` apology and new date (phiếu xin lỗi và hẹn lại ngày trả kết quả), `05` notice to stop processing (thông báo dừng giải quyết hồ sơ), `06` process control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ, as officers read it at `/cases/{dossierCode}/control-sheet`).',
      'JSON (the form\'s data, in the part named after it), or the printable A4 PDF with `Accept: application/pdf` or `?format=pdf` (`?format=json` for JSON whatever Accept says): the issuing agency under its superior authority beside the national header, units and officers by name, times as `10 giờ 00 phút, ngày 16 tháng 3 năm 2026`, and the signatures the form has. Any other query parameter is a 400.',
      'For the applicant and the officers of the receiving or competent agency (signed in; 404 for anyone else), and, without signing in, for whoever holds the dossier\'s lookup code from the receipt, sent as `secret` (as at `/lookup`): an applicant who submitted at the counter or by post has no account. A wrong lookup code is a 404, as an unknown dossier is, and counts towards the dossier\'s lookup limit (429 `too-many-lookup-attempts`); with neither a token nor `secret`, 401.',
      'A form the dossier does not have (no supplement requested, not refused, no apology issued, not stopped; 02 to 06 also for a moment after receipt, while the case opens) is a 404 `form-not-issued` naming the `form`; a number other than 01-06 is a 400 naming `form`.',
    ].join('\n\n'),
  })
  @ApiParam(dossierCodeParam())
  @ApiParam({ name: 'form', enum: FORM_NUMBERS, example: '04', description: 'The form\'s number.' })
  @ApiOkResponse({
    description: 'The form, as data or as a PDF.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(DossierFormView) }, examples: EXAMPLES },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiResponse({
    status: 404,
    description: 'No dossier with this code that the caller may see or that the lookup code opens (`dossier-not-found`), or a form not issued for it (`form-not-issued`, with `form`).',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } },
  })
  @ApiProblems(400, 401, 403, 503)
  @ApiLookupAttemptsLimited()
  async form(
    @Param('code') code: string,
    @Param('form') form: string,
    @Query() query: DossierFormQuery,
    @Headers('accept') accept: string | undefined,
    @Req() request: Request,
  ): Promise<DossierFormView | StreamableFile> {
    const caller = query.secret === undefined ? await this.callers.resolve(request) : undefined;
    const issued = await this.forms.form({ caller, secret: query.secret }, code, form, query.sequence);
    if (wantsPdf(accept, query.format)) {
      return new StreamableFile(await this.forms.render(issued), { type: 'application/pdf', disposition: `inline; filename="mau-${issued.view.form}-${issued.view.dossierCode}.pdf"` });
    }
    return issued.view;
  }
}
