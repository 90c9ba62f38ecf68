import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CertificationsService } from './certifications.service.js';

@Module({ imports: [AuditModule], providers: [CertificationsService], exports: [CertificationsService] })
export class CertificationsModule {}
