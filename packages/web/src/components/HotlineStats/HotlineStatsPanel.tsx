import { type HotlineStats, hotlineStatsPivot } from '@ctip/domain';
import {
  Alert,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hotlineApi } from '../../api/hotline.api';
import { useCalendar } from '../../auth/session';
import { errorText } from '../../i18n/errors';
import { useLanguageLabel } from '../HotlineCallList/language-label';
import { monthOf, utcOffsetMinutes } from '../ScreeningForm/local-time';
import { HotlineStatsChart } from './HotlineStatsChart';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The language table: one row per language, one column per month, and a total. */
function LanguageTable({
  stats,
  monthLabel,
  languageLabel,
}: {
  stats: HotlineStats;
  monthLabel: (m: string) => string;
  languageLabel: (code: string) => string;
}): ReactElement {
  const { t } = useTranslation();
  const languages = [...new Set(stats.byLanguage.map((c) => c.key))].sort();
  const rows = hotlineStatsPivot(stats.months, stats.byLanguage, languages);
  const count = (month: string, lang: string) =>
    rows.find((r) => r.month === month)?.counts[lang] ?? 0;
  return (
    <ScrollArea type="auto">
      <Table
        striped
        aria-label={t('hotline.stats.byLanguage')}
        data-testid="hotline-language-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('hotline.field.language')}</Table.Th>
            {stats.months.map((m) => (
              <Table.Th key={m} scope="col" ta="right">
                {monthLabel(m)}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right">
              {t('hotline.stats.total')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {languages.map((lang) => (
            <Table.Tr key={lang}>
              <Table.Th scope="row">{languageLabel(lang)}</Table.Th>
              {stats.months.map((m) => (
                <Table.Td key={m} ta="right">
                  {count(m, lang)}
                </Table.Td>
              ))}
              <Table.Td ta="right" fw={600}>
                {stats.months.reduce((sum, m) => sum + count(m, lang), 0)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

/** Monthly statistics: a stacked bar chart by category and a table by language. */
export function HotlineStatsPanel(): ReactElement {
  const { t, i18n } = useTranslation();
  const now = new Date();
  const [from, setFrom] = useState(monthOf(now, -5));
  const [to, setTo] = useState(monthOf(now));
  const isValid = MONTH.test(from) && MONTH.test(to) && from <= to;
  const stats = useQuery({
    queryKey: ['hotline', 'stats', { from, to }],
    queryFn: () => hotlineApi.stats({ from, to, utcOffsetMinutes: utcOffsetMinutes() }),
    enabled: isValid,
  });
  const locale = i18n.resolvedLanguage ?? 'en';
  // Month labels follow the user's calendar too (Buddhist Era years where chosen).
  const calendar = useCalendar();
  const monthLabel = useCallback(
    (m: string) => {
      try {
        return new Intl.DateTimeFormat(`${locale}-u-ca-${calendar}`, {
          year: 'numeric',
          month: 'short',
        }).format(new Date(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1));
      } catch {
        return m;
      }
    },
    [locale, calendar],
  );
  const languageLabel = useLanguageLabel();

  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          type="month"
          label={t('hotline.stats.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          error={MONTH.test(from) ? undefined : t('validation.invalid_format')}
        />
        <TextInput
          type="month"
          label={t('hotline.stats.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={
            !MONTH.test(to)
              ? t('validation.invalid_format')
              : from > to
                ? t('hotline.stats.toBeforeFrom')
                : undefined
          }
        />
      </Group>
      {stats.isError ? <Alert color="red">{errorText(t, stats.error)}</Alert> : null}
      {stats.isPending && isValid ? (
        <Loader size="sm" aria-label={t('hotline.stats.loading')} />
      ) : null}
      {stats.data ? (
        stats.data.total === 0 ? (
          <Text c="dimmed">{t('hotline.stats.empty')}</Text>
        ) : (
          <>
            <Paper withBorder p="sm">
              <Title order={2} size="h4" mb="sm">
                {t('hotline.stats.byCategory')}
              </Title>
              <HotlineStatsChart stats={stats.data} monthLabel={monthLabel} />
            </Paper>
            <Paper withBorder p="sm">
              <Title order={2} size="h4" mb="sm">
                {t('hotline.stats.byLanguage')}
              </Title>
              <LanguageTable
                stats={stats.data}
                monthLabel={monthLabel}
                languageLabel={languageLabel}
              />
            </Paper>
            <Text size="sm" c="dimmed">
              {t('hotline.stats.totalCalls', { count: stats.data.total })}
            </Text>
          </>
        )
      ) : null}
    </Stack>
  );
}
