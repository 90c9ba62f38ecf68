import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { SuppliersModule } from '@app/suppliers';
import { DataSharingService } from './data-sharing.service.js';

@Module({ imports: [AuditModule, SuppliersModule], providers: [DataSharingService], exports: [DataSharingService] })
export class DataSharingModule {}
