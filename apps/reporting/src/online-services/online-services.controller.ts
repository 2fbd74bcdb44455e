import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OnlineServicesReport } from './online-services.dto.js';
import { OnlineServicesService } from './online-services.service.js';

@ApiTags('reports')
@Controller('reports/online-services')
export class OnlineServicesController {
  constructor(private readonly onlineServices: OnlineServicesService) {}

  @Get()
  @ApiOperation({
    summary: 'Online-service catalog statistics',
    description: 'Procedures by online service level, full and partial online, and the share integrated on the national portal, from catalog events.',
  })
  @ApiOkResponse({ type: OnlineServicesReport, description: 'Counts and shares of the catalog.' })
  report(): Promise<OnlineServicesReport> {
    return this.onlineServices.report();
  }
}
