import { DataSource } from 'typeorm';
import type { INestApplicationContext } from '@nestjs/common';
import { CompleteAssessment, PortalAccess, SaveAnswers, SendQuestionnaire, SubmitAssessment } from '@app/assessments';
import { IncidentsService } from '@app/incidents';
import { DecisionsService } from '@app/risk';
import { addDays, Clock } from '@app/platform';

/**
 * The stories the risk figures tell, from completed reviews: a pathology partner with a critical
 * service and weak backups (band D by the BAK-01 knock-out, Critical), a university holding the
 * trauma dataset that answers both its tier's questionnaire (partial MFA: capped at C) and the
 * research one (no MFA into its research environment: capped at D), so its band is the weaker, D
 * (Critical), a well-run remote-monitoring platform (A, Low), and an EPR host whose insurance puts
 * its net VaR far below its VaR.
 */
async function riskStories(app: INestApplicationContext, ids: Map<string, string>, due: string): Promise<void> {
  const assessments = app.get(SendQuestionnaire);
  const portal = app.get(PortalAccess);
  for (const [name, key, weak] of [
    ['Northgate Pathology Partnership', 'supplier-security-core', { 'BAK-01': 'no', 'BAK-02': 'no' }],
    // No key: the default set, for a university holding patient data both questionnaires.
    ['Riverside University', undefined, { 'ACC-01': 'partial', 'TRE-03': 'no' }],
    ['Telecare Monitoring Ltd', undefined, {}],
  ] as const) {
    const sent = await assessments.send({ supplierId: ids.get(name)!, questionnaireKey: key, dueDate: due }, null);
    for (const { assessment, invitationUrl } of [sent, ...sent.alsoSent]) {
      const context = await portal.resolveToken(invitationUrl.split('/portal/i/')[1]);
      const view = await portal.view(context);
      const answers = view.sections.flatMap((section) =>
        section.questions.map((q) => {
          const answer = (weak as Record<string, string>)[q.code];
          const ranked = [...(q.options ?? [])].sort(
            (a, b) => ((b as { score?: number }).score ?? 0) - ((a as { score?: number }).score ?? 0),
          );
          const value = (
            {
              yes_no: answer ?? 'yes',
              yes_no_partial: answer ?? 'yes',
              single_choice: (answer ? ranked.at(-1) : ranked[0])?.value,
              multi_choice: [q.options?.[0]?.value],
              text: 'See our information security policy, section 4.',
              number: 1,
              date: '2026-06-30',
            } as Record<string, unknown>
          )[q.type];
          return { code: q.code, version: 0, value };
        }),
      );
      await app.get(SaveAnswers).saveAnswers(context, answers as never);
      await app
        .get(SubmitAssessment)
        .submit(context, { name: 'Demo Respondent', jobTitle: 'Head of IT', confirmed: true });
      await app.get(CompleteAssessment).complete(assessment.id);
    }
  }
  // Incident mode: threat intelligence names a university partner; the exposure and its 72-hour
  // follow-up start at once.
  await app.get(IncidentsService).open(
    {
      supplierId: ids.get('Eastfield University')!,
      summary:
        'A ransomware group lists Eastfield University on its leak site, with a sample of emergency-department research data.',
      detectedAt: new Date(app.get(Clock).now().getTime() - 2 * 3_600_000).toISOString(),
      source: 'threat_intelligence',
      severity: 'high',
    },
    'demo-seed-incident',
    null,
  );
  await app.get(DecisionsService).record(
    ids.get('Carecloud EPR Ltd')!,
    {
      decision: 'transfer',
      rationale: 'The EPR contract requires the supplier to hold cyber cover naming the Trust; certificate seen.',
      reviewDate: addDays(app.get(Clock).today(), 180),
      insurer: 'Example Mutual Insurance',
      policyRef: 'CYB-2027-0042',
      limit: 60_000_000,
      excess: 250_000,
      expiresOn: addDays(app.get(Clock).today(), 300),
    },
    null,
  );
}

/**
 * Questionnaires out to six suppliers: Northgate Pathology's untouched, Riverside University's
 * half answered, Parkright's submitted, Swift Payroll's untouched. Returns the links (name: url).
 */
export async function seedAssessments(app: INestApplicationContext, ids: Map<string, string>): Promise<string[]> {
  const assessments = app.get(SendQuestionnaire);
  const portal = app.get(PortalAccess);
  const due = addDays(app.get(Clock).today(), 28);
  const links: string[] = [];
  const answerSections = async (url: string, sections: number | 'all') => {
    const context = await portal.resolveToken(url.split('/portal/i/')[1]);
    const view = await portal.view(context);
    const chosen = sections === 'all' ? view.sections : view.sections.slice(0, sections);
    const answers = chosen.flatMap((section) =>
      section.questions.map((q) => ({
        code: q.code,
        version: 0,
        value: (
          {
            yes_no: 'yes',
            yes_no_partial: q.code.endsWith('2') ? 'partial' : 'yes',
            single_choice: q.options?.[1]?.value ?? q.options?.[0]?.value,
            multi_choice: [q.options?.[0]?.value],
            text: 'See our security policy, section 4.',
            number: 1,
            date: '2026-06-30',
          } as Record<string, unknown>
        )[q.type],
      })),
    );
    await app.get(SaveAnswers).saveAnswers(context, answers as never);
    return context;
  };
  // Completed reviews first (the risk stories), then the questionnaires still open.
  await riskStories(app, ids, due);
  for (const [name, key] of [
    ['Northgate Pathology Partnership', 'supplier-security-core'],
    ['Riverside University', 'research-data-partner'],
    ['Parkright Ltd', 'supplier-security-lite'],
    ['Swift Payroll Services Ltd', 'supplier-security-core'],
  ] as const) {
    const { invitationUrl } = await assessments.send(
      { supplierId: ids.get(name)!, questionnaireKey: key, dueDate: due },
      null,
    );
    if (name === 'Riverside University') await answerSections(invitationUrl, 3);
    if (name === 'Parkright Ltd') {
      const context = await answerSections(invitationUrl, 'all');
      await app
        .get(SubmitAssessment)
        .submit(context, { name: 'Phil Dean', jobTitle: 'Operations Director', confirmed: true });
    }
    links.push(`${name}: ${invitationUrl}`);
  }
  // Two questionnaires with a history, so that the inbox shows the ladder at work: one sent a month
  // ago and due in 3 days (a reminder is owed), one due 10 days ago (escalated to the supplier's
  // escalation contact and the internal owner). Backdated in SQL: the API refuses a past due date.
  const dataSource = app.get(DataSource);
  for (const [name, dueInDays] of [
    ['Carecloud EPR Ltd', 3],
    ['Imaging Connect Ltd', -10],
  ] as const) {
    const { assessment, invitationUrl } = await assessments.send(
      { supplierId: ids.get(name)!, questionnaireKey: 'supplier-security-core', dueDate: due },
      null,
    );
    await dataSource.query(
      "UPDATE assessment SET due_date = (now() AT TIME ZONE 'Europe/London')::date + $2::int, created_at = now() - interval '40 days' WHERE id = $1",
      [assessment.id, dueInDays],
    );
    await dataSource.query(
      "UPDATE assessment_invitation SET expires_at = now() + interval '30 days' WHERE assessment_id = $1",
      [assessment.id],
    );
    links.push(`${name}: ${invitationUrl}`);
  }
  return links;
}
