import { Module } from '@nestjs/common';
import { OnlineServicesController } from './online-services.controller.js';
import { OnlineServicesService } from './online-services.service.js';

@Module({
  controllers: [OnlineServicesController],
  providers: [OnlineServicesService],
})
export class OnlineServicesModule {}
