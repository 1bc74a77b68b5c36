import {
  type CaseCreateInput,
  CaseCreateInputSchema,
  type CaseDuplicate,
  VictimContextSchema,
} from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { casesApi, duplicatesOf } from '../../api/cases.api';
import {
  applyCaseFieldError,
  type CaseFormValues,
  EventFields,
  PersonFields,
  VictimFields,
} from '../../components/CaseForm/CaseFields';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { translated } from '../../i18n/resolver';

/**
 * Open a new case: the person, the victim context and the trafficking events. Likely duplicates
 * answer with their case codes; the user opens one, links the new case to that person, or creates
 * anyway. What was typed stays on every error.
 */
export function CaseNewPage(): ReactElement {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [failure, setFailure] = useState<unknown>(null);
  const [duplicates, setDuplicates] = useState<CaseDuplicate[] | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<CaseFormValues, unknown, CaseCreateInput>({
    resolver: translated(zodResolver(CaseCreateInputSchema)),
    defaultValues: {
      person: { gender: 'Unknown' },
      victim: VictimContextSchema.parse({}),
      events: [],
      screeningId: params.get('screeningId') ?? undefined,
      hotlineCallId: params.get('hotlineCallId') ?? undefined,
    },
  });

  async function send(values: CaseCreateInput): Promise<void> {
    setFailure(null);
    setBusy(true);
    try {
      const created = await casesApi.create(values);
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      notify('success', t('cases.new.created', { code: created.code }));
      navigate(`/cases/${created.id}`);
    } catch (err) {
      const found = duplicatesOf(err);
      if (found) {
        setDuplicates(found);
      } else if (!applyCaseFieldError(form, err, t('validation.invalid'))) {
        setFailure(err);
      }
    } finally {
      setBusy(false);
    }
  }

  async function handleLink(duplicate: CaseDuplicate): Promise<void> {
    try {
      const other = await casesApi.get(duplicate.caseId);
      await send({ ...form.getValues(), existingPersonId: other.personId } as CaseCreateInput);
    } catch (err) {
      notify('error', errorText(t, err));
    }
  }

  return (
    <Stack>
      <PageHeader title={t('cases.new.title')} description={t('cases.new.description')} />
      <form onSubmit={form.handleSubmit(send)} noValidate data-testid="case-new-form">
        <Stack>
          <PersonFields form={form} />
          <VictimFields form={form} />
          <EventFields form={form} />
          {duplicates ? (
            <Alert color="yellow" title={t('cases.duplicates.title')} data-testid="case-duplicates">
              <Text size="sm" mb="sm">
                {t('cases.duplicates.help')}
              </Text>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('cases.list.code')}</Table.Th>
                    <Table.Th scope="col">{t('cases.duplicates.reasons')}</Table.Th>
                    <Table.Th scope="col">{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {duplicates.map((d) => (
                    <Table.Tr key={d.caseId}>
                      <Table.Td>{d.code}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {d.reasons.map((r) => (
                            <Badge key={r} variant="light">
                              {t(`cases.duplicates.reason.${r}`)}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Anchor
                            component={Link}
                            to={`/cases/${d.caseId}`}
                            target="_blank"
                            rel="noopener"
                            size="sm"
                          >
                            {t('common.open')}
                          </Anchor>
                          <Button
                            size="xs"
                            variant="light"
                            loading={busy}
                            onClick={() => handleLink(d)}
                          >
                            {t('cases.duplicates.link')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Group mt="sm">
                <Button
                  variant="outline"
                  color="yellow"
                  loading={busy}
                  onClick={form.handleSubmit((v) => send({ ...v, ignoreDuplicates: true }))}
                  data-testid="case-create-anyway"
                >
                  {t('cases.duplicates.createAnyway')}
                </Button>
              </Group>
            </Alert>
          ) : null}
          <ErrorAlert error={failure} />
          <Group justify="flex-end">
            <Button variant="default" component={Link} to="/cases">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="case-create-submit">
              {t('cases.new.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
