import type { ScreeningAssessment } from '@ctip/domain';
import { Badge, Group, Paper, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/** The Palermo elements the ticked indicators meet, and the outcome they suggest. */
export function AssessmentSummary({
  assessment,
}: {
  assessment: ScreeningAssessment;
}): ReactElement {
  const { t } = useTranslation();
  const element = (key: 'act' | 'means' | 'purpose', met: boolean, required = true) => (
    <Badge
      key={key}
      size="lg"
      variant="light"
      color={met ? 'green' : required ? 'gray' : 'blue'}
      data-testid={`assessment-${key}`}
    >
      {t(`screening.assessment.${key}`)}:{' '}
      {met
        ? t('screening.assessment.met')
        : required
          ? t('screening.assessment.notMet')
          : t('screening.assessment.notRequired')}
    </Badge>
  );
  return (
    <Paper withBorder p="sm" aria-live="polite" data-testid="screening-assessment">
      <Text fw={600} mb="xs">
        {t('screening.assessment.title')}
      </Text>
      <Group gap="xs" mb="xs">
        {element('act', assessment.act)}
        {element('means', assessment.means, assessment.isMeansRequired)}
        {element('purpose', assessment.purpose)}
      </Group>
      <Text size="sm">
        {assessment.isElementsMet
          ? t('screening.assessment.elementsMet')
          : t('screening.assessment.elementsNotMet')}
      </Text>
      <Text size="sm" fw={600}>
        {t('screening.assessment.suggested', {
          outcome: t(`screening.outcome.${assessment.suggestedOutcome}`),
        })}
      </Text>
    </Paper>
  );
}
