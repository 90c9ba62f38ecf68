import { Module } from '@nestjs/common';
import { HealthService } from '@app/platform';
import { HealthController } from './health.controller.js';

@Module({ controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
