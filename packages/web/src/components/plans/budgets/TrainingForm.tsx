import {
  checkTraining,
  TRAINEE_TYPES,
  TRAINING_FILTER_TARGETS,
  TRAINING_LEVELS,
  type TrainingInput,
  type TrainingView,
} from '@ctip/domain';
import {
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WritableCountrySelect } from '../shared/fields';
import { FormActions, useSubmit } from '../shared/form';

/** The sexes the grid asks for; Total is for a group the source does not split. */
const GRID_SEXES = ['Female', 'Male', 'Total'] as const;

export type TrainingFormProps = {
  initial: TrainingView | null;
  countries: { value: string; label: string }[];
  frameworks: string[];
  onSubmit: (input: TrainingInput) => Promise<void>;
  onClose: () => void;
};

type Grid = Record<string, number | ''>;

function gridOf(t: TrainingView | null): Grid {
  const g: Grid = {};
  for (const c of t?.counts ?? []) {
    g[`${c.traineeType}|${c.sex}`] = c.count;
  }
  return g;
}

const s = (v: string) => (v.trim() === '' ? null : v.trim());
const n = (v: number | '') => (v === '' ? null : v);

/**
 * Create or edit a training event: level, country, title, curriculum, trainers, dates, linked
 * targets and the participants by trainee type × sex. End before start and repeated cells are
 * refused before sending; the server also checks the targets against the framework.
 */
export function TrainingForm({
  initial,
  countries,
  frameworks,
  onSubmit,
  onClose,
}: TrainingFormProps): ReactElement {
  const { t } = useTranslation();
  const [country, setCountry] = useState(
    initial ? (initial.countryCode ?? '') : (countries[0]?.value ?? ''),
  );
  const [levels, setLevels] = useState<string[]>(initial ? initial.level.split('+') : ['national']);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [curriculum, setCurriculum] = useState(initial?.curriculum ?? '');
  const [trainers, setTrainers] = useState(initial?.trainers ?? '');
  const [organiser, setOrganiser] = useState(initial?.organiser ?? '');
  const [location, setLocation] = useState(initial?.location ?? '');
  const [startOn, setStartOn] = useState(initial?.startOn ?? '');
  const [endOn, setEndOn] = useState(initial?.endOn ?? '');
  const [periodText, setPeriodText] = useState(initial?.periodText ?? '');
  const [eventsCount, setEventsCount] = useState<number | ''>(initial?.eventsCount ?? '');
  const [frameworkId, setFrameworkId] = useState(initial?.frameworkId ?? 'SPA3');
  const [targets, setTargets] = useState<string[]>(initial?.targets ?? []);
  const [grid, setGrid] = useState<Grid>(() => gridOf(initial));
  const { busy, error, submit } = useSubmit(onSubmit);
  const counts = Object.entries(grid)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => {
      const [traineeType, sex] = k.split('|') as [string, string];
      const old = initial?.counts.find((c) => c.traineeType === traineeType && c.sex === sex);
      return {
        traineeType: traineeType as (typeof TRAINEE_TYPES)[number],
        sex: sex as (typeof GRID_SEXES)[number],
        count: v as number,
        traineeTypeText: old?.traineeTypeText ?? null,
        unitText: old?.unitText ?? null,
      };
    });
  const input: TrainingInput = {
    countryCode: s(country),
    level: levels.join('+'),
    title: title.trim(),
    curriculum: s(curriculum),
    trainers: s(trainers),
    organiser: s(organiser),
    location: s(location),
    startOn: s(startOn),
    endOn: s(endOn),
    periodText: s(periodText),
    yearStart: initial?.startOn || startOn ? null : (initial?.yearStart ?? null),
    yearEnd: initial?.endOn || endOn ? null : (initial?.yearEnd ?? null),
    eventsCount: n(eventsCount),
    eventsCountText: initial?.eventsCountText ?? null,
    frameworkId: s(frameworkId),
    targets,
    counts,
    source: initial?.source ?? null,
    quote: initial?.quote ?? null,
  };
  const issues = [
    ...checkTraining(input).map((i) => ({
      path: i.path,
      message: t(`plansBudgets.check.${i.path.split('.')[0]}`),
    })),
    ...(title.trim() === '' ? [{ path: 'title', message: t('plansBudgets.check.required') }] : []),
    ...(levels.length === 0 ? [{ path: 'level', message: t('plansBudgets.check.required') }] : []),
  ];
  const errorOf = (path: string) => issues.find((i) => i.path === path)?.message;
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={t(initial ? 'plansBudgets.training.editTitle' : 'plansBudgets.training.createTitle')}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <WritableCountrySelect
            label={t('plansBudgets.field.country')}
            countries={countries}
            value={country}
            onChange={setCountry}
          />
          <MultiSelect
            label={t('plansBudgets.field.level')}
            data={TRAINING_LEVELS.map((l) => ({ value: l, label: t(`plansBudgets.level.${l}`) }))}
            value={levels}
            error={errorOf('level')}
            onChange={setLevels}
          />
        </SimpleGrid>
        <TextInput
          label={t('plansBudgets.field.title')}
          required
          value={title}
          error={errorOf('title')}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <Textarea
          label={t('plansBudgets.field.curriculum')}
          rows={2}
          value={curriculum}
          onChange={(e) => setCurriculum(e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('plansBudgets.field.trainers')}
            value={trainers}
            onChange={(e) => setTrainers(e.currentTarget.value)}
          />
          <TextInput
            label={t('plansBudgets.field.organiser')}
            value={organiser}
            onChange={(e) => setOrganiser(e.currentTarget.value)}
          />
          <TextInput
            label={t('plansBudgets.field.location')}
            value={location}
            onChange={(e) => setLocation(e.currentTarget.value)}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <TextInput
            type="date"
            label={t('plansBudgets.field.startOn')}
            value={startOn}
            onChange={(e) => setStartOn(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('plansBudgets.field.endOn')}
            value={endOn}
            error={errorOf('endOn')}
            onChange={(e) => setEndOn(e.currentTarget.value)}
          />
          <TextInput
            label={t('plansBudgets.field.periodText')}
            value={periodText}
            onChange={(e) => setPeriodText(e.currentTarget.value)}
          />
          <NumberInput
            label={t('plansBudgets.field.eventsCount')}
            min={0}
            allowDecimal={false}
            value={eventsCount}
            onChange={(v) => setEventsCount(typeof v === 'number' ? v : '')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('plansBudgets.field.framework')}
            clearable
            data={frameworks}
            value={frameworkId || null}
            error={errorOf('frameworkId')}
            onChange={(v) => setFrameworkId(v ?? '')}
          />
          <TagsInput
            label={t('plansBudgets.field.targets')}
            description={t('plansBudgets.field.targetsHint')}
            data={[...TRAINING_FILTER_TARGETS]}
            value={targets}
            onChange={setTargets}
          />
        </SimpleGrid>
        <Table withTableBorder data-testid="training-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plansBudgets.field.traineeType')}</Table.Th>
              {GRID_SEXES.map((sex) => (
                <Table.Th key={sex}>{t(`plansBudgets.sex.${sex}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {TRAINEE_TYPES.map((type) => (
              <Table.Tr key={type}>
                <Table.Td>{t(`plansBudgets.traineeType.${type}`)}</Table.Td>
                {GRID_SEXES.map((sex) => (
                  <Table.Td key={sex}>
                    <NumberInput
                      size="xs"
                      min={0}
                      allowDecimal={false}
                      allowNegative={false}
                      aria-label={`${t(`plansBudgets.traineeType.${type}`)} ${t(`plansBudgets.sex.${sex}`)}`}
                      value={grid[`${type}|${sex}`] ?? ''}
                      onChange={(v) =>
                        setGrid((g) => ({
                          ...g,
                          [`${type}|${sex}`]: typeof v === 'number' ? v : '',
                        }))
                      }
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <FormActions
          error={error}
          busy={busy}
          disabled={issues.length > 0}
          cancelLabel={t('plansBudgets.cancel')}
          saveLabel={t('plansBudgets.save')}
          saveTestId="training-save"
          onCancel={onClose}
          onSave={() => void submit(input)}
        />
      </Stack>
    </Modal>
  );
}
