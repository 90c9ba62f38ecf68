export { IncidentsModule } from './incidents.module.js';
export { IncidentsService, INCIDENT_SORTS } from './incidents.service.js';
export { INCIDENT_SOURCES, INCIDENT_SEVERITIES, FOLLOW_UP_KEY, type OpenIncident } from './incident.js';
export { IncidentView, IncidentDetailView } from './incident.view.js';
export { exposureOf, type Exposure, type ExposedLink } from './exposure.js';
export { firstReportRemindersOwed, firstReportIn } from './first-report-reminder.query.js';
export { OpenIncidentBody, IncidentListParams, CloseBody, ExposureExportQuery } from './incident.input.js';
