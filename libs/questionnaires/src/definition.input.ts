import { ApiProperty } from '@nestjs/swagger';
import { EVIDENCE_LEVELS, FRAMEWORKS, QUESTIONNAIRE_PURPOSES, QUESTION_TYPES } from './definition.js';
import { CODE, KEY, MAPPING_REF, OPTION_VALUE, SLUG } from './validate.js';

// `POST /api/v1/questionnaires`: a questionnaire definition (questionnaire-format.md) as classes, for
// the OpenAPI document. `validateDefinition` checks a document (with every problem's path, including
// the rules a schema cannot say: codes unique, showIf pointing earlier, mappings in the pinned
// framework lists); these classes describe the same document, with the validator's own patterns.
// Fields left out take the defaults the format gives; definition.view.ts is the stored form.

/** One choice of a `single_choice` or `multi_choice` question. */
export class ChoiceOptionInput {
  @ApiProperty({
    pattern: OPTION_VALUE.source,
    description: 'Unique in the question: lower-case letters, digits, hyphens and underscores.',
  })
  value: string;
  @ApiProperty({ minLength: 1, maxLength: 300 })
  label: string;
  /** Required on the options of a scored `single_choice` question (0 to 1); refused elsewhere. */
  @ApiProperty({ minimum: 0, maximum: 1 })
  score?: number;
}

/** Show the question only when an earlier one is answered so: exactly one of `equals` or `in`. */
export class ShowIfInput {
  @ApiProperty({ pattern: CODE.source, description: 'The code of an earlier question.' })
  question: string;
  equals?: string;
  @ApiProperty({ minItems: 1 })
  in?: string[];
}

/** A public control identifier the question answers to. */
export class MappingInput {
  @ApiProperty({ enum: Object.keys(FRAMEWORKS) })
  framework: string;
  @ApiProperty({
    pattern: MAPPING_REF.source,
    description:
      "An identifier of the framework's published list, in the catalogue's pinned version (see GET /api/v1/questionnaires).",
  })
  ref: string;
}

export class QuestionInput {
  @ApiProperty({ pattern: CODE.source, description: 'Unique in the questionnaire, e.g. ACC-01.' })
  code: string;
  @ApiProperty({ minLength: 5, maxLength: 1000 })
  text: string;
  @ApiProperty({ maxLength: 2000 })
  help?: string;
  /** `yes_no`, `yes_no_partial` and `single_choice` are scored. */
  @ApiProperty({ enum: QUESTION_TYPES })
  type: string;
  /** Required (at least two) on the two choice types, refused on the others. */
  @ApiProperty({ type: [ChoiceOptionInput], minItems: 2 })
  options?: ChoiceOptionInput[];
  /** Scored types only, never in an incident questionnaire; 0: context, never counted, never a finding. Default 1. */
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10 })
  weight?: number;
  /** Scored types only: a knock-out (section 1 of the risk method). Default false. */
  critical?: boolean;
  /** A required visible question must be answered (or marked N/A where allowed) before submission. Default true. */
  required?: boolean;
  /** Default false. */
  allowNotApplicable?: boolean;
  /** An evidence file asked for with the answer. Default `none`. */
  @ApiProperty({ enum: EVIDENCE_LEVELS })
  evidence?: string;
  showIf?: ShowIfInput;
  mappings?: MappingInput[];
  /** The finding's recommendation when the answer falls short; on every counted question. */
  @ApiProperty({ maxLength: 2000 })
  recommendation?: string;
}

export class SectionInput {
  @ApiProperty({ pattern: SLUG.source, description: 'Unique in the questionnaire.' })
  key: string;
  @ApiProperty({ minLength: 1, maxLength: 200 })
  title: string;
  @ApiProperty({ maxLength: 2000 })
  description?: string;
  @ApiProperty({ type: [QuestionInput], minItems: 1 })
  questions: QuestionInput[];
}

/** A questionnaire definition to import, as JSON or as the same document in YAML (questionnaire-format.md). */
export class QuestionnaireDefinitionInput {
  @ApiProperty({ pattern: KEY.source, description: 'A lower-case slug of 3 to 64 characters.' })
  key: string;
  /** (key, version) is unique; a published version never changes. */
  @ApiProperty({ type: 'integer', minimum: 1 })
  version: number;
  @ApiProperty({ minLength: 3, maxLength: 200 })
  title: string;
  /** `security` (the default) is scored and sets the supplier's band; `incident` is never scored. */
  @ApiProperty({ enum: QUESTIONNAIRE_PURPOSES })
  purpose?: string;
  @ApiProperty({ maxLength: 2000 })
  description?: string;
  @ApiProperty({ type: [SectionInput], minItems: 1 })
  sections: SectionInput[];
}
