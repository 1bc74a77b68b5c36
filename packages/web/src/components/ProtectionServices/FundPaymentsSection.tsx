import { type FundPaymentInput, FundPaymentInputSchema } from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { isApiError } from '../../api/client';
import { protectionApi } from '../../api/protection.api';
import { ruleText, sourceText } from '../../i18n/country-rules';
import { applyFieldError } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { translated } from '../../i18n/resolver';
import { DateText } from '../DateText/DateText';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { emptyToUndefined, todayIso } from './protection-format';

type Values = z.input<typeof FundPaymentInputSchema>;
const FIELDS = ['ruleId', 'amount', 'currency', 'days', 'paidOn', 'approvedByText'] as const;

/**
 * Fund payments of a case, the country's entitlements with their caps, and a form to record a
 * payment. A payment over a cap is refused by the server; the refusal (naming the rule and quoting
 * its cap) is shown in the form, which keeps what was typed.
 */
export function FundPaymentsSection({
  caseId,
  countryCode,
  canEdit,
}: {
  caseId: string;
  countryCode: string | undefined;
  canEdit: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const rules = useQuery({
    queryKey: ['country-rules', countryCode ?? ''],
    queryFn: () => protectionApi.countryRules(countryCode),
  });
  const payments = useQuery({
    queryKey: ['fund-payments', caseId],
    queryFn: () => protectionApi.fundPayments(caseId),
  });
  const entitlements = (rules.data ?? []).filter((r) => r.kind === 'fund_entitlement');
  // The refused rule's key and the cap text the server quoted, shown in the current language.
  const [refusal, setRefusal] = useState<{ rule: string; capText: string } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    watch,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, FundPaymentInput>({
    resolver: translated(zodResolver(FundPaymentInputSchema)),
    defaultValues: { ruleId: '', currency: 'THB', paidOn: todayIso() },
  });
  const selected = entitlements.find((r) => r.id === watch('ruleId'));
  const refusedRule = refusal ? entitlements.find((r) => r.key === refusal.rule) : undefined;
  const perDay = selected?.config.per === 'day';

  async function submit(values: FundPaymentInput): Promise<void> {
    setRefusal(null);
    setFailure(null);
    try {
      await protectionApi.addFundPayment(caseId, values);
      await queryClient.invalidateQueries({ queryKey: ['fund-payments', caseId] });
      notify('success', t('protection.fund.recorded'));
      reset({ ruleId: values.ruleId, currency: values.currency, paidOn: values.paidOn });
    } catch (err) {
      if (
        isApiError(err) &&
        err.code === 'INVALID_INPUT' &&
        typeof err.details?.rule === 'string'
      ) {
        // The server's message is the rule's English name and cap text from the country's source
        // document; keep the rule key it names so both are shown in the current language.
        const capText = err.details.capText;
        setRefusal({ rule: err.details.rule, capText: typeof capText === 'string' ? capText : '' });
        const field = err.field === 'days' ? 'days' : err.field === 'amount' ? 'amount' : 'ruleId';
        setError(
          field,
          { type: 'server', message: t('protection.fund.overCap') },
          { shouldFocus: true },
        );
        return;
      }
      if (!applyFieldError(t, err, setError, FIELDS)) {
        setFailure(err);
      }
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="fund-title">
      <Title order={3} size="h4" id="fund-title" mb="xs">
        {t('protection.fund.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('protection.fund.payableHint')}
      </Text>
      <ErrorAlert error={rules.error ?? payments.error} />
      <Table.ScrollContainer minWidth={500}>
        <Table striped aria-label={t('protection.fund.rules')} data-testid="fund-rules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('protection.fund.entitlement')}</Table.Th>
              <Table.Th>{t('protection.fund.cap')}</Table.Th>
              <Table.Th>{t('protection.fund.approval')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entitlements.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{ruleText(t, 'fund', r.key, String(r.config.entitlement))}</Table.Td>
                <Table.Td>{ruleText(t, 'cap', r.key, String(r.config.cap_text_exact))}</Table.Td>
                <Table.Td>{sourceText(t, 'approval', String(r.config.approval))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {entitlements.length === 0 && rules.isSuccess ? (
        <Text c="dimmed">{t('protection.fund.noRules')}</Text>
      ) : null}

      <Title order={4} size="h5" mt="md" mb="xs">
        {t('protection.fund.payments')}
      </Title>
      <Table.ScrollContainer minWidth={500}>
        <Table aria-label={t('protection.fund.payments')} data-testid="fund-payments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('protection.fund.paidOn')}</Table.Th>
              <Table.Th>{t('protection.fund.entitlement')}</Table.Th>
              <Table.Th>{t('protection.fund.amount')}</Table.Th>
              <Table.Th>{t('protection.fund.days')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(payments.data ?? []).map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <DateText value={p.paidOn} />
                </Table.Td>
                <Table.Td>{ruleText(t, 'fund', p.ruleKey, p.entitlement)}</Table.Td>
                <Table.Td>
                  {p.amount.toLocaleString()} {p.currency}
                </Table.Td>
                <Table.Td>{p.days ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {canEdit && entitlements.length > 0 ? (
        <form onSubmit={handleSubmit(submit)} noValidate data-testid="fund-form">
          <Stack mt="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect
                label={t('protection.fund.entitlement')}
                required
                data={[
                  { value: '', label: t('protection.fund.choose') },
                  ...entitlements.map((r) => ({
                    value: r.id,
                    label: ruleText(t, 'fund', r.key, String(r.config.entitlement)),
                  })),
                ]}
                error={errors.ruleId?.message}
                {...register('ruleId')}
              />
              <Controller
                control={control}
                name="amount"
                render={({ field }) => (
                  <NumberInput
                    label={t('protection.fund.amount')}
                    required
                    min={0}
                    decimalScale={2}
                    thousandSeparator=","
                    value={field.value ?? ''}
                    onChange={(v) => field.onChange(typeof v === 'number' ? v : undefined)}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    error={errors.amount?.message}
                  />
                )}
              />
              <TextInput
                label={t('protection.fund.currency')}
                required
                error={errors.currency?.message}
                {...register('currency')}
              />
              {perDay ? (
                <Controller
                  control={control}
                  name="days"
                  render={({ field }) => (
                    <NumberInput
                      label={t('protection.fund.days')}
                      required
                      min={1}
                      allowDecimal={false}
                      value={field.value ?? ''}
                      onChange={(v) => field.onChange(typeof v === 'number' ? v : undefined)}
                      onBlur={field.onBlur}
                      ref={field.ref}
                      error={errors.days?.message}
                    />
                  )}
                />
              ) : null}
              <TextInput
                type="date"
                label={t('protection.fund.paidOn')}
                required
                error={errors.paidOn?.message}
                {...register('paidOn')}
              />
              <TextInput
                label={t('protection.fund.approvedBy')}
                error={errors.approvedByText?.message}
                {...register('approvedByText', { setValueAs: emptyToUndefined })}
              />
            </SimpleGrid>
            {selected ? (
              <Text size="sm" c="dimmed">
                {t('protection.fund.capOf', {
                  cap: ruleText(t, 'cap', selected.key, String(selected.config.cap_text_exact)),
                })}
              </Text>
            ) : null}
            {refusal ? (
              <Alert
                color="red"
                role="alert"
                title={t('protection.fund.refusedTitle')}
                data-testid="fund-refusal"
              >
                {t('protection.fund.refused', {
                  rule: t('countryRules.refusal', {
                    entitlement: ruleText(
                      t,
                      'fund',
                      refusal.rule,
                      String(refusedRule?.config.entitlement ?? refusal.rule),
                    ),
                    cap: ruleText(
                      t,
                      'cap',
                      refusal.rule,
                      refusal.capText || String(refusedRule?.config.cap_text_exact ?? ''),
                    ),
                  }),
                })}
              </Alert>
            ) : null}
            <ErrorAlert error={failure} />
            <Group justify="flex-end">
              <Button type="submit" loading={isSubmitting}>
                {t('protection.fund.record')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Card>
  );
}
