import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, NotFoundError, sortOrder } from '@app/platform';
import { Assessment, ANSWERABLE_STATUSES, type AssessmentStatus } from './assessment.entity.js';
import { AssessmentAnswer } from './assessment-answer.entity.js';

export interface AssessmentListQuery {
  supplierId?: string;
  status?: AssessmentStatus;
  questionnaireKey?: string;
  overdue?: boolean;
  sort?: string;
  page: number;
  pageSize: number;
}

/** The fields the assessment list sorts by (`?sort=field` or `-field`), also declared in the OpenAPI document. */
export const ASSESSMENT_SORTS: readonly string[] = ['dueDate', 'createdAt', 'status', 'submittedAt', 'completedAt'];

/** Procurement's reads: one assessment with its answers, and the filtered list. */
@Injectable()
export class AssessmentQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<{ assessment: Assessment; answers: AssessmentAnswer[] }> {
    const assessment = await this.dataSource.getRepository(Assessment).findOneBy({ id });
    if (!assessment) throw new NotFoundError('ASSESSMENT.NOT_FOUND', 'No such assessment.');
    const answers = await this.dataSource
      .getRepository(AssessmentAnswer)
      .find({ where: { assessmentId: id }, order: { questionCode: 'ASC' } });
    return { assessment, answers };
  }

  async list(query: AssessmentListQuery): Promise<{ items: Assessment[]; total: number }> {
    const { field, direction } = sortOrder(query.sort, 'dueDate', ASSESSMENT_SORTS);
    const qb = this.dataSource.getRepository(Assessment).createQueryBuilder('a');
    if (query.supplierId) qb.andWhere('a.supplier_id = :s', { s: query.supplierId });
    if (query.status) qb.andWhere('a.status = :st', { st: query.status });
    if (query.questionnaireKey) qb.andWhere('a.questionnaire_key = :k', { k: query.questionnaireKey });
    if (query.overdue)
      qb.andWhere('a.status IN (:...answerable) AND a.due_date < :today', {
        answerable: ANSWERABLE_STATUSES,
        today: this.clock.today(),
      });
    const [items, total] = await qb
      .orderBy(`a.${field}`, direction, 'NULLS LAST')
      .addOrderBy('a.id')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }
}
