import {
  PROGRESS_ENTRY_STATUSES,
  PROGRESS_SEXES,
  PROGRESS_TRAINEE_TYPES,
  type ProgressCommentView,
  type ProgressEntryStatus,
  type ProgressEntryView,
  type ProgressQuantity,
} from '@ctip/domain';
import {
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import {
  type ReactElement,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { errorText } from '../../../i18n/errors';
import { notify } from '../../../i18n/notify';
import { DateText } from '../../DateText/DateText';
import { ENTRY_STATUS_COLORS, evidenceUrl, fileToBase64, progressApi, progressKeys } from './api';

/** Delay after the last change before an entry is saved. */
export const AUTOSAVE_MS = 1500;

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'conflict' | 'failed';

type Draft = {
  status: ProgressEntryStatus;
  narrativeLocal: string;
  narrativeEn: string;
  budgetSpent: number | null;
  spentCurrency: string;
  spentUsdRate: number | null;
  quantities: Record<string, number>;
};

const cellKey = (type: string, sex: string) => `${type}|${sex}`;

function draftOf(e: ProgressEntryView, currency: string, rate: number | null): Draft {
  const quantities: Record<string, number> = {};
  for (const q of e.quantities) {
    quantities[cellKey(q.traineeType, q.sex)] = q.count;
  }
  return {
    status: e.status,
    narrativeLocal: e.narrativeLocal ?? '',
    narrativeEn: e.narrativeEn ?? '',
    budgetSpent: e.budgetSpent,
    spentCurrency: e.spentCurrency ?? currency,
    spentUsdRate: e.spentUsdRate ?? rate,
    quantities,
  };
}

function quantitiesOf(d: Draft): ProgressQuantity[] {
  const out: ProgressQuantity[] = [];
  for (const type of PROGRESS_TRAINEE_TYPES) {
    for (const sex of PROGRESS_SEXES) {
      const count = d.quantities[cellKey(type, sex)] ?? 0;
      if (count > 0) {
        out.push({ traineeType: type, sex, count });
      }
    }
  }
  return out;
}

export type EntryEditorHandle = { flush: () => Promise<void> };

/**
 * One workplan activity of a progress report: status, the narrative in the national language and
 * in English side by side, people trained (trainee type × sex), budget spent with its currency and
 * rate, evidence files and the comments on this entry. Saved automatically a moment after the
 * last change (at the version last read), or at once through `flush` (Ctrl+S).
 */
export function EntryEditor({
  reportId,
  entry,
  editable,
  currency,
  usdRate,
  narrativeLanguage,
  comments,
  canComment,
  onStateChange,
  handle,
}: {
  reportId: string;
  entry: ProgressEntryView;
  editable: boolean;
  currency: string;
  usdRate: number | null;
  narrativeLanguage: string | null;
  comments: ProgressCommentView[];
  canComment: boolean;
  onStateChange: (entryId: string, state: SaveState) => void;
  handle?: Ref<EntryEditorHandle>;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(entry, currency, usdRate));
  const [state, setStateRaw] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const version = useRef(entry.version);
  const pending = useRef<Draft | null>(null);
  const saving = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const evidence = useRef(entry.evidence);
  const [files, setFiles] = useState(entry.evidence);

  const setState = useCallback(
    (s: SaveState) => {
      setStateRaw(s);
      onStateChange(entry.id, s);
    },
    [entry.id, onStateChange],
  );

  const save = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const next = pending.current;
    if (!next || saving.current) {
      return;
    }
    pending.current = null;
    saving.current = true;
    setState('saving');
    try {
      const saved = await progressApi.saveEntry(reportId, entry.id, {
        version: version.current,
        status: next.status,
        narrativeLocal: next.narrativeLocal.trim() || null,
        narrativeLang: next.narrativeLocal.trim() ? narrativeLanguage : null,
        narrativeEn: next.narrativeEn.trim() || null,
        budgetSpent: next.budgetSpent,
        ...(next.budgetSpent !== null
          ? { spentCurrency: next.spentCurrency, spentUsdRate: next.spentUsdRate }
          : {}),
        quantities: quantitiesOf(next),
      });
      version.current = saved.version;
      setError(null);
      setState(pending.current === null ? 'saved' : 'dirty');
    } catch (err) {
      pending.current = pending.current ?? next;
      if (isApiError(err) && err.code === 'CONFLICT') {
        setState('conflict');
        setError(err.field === 'status' ? t('plansProgress.locked') : t('plansProgress.conflict'));
      } else {
        setState('failed');
        setError(
          isApiError(err) && err.field
            ? t('plansProgress.fieldError', {
                field: t(`plansProgress.field.${err.field.split('.')[0]}`, {
                  defaultValue: err.field,
                }),
              })
            : errorText(t, err),
        );
      }
    } finally {
      saving.current = false;
    }
    if (pending.current && timer.current === null) {
      timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    }
  }, [entry.id, narrativeLanguage, reportId, setState, t]);

  useImperativeHandle(handle, () => ({ flush: save }), [save]);
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
      }
    },
    [],
  );

  const change = (patch: Partial<Draft>) => {
    setDraft((d) => {
      const next = { ...d, ...patch };
      pending.current = next;
      return next;
    });
    setState('dirty');
    if (timer.current) {
      clearTimeout(timer.current);
    }
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  };

  const upload = async (file: File | null) => {
    if (!file) {
      return;
    }
    try {
      const added = await progressApi.addEvidence(reportId, entry.id, {
        fileName: file.name,
        mediaType: file.type || 'application/octet-stream',
        contentBase64: await fileToBase64(file),
      });
      evidence.current = [...evidence.current, added];
      setFiles(evidence.current);
      notify('success', t('plansProgress.evidence.added'));
    } catch (err) {
      notify('error', errorText(t, err));
    }
  };
  const removeFile = async (id: string) => {
    try {
      await progressApi.deleteEvidence(reportId, entry.id, id);
      evidence.current = evidence.current.filter((f) => f.id !== id);
      setFiles(evidence.current);
    } catch (err) {
      notify('error', errorText(t, err));
    }
  };
  const addComment = async () => {
    if (!comment.trim()) {
      return;
    }
    try {
      await progressApi.comment(reportId, { body: comment.trim(), entryId: entry.id });
      setComment('');
      await queryClient.invalidateQueries({ queryKey: progressKeys.report(reportId) });
    } catch (err) {
      notify('error', errorText(t, err));
    }
  };

  const readOnly = !editable;
  const title = entry.activityTitle;
  const foreign = draft.spentCurrency !== 'USD';
  return (
    <Card withBorder padding="md" data-testid={`entry-${entry.id}`} data-state={state}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text size="xs" c="dimmed">
              {entry.areaCode ? `${entry.areaCode} · ` : ''}
              {entry.nodeCode}
              {entry.nodeTitle ? ` — ${entry.nodeTitle}` : ''}
            </Text>
            <Title order={4}>{title}</Title>
            {entry.activityTitleLocal ? <Text size="sm">{entry.activityTitleLocal}</Text> : null}
          </div>
          <Group gap="xs">
            <Badge color={ENTRY_STATUS_COLORS[draft.status]}>
              {t(`plansProgress.entryStatus.${draft.status}`)}
            </Badge>
            {state !== 'idle' ? (
              <Text
                size="xs"
                c={
                  state === 'saved'
                    ? 'green'
                    : state === 'dirty' || state === 'saving'
                      ? 'orange'
                      : 'red'
                }
                data-testid="save-state"
              >
                {t(`plansProgress.saveState.${state}`)}
              </Text>
            ) : null}
          </Group>
        </Group>
        {error ? (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
        <Select
          label={t('plansProgress.entry.status')}
          data={PROGRESS_ENTRY_STATUSES.map((s) => ({
            value: s,
            label: t(`plansProgress.entryStatus.${s}`),
          }))}
          value={draft.status}
          onChange={(v) => v && change({ status: v as ProgressEntryStatus })}
          allowDeselect={false}
          disabled={readOnly}
          w={240}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Textarea
            label={t('plansProgress.entry.narrativeLocal', {
              language: narrativeLanguage
                ? t(`plansProgress.language.${narrativeLanguage}`)
                : t('plansProgress.language.national'),
            })}
            lang={narrativeLanguage ?? undefined}
            rows={3}
            value={draft.narrativeLocal}
            onChange={(e) => change({ narrativeLocal: e.currentTarget.value })}
            readOnly={readOnly}
          />
          <Textarea
            label={t('plansProgress.entry.narrativeEn')}
            lang="en"
            rows={3}
            value={draft.narrativeEn}
            onChange={(e) => change({ narrativeEn: e.currentTarget.value })}
            readOnly={readOnly}
          />
        </SimpleGrid>
        <div>
          <Text size="sm" fw={500}>
            {t('plansProgress.entry.trained')}
          </Text>
          <Table withTableBorder withColumnBorders fz="sm" maw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plansProgress.entry.traineeType')}</Table.Th>
                {PROGRESS_SEXES.map((sex) => (
                  <Table.Th key={sex}>{t(`plansProgress.sex.${sex}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {PROGRESS_TRAINEE_TYPES.map((type) => (
                <Table.Tr key={type}>
                  <Table.Td>{t(`plansProgress.traineeType.${type}`)}</Table.Td>
                  {PROGRESS_SEXES.map((sex) => (
                    <Table.Td key={sex}>
                      <NumberInput
                        aria-label={`${t(`plansProgress.traineeType.${type}`)} · ${t(`plansProgress.sex.${sex}`)}`}
                        size="xs"
                        min={0}
                        allowDecimal={false}
                        allowNegative={false}
                        hideControls
                        value={draft.quantities[cellKey(type, sex)] ?? ''}
                        onChange={(v) =>
                          change({
                            quantities: {
                              ...draft.quantities,
                              [cellKey(type, sex)]: typeof v === 'number' ? v : 0,
                            },
                          })
                        }
                        readOnly={readOnly}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        <Group align="flex-end">
          <NumberInput
            label={t('plansProgress.entry.budgetSpent')}
            min={0}
            decimalScale={2}
            thousandSeparator=","
            value={draft.budgetSpent ?? ''}
            onChange={(v) => change({ budgetSpent: typeof v === 'number' ? v : null })}
            readOnly={readOnly}
            w={200}
          />
          <Select
            label={t('plansProgress.entry.currency')}
            data={[...new Set([currency, 'USD'])]}
            value={draft.spentCurrency}
            onChange={(v) => v && change({ spentCurrency: v })}
            allowDeselect={false}
            disabled={readOnly}
            w={110}
          />
          {foreign ? (
            <NumberInput
              label={t('plansProgress.entry.usdRate', { currency: draft.spentCurrency })}
              min={0}
              decimalScale={6}
              value={draft.spentUsdRate ?? ''}
              onChange={(v) => change({ spentUsdRate: typeof v === 'number' ? v : null })}
              readOnly={readOnly}
              w={200}
            />
          ) : null}
          {draft.budgetSpent !== null && (!foreign || draft.spentUsdRate) ? (
            <Text size="sm" c="dimmed" pb={6}>
              ≈ USD{' '}
              {(foreign
                ? draft.budgetSpent / (draft.spentUsdRate as number)
                : draft.budgetSpent
              ).toLocaleString(undefined, { maximumFractionDigits: 2 })}
            </Text>
          ) : null}
        </Group>
        <div>
          <Text size="sm" fw={500}>
            {t('plansProgress.evidence.title')}
          </Text>
          {files.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('plansProgress.evidence.none')}
            </Text>
          ) : (
            <Stack gap={2}>
              {files.map((f) => (
                <Group key={f.id} gap="xs">
                  <Anchor href={evidenceUrl(reportId, entry.id, f.id)} size="sm">
                    {f.fileName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {Math.ceil(f.sizeBytes / 1024)} KB · <DateText value={f.uploadedAt} />
                  </Text>
                  {editable ? (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => void removeFile(f.id)}
                    >
                      {t('common.delete')}
                    </Button>
                  ) : null}
                </Group>
              ))}
            </Stack>
          )}
          {editable ? (
            <FileButton onChange={(f) => void upload(f)}>
              {(props) => (
                <Button {...props} size="xs" variant="light" mt="xs">
                  {t('plansProgress.evidence.upload')}
                </Button>
              )}
            </FileButton>
          ) : null}
        </div>
        {comments.length > 0 || canComment ? (
          <div>
            <Text size="sm" fw={500}>
              {t('plansProgress.comments.onEntry')}
            </Text>
            {comments.map((c) => (
              <Text size="sm" key={c.id}>
                <b>{c.authorName ?? t('plansProgress.comments.someone')}</b> (
                <DateText value={c.createdAt} withTime />
                ): {c.body}
              </Text>
            ))}
            {canComment ? (
              <Group align="flex-end" mt={4}>
                <Textarea
                  aria-label={t('plansProgress.comments.addOnEntry')}
                  placeholder={t('plansProgress.comments.addOnEntry')}
                  value={comment}
                  onChange={(e) => setComment(e.currentTarget.value)}
                  rows={1}
                  style={{ flex: 1 }}
                />
                <Button size="xs" variant="light" onClick={() => void addComment()}>
                  {t('plansProgress.comments.send')}
                </Button>
              </Group>
            ) : null}
          </div>
        ) : null}
      </Stack>
    </Card>
  );
}
