import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fileTypeFromBuffer } from 'file-type';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { ConflictError, DomainError, NotFoundError, RuleViolationError } from '@app/platform';
import { questionnaireVersionById } from '@app/questionnaires';
import { questionsOf } from './answer-rules.js';
import { Assessment, isAnswerable } from './assessment.entity.js';
import { AssessmentEvidence } from './assessment-evidence.entity.js';
import type { PortalContext } from './portal-access.js';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** Files one question may carry (a certificate, its scope, a policy...: more is a sign of a mistake or abuse). */
export const EVIDENCE_MAX_FILES_PER_QUESTION = 5;
/** Files one assessment may carry, and their total size. */
export const EVIDENCE_MAX_FILES_PER_ASSESSMENT = 40;
export const EVIDENCE_MAX_BYTES_PER_ASSESSMENT = 100 * 1024 * 1024;

/** What may be attached, recognised by content (magic bytes), never by the file's name. */
const ALLOWED: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

export class UnsupportedFileError extends DomainError {
  constructor(detail: string) {
    super('EVIDENCE.UNSUPPORTED_TYPE', detail, 415, [
      { path: 'file', message: 'must be a PDF, PNG, JPEG, DOCX, XLSX, CSV or TXT file' },
    ]);
  }
}

/** The media type a file's content shows, or null when it is none we accept. */
export async function detectEvidenceType(
  content: Buffer,
  originalName: string,
): Promise<{ mediaType: string; extension: string } | null> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) return ALLOWED[detected.mime] ? { mediaType: detected.mime, extension: ALLOWED[detected.mime] } : null;
  // No signature: accept plain UTF-8 text (CSV or TXT), nothing binary.
  if (content.includes(0)) return null;
  const text = content.toString('utf8');
  if (text.includes('\uFFFD')) return null;
  return /\.csv$/i.test(originalName)
    ? { mediaType: 'text/csv', extension: 'csv' }
    : { mediaType: 'text/plain', extension: 'txt' };
}

/** Evidence attached by suppliers and downloaded by internal users. */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async attach(
    context: PortalContext,
    questionCode: string,
    originalName: string,
    content: Buffer,
  ): Promise<AssessmentEvidence> {
    if (content.length === 0)
      throw new RuleViolationError('EVIDENCE.EMPTY', 'The file is empty.', [{ path: 'file', message: 'is empty' }]);
    if (content.length > EVIDENCE_MAX_BYTES)
      throw new DomainError('REQUEST.TOO_LARGE', 'Evidence files may be at most 10 MB.', 413, [
        { path: 'file', message: 'is larger than 10 MB' },
      ]);
    const type = await detectEvidenceType(content, originalName);
    if (!type)
      throw new UnsupportedFileError(
        'This kind of file cannot be attached: use PDF, PNG, JPEG, DOCX, XLSX, CSV or TXT.',
      );
    return this.dataSource.transaction(async (m) => {
      const assessment = await m.findOneOrFail(Assessment, {
        where: { id: context.assessment.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!isAnswerable(assessment.status))
        throw new ConflictError(
          'ASSESSMENT.READ_ONLY',
          `This questionnaire is ${assessment.status} and can no longer be changed.`,
        );
      const version = await questionnaireVersionById(m, assessment.questionnaireVersionId);
      const question = questionsOf(version.definition).find((q) => q.code === questionCode);
      if (!question)
        throw new RuleViolationError('EVIDENCE.UNKNOWN_QUESTION', 'No such question.', [
          { path: 'question', message: 'is not a question of this questionnaire' },
        ]);
      if (question.evidence === 'none')
        throw new RuleViolationError('EVIDENCE.NOT_ASKED', 'This question takes no evidence.', [
          { path: 'question', message: 'takes no evidence' },
        ]);
      await assertWithinCaps(m, assessment.id, questionCode, content.length);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const evidence = m.create(AssessmentEvidence, {
        assessmentId: assessment.id,
        questionCode,
        fileName: `evidence-${questionCode}-${sha256.slice(0, 12)}.${type.extension}`,
        originalName: originalName.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 200) || 'file',
        mediaType: type.mediaType,
        size: content.length,
        sha256,
        content,
      });
      const inserted = await m.insert(AssessmentEvidence, evidence);
      Object.assign(evidence, inserted.generatedMaps[0]);
      await this.audit.record(m, {
        action: 'evidence.attached',
        entityType: 'assessment',
        entityId: assessment.id,
        before: null,
        after: {
          question: questionCode,
          fileName: evidence.fileName,
          mediaType: type.mediaType,
          size: content.length,
          sha256,
        },
        actor: { type: 'supplier', id: assessment.id },
      });
      return evidence;
    });
  }

  /** Removes a file the supplier attached, while the questionnaire is still open; audited. */
  async remove(context: PortalContext, evidenceId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const assessment = await m.findOneOrFail(Assessment, {
        where: { id: context.assessment.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!isAnswerable(assessment.status))
        throw new ConflictError(
          'ASSESSMENT.READ_ONLY',
          `This questionnaire is ${assessment.status} and can no longer be changed.`,
        );
      const [[gone]] = await m.query<[{ question_code: string; file_name: string; sha256: string }[], number]>(
        'DELETE FROM assessment_evidence WHERE id = $1 AND assessment_id = $2 RETURNING question_code, file_name, sha256',
        [evidenceId, assessment.id],
      );
      if (!gone) throw new NotFoundError('EVIDENCE.NOT_FOUND', 'No such evidence.');
      await this.audit.record(m, {
        action: 'evidence.removed',
        entityType: 'assessment',
        entityId: assessment.id,
        before: { question: gone.question_code, fileName: gone.file_name, sha256: gone.sha256 },
        after: null,
        actor: { type: 'supplier', id: assessment.id },
      });
    });
  }

  async list(assessmentId: string): Promise<AssessmentEvidence[]> {
    return this.dataSource
      .getRepository(AssessmentEvidence)
      .find({ where: { assessmentId }, order: { createdAt: 'ASC' } });
  }

  async download(assessmentId: string, evidenceId: string): Promise<AssessmentEvidence> {
    const evidence = await this.dataSource
      .getRepository(AssessmentEvidence)
      .createQueryBuilder('e')
      .addSelect('e.content')
      .where('e.id = :evidenceId AND e.assessment_id = :assessmentId', { evidenceId, assessmentId })
      .getOne();
    if (!evidence) throw new NotFoundError('EVIDENCE.NOT_FOUND', 'No such evidence.');
    return evidence;
  }

  /** Questions whose evidence is required and has none yet. */
  async missingRequired(assessmentId: string, codes: string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.dataSource.query<{ question_code: string }[]>(
      'SELECT DISTINCT question_code FROM assessment_evidence WHERE assessment_id = $1',
      [assessmentId],
    );
    const have = new Set(rows.map((r) => r.question_code));
    return codes.filter((c) => !have.has(c));
  }
}

/**
 * The caps on what one assessment may hold, checked under the assessment's row lock (so parallel
 * uploads cannot pass them together): too many files is a 422, too many bytes a 413.
 */
async function assertWithinCaps(
  m: EntityManager,
  assessmentId: string,
  questionCode: string,
  size: number,
): Promise<void> {
  const [held] = await m.query<{ files: number; on_question: number; bytes: string }[]>(
    'SELECT count(*)::int AS files, (count(*) FILTER (WHERE question_code = $2))::int AS on_question, COALESCE(sum(size), 0)::text AS bytes FROM assessment_evidence WHERE assessment_id = $1',
    [assessmentId, questionCode],
  );
  if (held.on_question >= EVIDENCE_MAX_FILES_PER_QUESTION) {
    throw new RuleViolationError(
      'EVIDENCE.TOO_MANY_FOR_QUESTION',
      `A question may have at most ${EVIDENCE_MAX_FILES_PER_QUESTION} evidence files.`,
      [
        {
          path: 'question',
          message: `already has ${EVIDENCE_MAX_FILES_PER_QUESTION} files (the most a question may have)`,
        },
      ],
    );
  }
  if (held.files >= EVIDENCE_MAX_FILES_PER_ASSESSMENT) {
    throw new RuleViolationError(
      'EVIDENCE.TOO_MANY',
      `An assessment may have at most ${EVIDENCE_MAX_FILES_PER_ASSESSMENT} evidence files.`,
      [
        {
          path: 'file',
          message: `this assessment already has ${EVIDENCE_MAX_FILES_PER_ASSESSMENT} files (the most it may have)`,
        },
      ],
    );
  }
  if (Number(held.bytes) + size > EVIDENCE_MAX_BYTES_PER_ASSESSMENT) {
    throw new DomainError(
      'EVIDENCE.TOO_LARGE_IN_TOTAL',
      `An assessment's evidence may total at most ${EVIDENCE_MAX_BYTES_PER_ASSESSMENT / 1024 / 1024} MB.`,
      413,
      [
        {
          path: 'file',
          message: `would take this assessment's evidence past ${EVIDENCE_MAX_BYTES_PER_ASSESSMENT / 1024 / 1024} MB`,
        },
      ],
    );
  }
}
