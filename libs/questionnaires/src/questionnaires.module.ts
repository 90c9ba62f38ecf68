import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { QuestionnaireCatalogue } from './catalogue.service.js';

@Module({ imports: [AuditModule], providers: [QuestionnaireCatalogue], exports: [QuestionnaireCatalogue] })
export class QuestionnairesModule {}
