import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems } from '@onestop/platform';
import { LookupView } from '../dossiers/dossier.views.js';
import { LookupQuery } from './lookup.dto.js';
import { LookupService } from './lookup.service.js';
import { ApiLookupAttemptsLimited } from './lookup-attempts.js';
import { IntakeAccess } from '../access-policy.js';

/** A dossier at the justice department, its supplement received, by the lookup's words. */
const LOOKUP_EXAMPLE: LookupView = {
  code: '000.00.01.H56-260316-0001',
  procedureName: 'Cấp phiếu lý lịch tư pháp',
  agencyName: 'Trung tâm Phục vụ hành chính công tỉnh Hà Nam',
  receivedAt: '2026-03-16T10:00:00+07:00',
  appointmentAt: '2026-03-31T10:00:00+07:00',
  dueAt: '2026-03-31T10:00:00+07:00',
  overdue: false,
  apology: null,
  status: 'processing',
  nationalStatusCode: 4,
  statusText: 'Đang giải quyết',
  resultDelivery: 'post',
  progress: [
    { status: 'accepted', nationalStatusCode: 2, at: '2026-03-16T10:00:00+07:00', unitCode: '000.00.01.H56', unitName: 'Trung tâm Phục vụ hành chính công tỉnh Hà Nam', content: 'Tiếp nhận hồ sơ tại bộ phận một cửa', appointmentAt: '2026-03-30T10:00:00+07:00' },
    { status: 'processing', nationalStatusCode: 4, at: '2026-03-16T14:00:00+07:00', unitCode: '000.00.02.H56', unitName: null, content: 'Chuyển xử lý', appointmentAt: '2026-03-30T10:00:00+07:00' },
    { status: 'supplement_requested', nationalStatusCode: 5, at: '2026-03-17T09:00:00+07:00', unitCode: '000.00.02.H56', unitName: null, content: 'Yêu cầu bổ sung hồ sơ', appointmentAt: '2026-03-30T10:00:00+07:00' },
    { status: 'processing', nationalStatusCode: 4, at: '2026-03-18T09:00:00+07:00', unitCode: '000.00.01.H56', unitName: 'Trung tâm Phục vụ hành chính công tỉnh Hà Nam', content: 'Nhận hồ sơ bổ sung', appointmentAt: '2026-03-30T10:00:00+07:00' },
    { status: 'processing', nationalStatusCode: 4, at: '2026-03-18T09:00:05+07:00', unitCode: '000.00.02.H56', unitName: null, content: 'Đã nhận hồ sơ bổ sung, tiếp tục giải quyết', appointmentAt: '2026-03-31T10:00:00+07:00' },
  ],
  shipments: [],
};

@ApiTags('lookup')
@Controller('lookup')
export class LookupController {
  constructor(private readonly lookups: LookupService) {}

  @Get()
  @Access(IntakeAccess.lookUpDossier)
  @ApiOperation({
    summary: 'Look up a dossier',
    description: [
      'Public, no sign-in: with the dossier code and the lookup code from the receipt, the status, appointment date and progress, and the tracking of what goes by post.',
      'A late dossier says so: `overdue` is true once the due date (`dueAt`: the original appointment, moved out only by the time waited for supplements) has passed without a result, as the law counts lateness, whatever new appointment an apology (form 04) set; the apology and its new date are in `apology`, the appointment in force in `appointmentAt`, and `statusText` words it (`Hồ sơ giải quyết quá hạn, đã xin lỗi và hẹn lại ngày trả kết quả: 03/04/2026 16:00`).',
      'A wrong lookup code is a 404, as an unknown dossier is. After 10 wrong codes for one dossier (LOOKUP_GUESS_LIMIT) within 15 minutes of the first (LOOKUP_GUESS_WINDOW_SECONDS), every attempt on that dossier, the right code included, is a 429 `too-many-lookup-attempts` with `Retry-After`, until those 15 minutes are over.',
      'No personal data: each progress step gives its status, national status code, time, unit and the step in standard words from a fixed list (e.g. `Đã tiếp nhận hồ sơ`, `Đang giải quyết`, `Yêu cầu bổ sung hồ sơ`, `Công dân rút hồ sơ`, `Đã trả kết quả`), never the reasons and notes typed by the applicant or the officers, and no officer\'s name or title; nobody\'s name, address or phone in the tracking. The applicant (signed in) and the officers read the full progress at `/dossiers/{code}/progress`.',
    ].join('\n\n'),
  })
  @ApiOkResponse({ type: LookupView, description: 'The dossier\'s progress, without personal data.', example: LOOKUP_EXAMPLE })
  @ApiProblems(400, 404)
  @ApiLookupAttemptsLimited()
  lookup(@Query() query: LookupQuery): Promise<LookupView> {
    return this.lookups.lookup(query.code, query.secret);
  }
}
