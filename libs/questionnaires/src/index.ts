export { QuestionnairesModule } from './questionnaires.module.js';
export { QuestionnaireCatalogue, parseYamlDocument, questionnaireVersionById } from './catalogue.service.js';
export { CatalogueEntry, CatalogueView, FrameworkIdentifiersView, QuestionnaireVersionView } from './catalogue.view.js';
export { QuestionnaireVersion } from './questionnaire-version.entity.js';
export { validateDefinition } from './validate.js';
export { SHIPPED_QUESTIONNAIRES } from './catalogue/index.js';
export {
  FRAMEWORKS, QUESTION_TYPES, SCORED_TYPES, QUESTIONNAIRE_PURPOSES,
  type QuestionnaireDefinition, type QuestionnairePurpose, type Question, type Section, type QuestionType, type Framework,
} from './definition.js';
export { FRAMEWORK_IDENTIFIERS, FRAMEWORK_VERSIONS, isKnownIdentifier } from './frameworks.js';
