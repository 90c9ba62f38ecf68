export { QuestionnairesModule } from './questionnaires.module.js';
export { QuestionnaireCatalogue, parseYamlDocument, questionnaireVersionById } from './catalogue.service.js';
export { CatalogueView, QuestionnaireVersionView } from './catalogue.view.js';
export { QuestionnaireDefinitionInput } from './definition.input.js';
export { QuestionnaireVersion } from './questionnaire-version.entity.js';
export {
  FRAMEWORKS,
  SCORED_TYPES,
  type QuestionnaireDefinition,
  type QuestionnairePurpose,
  type Question,
  type Section,
  type QuestionType,
  type Framework,
} from './definition.js';
export { FRAMEWORK_IDENTIFIERS, FRAMEWORK_VERSIONS } from './frameworks.js';
