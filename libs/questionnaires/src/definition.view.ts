import { ApiProperty } from '@nestjs/swagger';
import { EVIDENCE_LEVELS } from './definition.js';
import { MappingInput, QuestionInput, QuestionnaireDefinitionInput, SectionInput } from './definition.input.js';

// A published questionnaire version's `definition`: the imported document as `validateDefinition`
// stored it, with the format's defaults filled in (weight, critical, required, allowNotApplicable,
// evidence and mappings are always present). Declared again here with `required: true` explicitly:
// the plugin's metadata of the input classes would otherwise leave them optional.

export class QuestionDefinitionView extends QuestionInput {
  /** 0 on unscored types and in an incident questionnaire. */
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10, required: true })
  override weight: number;
  @ApiProperty({ required: true })
  override critical: boolean;
  @ApiProperty({ required: true })
  override required: boolean;
  @ApiProperty({ required: true })
  override allowNotApplicable: boolean;
  @ApiProperty({ enum: EVIDENCE_LEVELS, required: true })
  override evidence: string;
  @ApiProperty({ type: [MappingInput], required: true })
  override mappings: MappingInput[];
}

export class SectionDefinitionView extends SectionInput {
  @ApiProperty({ type: [QuestionDefinitionView], minItems: 1 })
  override questions: QuestionDefinitionView[];
}

/** The definition as published (questionnaire-format.md), defaults filled in; `purpose` absent means `security`. */
export class QuestionnaireDefinitionView extends QuestionnaireDefinitionInput {
  @ApiProperty({ type: [SectionDefinitionView], minItems: 1 })
  override sections: SectionDefinitionView[];
}
