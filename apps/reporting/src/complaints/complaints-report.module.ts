import { Module } from '@nestjs/common';
import { ReportBasicsModule } from '../reports/report-basics.module.js';
import { ComplaintsReportController } from './complaints-report.controller.js';
import { ComplaintsReportRepository } from './complaints-report.repository.js';
import { ComplaintsReportService } from './complaints-report.service.js';

/** The report on complaints and petitions about procedures. */
@Module({
  imports: [ReportBasicsModule],
  controllers: [ComplaintsReportController],
  providers: [ComplaintsReportService, ComplaintsReportRepository],
})
export class ComplaintsReportModule {}
