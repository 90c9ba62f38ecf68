// Response shapes of the catalogue as classes, for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';
import { QUESTIONNAIRE_PURPOSES, type QuestionnairePurpose } from './definition.js';
import type { QuestionnaireDefinitionView } from './definition.view.js';

/** A questionnaire in the catalogue, with its published versions (newest first). */
export class CatalogueEntry {
  key: string;
  title: string;
  /** `security` questionnaires are scored and set the band; `incident` follow-ups never are (risk-model section 1). */
  @ApiProperty({ enum: QUESTIONNAIRE_PURPOSES })
  purpose: QuestionnairePurpose;
  description: string | null;
  latestVersion: number;
  versions: number[];
  questionCount: number;
}

/** `GET /api/v1/questionnaires`: the catalogue, and the frameworks questions may cite. */
export class CatalogueView {
  items: CatalogueEntry[];
  page: number;
  pageSize: number;
  total: number;
  /** Framework identifier -> its name. */
  frameworks: Record<string, string>;
  /** Framework identifier -> the version pinned and the identifiers a mapping may cite (an import citing another is refused). */
  frameworkIdentifiers: Record<string, FrameworkIdentifiersView>;
}

/** The identifiers of one framework that a mapping may cite, in the pinned version. */
export class FrameworkIdentifiersView {
  version: string;
  identifiers: readonly string[];
}

/** One published version of a questionnaire, with its definition (questionnaire-format.md). */
export class QuestionnaireVersionView {
  key: string;
  version: number;
  title: string;
  @ApiProperty({ enum: QUESTIONNAIRE_PURPOSES })
  purpose: QuestionnairePurpose;
  description: string | null;
  questionCount: number;
  source: 'shipped' | 'imported';
  checksum: string;
  createdAt: string;
  /** The definition as imported, with the format's defaults filled in: sections, questions, scoring. */
  definition: QuestionnaireDefinitionView;
}
