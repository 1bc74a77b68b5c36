import { createHash } from 'node:crypto';
import {
  type AgreementStatus,
  type AgreementSubject,
  type AgreementType,
  type BorderMechanism,
  countryPairKey,
  DEFAULT_SHARING_POLICY,
  type MeetingRhythm,
} from '@ctip/domain';
import { type Insertable, sql } from 'kysely';
import type {
  AgreementPartyTable,
  AgreementRevisionTable,
  AgreementTable,
  BorderPointTable,
  SharingPolicyTable,
} from '../../tables/crossborder.table';
// Converted once from shared/seed-data/border_liaison_and_cross_border_offices.csv (same columns,
// values as printed); the CSV itself sits beside it in `data/` with the agreement tables below,
// and the agreements test checks the rows against them. The shared folder does not ship.
import borderOffices from './data/border-liaison-and-cross-border-offices.json' with {
  type: 'json',
};
import { batchRows, contentVersion, type ReferenceDataset } from './dataset';

const S002 = 'S002 (002_1b1eb71d80ed60a9)';
const S004 = 'S004 (004_2ed2d2edad141e38)';
/** The seed tables, as `source` cites them (file names of shared/seed-data, copies in `data/`). */
export const AGREEMENT_SOURCES = {
  table4: `${S002}: s002_table4_bilateral_mous_2002_2014.csv`,
  vnBilateral: `${S004}: s004_vietnam_bilateral_partnerships_mous_sops.csv`,
  vnKh: `${S004}: s004_vietnam_cambodia_agreements.csv`,
  thStatus: `${S004}: s004_thailand_bilateral_cooperation_status_2019.csv`,
  asean: `${S004}: s004_vietnam_asean_instruments.csv`,
  reception: `${S004}: s004_thailand_reception_centers_abroad.csv`,
  laws: `${S004}: laws_policies_guidelines_mentioned.csv`,
  meetings: 'S001/S002: commit_and_bilateral_meetings_all_sources.csv',
  commitMou: 'S001 (001_b44bd23328274ad0): s001_commit_mou_2004_articles.csv',
  border: 'border_liaison_and_cross_border_offices.csv',
} as const;
type SourceKey = keyof typeof AGREEMENT_SOURCES;

/** Thailand's status vocabulary (S004 2019) mapped to AGREEMENT_STATUSES. */
export const THAI_STATUS_GROUPS: Record<string, AgreementStatus> = {
  'Signed MOUs/POAs': 'Signed',
  'Signed MOUs/Drafting POAs': 'SignedDraftingPOA',
  'Revising MOU': 'Revising',
  'Pending MOUs': 'Pending',
};

/** The ten ASEAN member states (ISO 3166-1 alpha-2), parties of the ASEAN instruments. */
export const ASEAN_MEMBERS = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN'] as const;
const COMMIT = ['KH', 'CN', 'LA', 'MM', 'TH', 'VN'];

/** One instrument as curated from the seed tables (deduplicated across them). */
export type SeedInstrument = {
  code: string;
  type: AgreementType;
  subject: AgreementSubject;
  title: string;
  status: AgreementStatus;
  parties: readonly string[];
  signedOn?: string;
  /** The date as printed when it is not a full date. */
  dateNote?: string;
  place?: string;
  areas?: string;
  meetingRhythm?: MeetingRhythm;
  reviewEveryMonths?: number;
  revisions?: { revisedOn: string | null; note: string }[];
  /** Seed tables the instrument appears in. */
  sources: readonly SourceKey[];
  /** The current main trafficking instrument of a COMMIT pair: sharing policy v1 in force. */
  policy?: true;
};

/**
 * Every instrument of the seed tables, once. Titles, dates, notes and areas are as printed; where a
 * table gives no title (Thailand's 2019 status list, the reception-centre MoUs, POA phases) a
 * descriptive title names the parties and what the table says. No date is made up: a date that is
 * not a full day stays in `dateNote`.
 */
export const SEED_INSTRUMENTS: readonly SeedInstrument[] = [
  // ---- S002 Table 4 (bilateral MoUs 2002–2014), merged with S004 where the same instrument ----
  {
    code: 'LA-TH-2002-MOU-LAB',
    type: 'MoU',
    subject: 'Labour',
    title: 'MOU between Lao PDR and Thailand on Labour Co-operation',
    status: 'Signed',
    parties: ['LA', 'TH'],
    signedOn: '2002-10-18',
    sources: ['table4'],
  },
  {
    code: 'LA-TH-2002-MOU-EMP',
    type: 'MoU',
    subject: 'Labour',
    title: 'MOU between Lao PDR and Thailand (Thailand and Lao PDR) on Employment Cooperation',
    status: 'Signed',
    parties: ['LA', 'TH'],
    signedOn: '2002-10-18',
    sources: ['table4'],
  },
  {
    code: 'KH-TH-2003-MOU-TIP',
    type: 'MoU',
    subject: 'Trafficking',
    title:
      'MOU between Cambodia and Thailand (Thailand and Cambodia) on Bilateral Cooperation in Eliminating Trafficking in Children and Women and Assisting Victims of Trafficking',
    status: 'Signed',
    parties: ['KH', 'TH'],
    signedOn: '2003-05-31',
    areas:
      '1) Expand the scope of protection 2) Emphasize on prevention in the country of origin 3) Promote occupational and educational opportunities',
    // POA Phase I: "quarterly case management meetings" (S004).
    meetingRhythm: { cadenceMonths: 3 },
    revisions: [
      { revisedOn: '2013-05-17', note: 'Revised on 17 May 2013' },
      { revisedOn: '2014-10-30', note: 'revised version signed October 30, 2014' },
    ],
    sources: ['table4', 'thStatus'],
    policy: true,
  },
  {
    code: 'KH-TH-2003-MOU-LAB',
    type: 'MoU',
    subject: 'Labour',
    title:
      'MOU between Cambodia and Thailand (Thailand and Cambodia) on Cooperation in the Employment of Workers',
    status: 'Signed',
    parties: ['KH', 'TH'],
    signedOn: '2003-05-31',
    sources: ['table4'],
  },
  {
    code: 'MM-TH-2003-MOU-LAB',
    type: 'MoU',
    subject: 'Labour',
    title:
      'MOU between Myanmar and Thailand (Thailand and Myanmar) on Cooperation in the Employment of Workers',
    status: 'Signed',
    parties: ['MM', 'TH'],
    signedOn: '2003-06-21',
    sources: ['table4'],
  },
  {
    code: 'LA-TH-2005-MOU-TIP',
    type: 'MoU',
    subject: 'Trafficking',
    title:
      'MOU between Lao PDR and Thailand (Thailand and Lao PDR) on Cooperation to Combat Trafficking in Persons, Especially Women and Children',
    status: 'SignedDraftingPOA',
    parties: ['LA', 'TH'],
    signedOn: '2005-07-13',
    areas:
      '1) Preventive Measures (public awareness; issuing and inspecting passports and border passes) 2) Repatriation 3) Reintegration',
    meetingRhythm: { cadenceMonths: 3 },
    revisions: [{ revisedOn: '2017-07-12', note: 'revised version signed July 12, 2017' }],
    sources: ['table4', 'thStatus'],
    policy: true,
  },
  {
    code: 'MM-TH-2009-MOU-TIP',
    type: 'MoU',
    subject: 'Trafficking',
    title:
      'MOU between Myanmar and Thailand on Cooperation to Combat Trafficking in Persons, Especially Women and Children',
    status: 'Revising',
    parties: ['MM', 'TH'],
    signedOn: '2009-04-24',
    areas:
      '1) prevention in the country of origin 2) repatriation and reintegration incl. monitoring measures after successful returning',
    // S004: case meetings every 8 months, the MoU reviewed every 18 months.
    meetingRhythm: { cadenceMonths: 8, reviewEveryMonths: 18 },
    reviewEveryMonths: 18,
    revisions: [
      {
        revisedOn: null,
        note: 'mutual agreement on all provisions of draft at 2nd Bilateral Reviewing Meeting (August 9, 2018)',
      },
    ],
    sources: ['table4', 'thStatus'],
    policy: true,
  },
  {
    code: 'CN-MM-2009-MOU-TIP',
    type: 'MoU',
    subject: 'Trafficking',
    title:
      'MOU between Myanmar and China on Strengthening the Cooperation on Combating Human Trafficking',
    status: 'Signed',
    parties: ['CN', 'MM'],
    signedOn: '2009-11-11',
    sources: ['table4'],
    policy: true,
  },
  {
    code: 'LA-VN-2010-MOU-TIP',
    type: 'MoU',
    subject: 'Trafficking',
    title:
      'MOU between Lao PDR and Vietnam on Cooperation in Preventing and Combating Trafficking in Persons and Protection of Victims of Trafficking',
    status: 'Signed',
    parties: ['LA', 'VN'],
    signedOn: '2010-11-03',
    sources: ['table4', 'vnBilateral'],
    policy: true,
  },
  {
    code: 'CN-LA-2014-MOU-TIP',
    type: 'MoU',
    subject: 'Trafficking',
    title:
      'MOU between Lao PDR and China on Cooperation in Preventing and Combating Trafficking in Persons',
    status: 'ApprovedPendingSignature',
    parties: ['CN', 'LA'],
    dateNote: 'Approved and Pending Signature in 2014',
    sources: ['table4'],
  },
  // ---- S004 Viet Nam's bilateral partnerships (with Thailand's 2019 status for TH–VN) ----
  {
    code: 'TH-VN-2008-AGR-TIP',
    type: 'Agreement',
    subject: 'Trafficking',
    title:
      'Agreement on Eliminating Trafficking in Persons, Especially Women and Children and Assisting Victims of Trafficking',
    status: 'Signed',
    parties: ['TH', 'VN'],
    dateNote: 'March 2008',
    sources: ['vnBilateral', 'thStatus'],
    policy: true,
  },
  {
    code: 'TH-VN-2009-POA-TIP',
    type: 'PlanOfAction',
    subject: 'Trafficking',
    title: 'Thailand–Viet Nam Plan of Action, Phase I (2009-2011)',
    status: 'Signed',
    parties: ['TH', 'VN'],
    dateNote: '2009-2011',
    sources: ['thStatus'],
  },
  {
    code: 'TH-VN-2012-POA-TIP',
    type: 'PlanOfAction',
    subject: 'Trafficking',
    title: 'Thailand–Viet Nam Plan of Action, Phase II (2012-2015)',
    status: 'Signed',
    parties: ['TH', 'VN'],
    dateNote: '2012-2015',
    sources: ['thStatus'],
  },
  {
    code: 'CN-VN-2010-AGR-TIP',
    type: 'Agreement',
    subject: 'Trafficking',
    title: 'Agreement on Strengthening Cooperation on Preventing and Combating Human Trafficking',
    status: 'Signed',
    parties: ['CN', 'VN'],
    dateNote: '2010',
    sources: ['vnBilateral'],
    policy: true,
  },
  {
    code: 'MY-VN-2015-AGR-TNC',
    type: 'Agreement',
    subject: 'TransnationalCrime',
    title: 'Agreement on the Cooperation in Preventing and Combating Transnational Crimes',
    status: 'Signed',
    parties: ['MY', 'VN'],
    dateNote: '2015',
    sources: ['vnBilateral'],
  },
  {
    code: 'GB-VN-2018-MOU-TIP',
    type: 'MoU',
    subject: 'Trafficking',
    title: 'Memorandum of Understanding on Anti-human Trafficking Cooperation',
    status: 'Signed',
    parties: ['GB', 'VN'],
    dateNote: '2018',
    sources: ['vnBilateral'],
  },
  // ---- S004 Viet Nam–Cambodia ----
  {
    code: 'KH-VN-2005-AGR-TIP',
    type: 'Agreement',
    subject: 'Trafficking',
    title: 'Agreement on Cooperation to Combat Trafficking in Women and Children 2005',
    status: 'Signed',
    parties: ['KH', 'VN'],
    dateNote: '2005',
    revisions: [
      {
        revisedOn: null,
        note: '2012: Agreement on the Amendment to the Agreement on Bilateral Cooperation for Eliminating Trafficking in Women and Children and Assisting Victims of Trafficking',
      },
    ],
    sources: ['vnKh'],
    policy: true,
  },
  {
    code: 'KH-VN-2009-SOP-REP',
    type: 'SOP',
    subject: 'Repatriation',
    title:
      'Cooperation Agreement on Standard Operating Procedures on Identification and Repatriation of Trafficked Victims 2009',
    status: 'Signed',
    parties: ['KH', 'VN'],
    dateNote: '2009',
    sources: ['vnKh'],
  },
  {
    code: 'KH-VN-2017-POA-TIP',
    type: 'PlanOfAction',
    subject: 'Trafficking',
    title: 'Plan of Action (POA) for the period of 2017 – 2020',
    status: 'Signed',
    parties: ['KH', 'VN'],
    dateNote: '2017-2020',
    sources: ['vnKh'],
  },
  {
    code: 'KH-VN-GDL-HANDOVER',
    type: 'Guidelines',
    subject: 'Repatriation',
    title: 'Guidelines on Receipt and Handover of Victims of TIP between Cambodia and Viet Nam',
    status: 'Signed',
    parties: ['KH', 'VN'],
    sources: ['laws'],
  },
  // ---- S004 Thailand's bilateral cooperation status 2019 (not already above) ----
  {
    code: 'KH-TH-2016-POA-TIP',
    type: 'PlanOfAction',
    subject: 'Trafficking',
    title: 'Thailand–Cambodia Plan of Action, Phase I (2016-2018)',
    status: 'Signed',
    parties: ['KH', 'TH'],
    dateNote: '2016-2018',
    areas:
      'covering 6 areas of cooperation including repatriation and reintegration (e.g. technical workshop, CMMs ...)',
    sources: ['thStatus'],
  },
  {
    code: 'AE-TH-2018-MOU-TIP',
    type: 'MoU',
    subject: 'Trafficking',
    title: 'MOU between Thailand and the United Arab Emirates on trafficking in persons',
    status: 'SignedDraftingPOA',
    parties: ['AE', 'TH'],
    signedOn: '2018-02-07',
    areas:
      '3 areas: 1) Protection of Victims 2) Law Enforcement 3) Repatriation and Reintegration of Victims',
    sources: ['thStatus'],
  },
  {
    code: 'CN-TH-2018-MOU-TIP',
    type: 'MoU',
    subject: 'Trafficking',
    title: 'MOU between Thailand and China on trafficking in persons',
    status: 'SignedDraftingPOA',
    parties: ['CN', 'TH'],
    signedOn: '2018-11-02',
    areas:
      '4 areas: 1) Protection 2) Investigation and Prosecution 3) Protection and Assistance for Trafficked Victims 4) Capacity Building',
    sources: ['thStatus'],
    policy: true,
  },
  {
    code: 'BN-TH-MOU-TIP',
    type: 'MoU',
    subject: 'Trafficking',
    title: 'MOU between Thailand and Brunei on trafficking in persons (pending)',
    status: 'Pending',
    parties: ['BN', 'TH'],
    sources: ['thStatus'],
  },
  {
    code: 'TH-ZA-MOU-TIP',
    type: 'MoU',
    subject: 'Trafficking',
    title: 'MOU between Thailand and South Africa on trafficking in persons (pending)',
    status: 'Pending',
    parties: ['TH', 'ZA'],
    sources: ['thStatus'],
  },
  // ---- S004 reception centres abroad (Thailand) ----
  {
    code: 'LA-TH-2015-MOU-RC',
    type: 'MoU',
    subject: 'Repatriation',
    title: 'MOU on the Reception Center for Victims of Trafficking Ban Phon-Hong (Lao PDR)',
    status: 'Signed',
    parties: ['LA', 'TH'],
    dateNote: 'October 2015',
    sources: ['reception'],
  },
  {
    code: 'KH-TH-2016-MOU-RC',
    type: 'MoU',
    subject: 'Repatriation',
    title: 'MOU on the Reception Center for Victims of Trafficking Banteay Meanchey (Cambodia)',
    status: 'Signed',
    parties: ['KH', 'TH'],
    dateNote: 'August 2016',
    sources: ['reception'],
  },
  // ---- S004 ASEAN instruments (Viet Nam's list): the ten ASEAN members as parties ----
  {
    code: 'ASEAN-2004-DEC-TIP',
    type: 'Declaration',
    subject: 'Trafficking',
    title: 'ASEAN Declaration against Trafficking in Persons, Particularly Women and Children',
    status: 'Signed',
    parties: ASEAN_MEMBERS,
    dateNote: '2004',
    sources: ['asean'],
  },
  {
    code: 'ASEAN-2004-TRT-MLA',
    type: 'Treaty',
    subject: 'MutualLegalAssistance',
    title: 'Treaty on Mutual Legal Assistance on Criminal Matters',
    status: 'Signed',
    parties: ASEAN_MEMBERS,
    dateNote: '2004',
    sources: ['asean'],
  },
  {
    code: 'ASEAN-2007-DEC-MW',
    type: 'Declaration',
    subject: 'MigrantWorkers',
    title: 'ASEAN Declaration on the Protection and Promotion of the Rights of Migrant Workers',
    status: 'Signed',
    parties: ASEAN_MEMBERS,
    dateNote: '2007',
    sources: ['asean'],
  },
  {
    code: 'ASEAN-2015-CONV-TIP',
    type: 'Convention',
    subject: 'Trafficking',
    title: 'ASEAN Convention against Trafficking in Persons, Especially Women and Children',
    status: 'Signed',
    parties: ASEAN_MEMBERS,
    dateNote: '2015',
    sources: ['asean'],
  },
  // ---- COMMIT (multilateral, the six governments) ----
  {
    code: 'COMMIT-2004-MOU-TIP',
    type: 'MoU',
    subject: 'Trafficking',
    title:
      'COMMIT Memorandum of Understanding on cooperation against trafficking in persons (2004)',
    status: 'Signed',
    parties: COMMIT,
    signedOn: '2004-10-29',
    dateNote: 'October 2004 (MoU signed 29 October 2004)',
    place: 'Yangon',
    sources: ['meetings', 'commitMou'],
  },
  {
    code: 'COMMIT-2016-GDL-VIRM',
    type: 'Guidelines',
    subject: 'Trafficking',
    title:
      'Victim Identification and Referral Mechanisms: Common Guidelines for the Greater Mekong Sub-region [COMMIT Guidelines]',
    status: 'Signed',
    parties: COMMIT,
    dateNote: '2016',
    sources: ['laws'],
  },
];

/** A stable uuid per key, so both nodes (and every run) give a seeded record the same id. */
export function seedId(kind: string, key: string): string {
  const h = createHash('sha256').update(`${kind}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const COUNTRY_BY_NAME: Record<string, string> = {
  China: 'CN',
  'Viet Nam': 'VN',
  Myanmar: 'MM',
  'Lao PDR': 'LA',
  Thailand: 'TH',
  Cambodia: 'KH',
};

/** The mechanism of a border office row as printed ("Transit centers (police)…" → TransitCentre). */
export function borderMechanismOf(printed: string): BorderMechanism {
  const m = printed.toLowerCase();
  const byPrefix: [string, BorderMechanism][] = [
    ['blo', 'BLO'],
    ['bcatip', 'BCATIP'],
    ['transit', 'TransitCentre'],
    ['reception', 'ReceptionCentre'],
    ['district', 'DistrictCooperation'],
    ['border', 'BorderCooperation'],
  ];
  const hit = byPrefix.find(([prefix]) => m.startsWith(prefix));
  if (!hit) {
    throw new Error(`unknown border mechanism ${printed}`);
  }
  return hit[1];
}

/** Countries of a printed pair ("China-Viet Nam/Myanmar/Lao PDR" → CN, LA, MM, VN). */
export function countriesOfPair(printed: string): string[] {
  const codes = printed.split(/[-/]/).map((n) => {
    const code = COUNTRY_BY_NAME[n.trim()];
    if (!code) {
      throw new Error(`unknown country ${n}`);
    }
    return code;
  });
  return [...new Set(codes)].sort();
}

/** The `border_point` rows, in source order, with codes `<MECHANISM>-<countries>-<nn>`. */
export function buildBorderPointRows(): Insertable<BorderPointTable>[] {
  const seen = new Map<string, number>();
  return borderOffices.map((r) => {
    const mechanism = borderMechanismOf(r.mechanism);
    const countries = countriesOfPair(r.country_pair);
    const stem = `${mechanism.toUpperCase()}-${countries.join('-')}`;
    const n = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, n);
    const code = `${stem}-${String(n).padStart(2, '0')}`;
    const note = [r.mechanism !== mechanism ? r.mechanism : '', r.note].filter(Boolean).join('; ');
    return {
      id: seedId('border_point', code),
      code,
      mechanism,
      countries,
      location: r.location,
      established: r.established || null,
      note: note || null,
      source: `${AGREEMENT_SOURCES.border} (${r.source_seed})`.slice(0, 300),
    };
  });
}

/** Rows of the agreement tables built from SEED_INSTRUMENTS. */
export function buildAgreementRows(): {
  agreements: Insertable<AgreementTable>[];
  parties: Insertable<AgreementPartyTable>[];
  revisions: Insertable<AgreementRevisionTable>[];
  policies: Insertable<SharingPolicyTable>[];
} {
  const agreements: Insertable<AgreementTable>[] = [];
  const parties: Insertable<AgreementPartyTable>[] = [];
  const revisions: Insertable<AgreementRevisionTable>[] = [];
  const policies: Insertable<SharingPolicyTable>[] = [];
  const pairsWithPolicy = new Set<string>();
  for (const a of SEED_INSTRUMENTS) {
    const id = seedId('agreement', a.code);
    agreements.push({
      id,
      code: a.code,
      type: a.type,
      subject: a.subject,
      title: a.title,
      status: a.status,
      signed_on: a.signedOn ?? null,
      date_note: a.dateNote ?? null,
      place: a.place ?? null,
      period_from: null,
      period_to: null,
      areas: a.areas ?? null,
      meeting_cadence_months: a.meetingRhythm?.cadenceMonths ?? null,
      meeting_review_months: a.meetingRhythm?.reviewEveryMonths ?? null,
      review_every_months: a.reviewEveryMonths ?? null,
      next_review_on: null,
      source: a.sources.map((s) => AGREEMENT_SOURCES[s]).join('; '),
      is_seeded: true,
    });
    for (const c of [...a.parties].sort()) {
      parties.push({ agreement_id: id, country_code: c });
    }
    (a.revisions ?? []).forEach((r, i) => {
      revisions.push({
        id: seedId('agreement_revision', `${a.code}:${i + 1}`),
        agreement_id: id,
        revised_on: r.revisedOn,
        note: r.note,
      });
    });
    if (a.policy) {
      const [x, y] = a.parties;
      if (
        a.parties.length !== 2 ||
        !x ||
        !y ||
        !COMMIT.includes(x) ||
        !COMMIT.includes(y) ||
        a.subject !== 'Trafficking' ||
        pairsWithPolicy.has(countryPairKey(x, y))
      ) {
        throw new Error(
          `${a.code}: a seeded policy needs one COMMIT pair's trafficking instrument`,
        );
      }
      pairsWithPolicy.add(countryPairKey(x, y));
      policies.push({
        agreement_id: id,
        version: 1,
        status: 'Active',
        policy: JSON.stringify(DEFAULT_SHARING_POLICY),
        created_by: null,
      });
    }
  }
  return { agreements, parties, revisions, policies };
}

/**
 * The `agreements` dataset: the bilateral and multilateral instruments of the seeds with their
 * parties and revisions, sharing policy v1 (in force) for each COMMIT pair's main trafficking
 * instrument, and the border points. Inserts missing rows only (keyed by code, revision id,
 * agreement and policy version): what an administrator changed later is never overwritten.
 * @returns The dataset with its rows, content version and loader.
 */
export function agreementsDataset(): ReferenceDataset {
  const rows = buildAgreementRows();
  const borderPoints = buildBorderPointRows();
  return {
    name: 'agreements',
    version: contentVersion({ ...rows, borderPoints }),
    rowCount:
      rows.agreements.length +
      rows.parties.length +
      rows.revisions.length +
      rows.policies.length +
      borderPoints.length,
    load: async (trx) => {
      for (const batch of batchRows(rows.agreements)) {
        await trx
          .insertInto('agreement')
          .values(batch)
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      // An agreement registered earlier under the same code keeps its id: hang the rows on it.
      const existing = await trx.selectFrom('agreement').select(['id', 'code']).execute();
      const idByCode = new Map(existing.map((r) => [r.code, r.id]));
      const idOf = new Map(rows.agreements.map((a) => [a.id, idByCode.get(a.code) ?? a.id]));
      const remap = <T extends { agreement_id: string }>(list: T[]) =>
        list.map((r) => ({ ...r, agreement_id: idOf.get(r.agreement_id) ?? r.agreement_id }));
      for (const batch of batchRows(remap(rows.parties))) {
        await trx
          .insertInto('agreement_party')
          .values(batch)
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      for (const batch of batchRows(remap(rows.revisions))) {
        await trx
          .insertInto('agreement_revision')
          .values(batch)
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      for (const p of remap(rows.policies)) {
        // Only where the agreement has no policy version yet (an administrator's versions win).
        const has = await trx
          .selectFrom('sharing_policy')
          .select('version')
          .where('agreement_id', '=', p.agreement_id)
          .executeTakeFirst();
        if (!has) {
          await trx
            .insertInto('sharing_policy')
            .values({ ...p, activated_at: sql<Date>`now()` })
            .execute();
        }
      }
      for (const batch of batchRows(borderPoints)) {
        await trx
          .insertInto('border_point')
          .values(batch)
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    },
  };
}
