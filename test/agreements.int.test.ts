import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMIT_COUNTRIES, countryPairKey, DEFAULT_SHARING_POLICY } from '@ctip/domain';
import { findAgreementForPair, listMeetingRhythms } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THAI_STATUS_GROUPS } from '../packages/db/src/seed/reference/agreements.dataset';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

const DATA = join(import.meta.dirname, '..', 'packages/db/src/seed/reference/data');

/** Rows of a seed CSV copy (quoted fields with commas; no embedded newlines in these tables). */
function csvRows(file: string): Record<string, string>[] {
  const lines = readFileSync(join(DATA, file), 'utf8').trim().split(/\r?\n/);
  const split = (line: string) => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (ch === '"') {
        if (quoted && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (ch === ',' && !quoted) {
        out.push(cur);
        cur = '';
      } else {
        cur += ch;
      }
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0] as string);
  return lines.slice(1).map((l) => {
    const cells = split(l);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

async function count(t: TestApp, table: 'agreement' | 'agreement_party' | 'sharing_policy') {
  const r = await t.handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const IN_FORCE = ['Signed', 'SignedDraftingPOA', 'Revising'];

for (const engine of DB_TARGETS) {
  describe(`${engine}: agreements as policy`, () => {
    let t: TestApp;
    let thFocal: Client;
    let thAdmin: Client;
    let khCaseworker: Client;
    let secretariat: Client;
    const idOf = new Map<string, string>();

    beforeAll(async () => {
      t = await buildTestApp(engine);
      thFocal = await loginAs(t.app, 'th.focal');
      thAdmin = await loginAs(t.app, 'th.admin');
      khCaseworker = await loginAs(t.app, 'kh.caseworker');
      secretariat = await loginAs(t.app, 'secretariat');
      const rows = await t.handle.db.selectFrom('agreement').select(['id', 'code']).execute();
      for (const r of rows) {
        idOf.set(r.code, r.id);
      }
    });
    afterAll(async () => {
      await t.close();
    });

    it('seeds every instrument of the seed tables once, citing its sources', async () => {
      const db = t.handle.db;
      const all = await db.selectFrom('agreement').selectAll().execute();
      expect(all).toHaveLength(33);
      const citing = (file: string) => all.filter((a) => a.source?.includes(file));
      expect(citing('s002_table4_bilateral_mous_2002_2014.csv')).toHaveLength(
        csvRows('s002_table4_bilateral_mous_2002_2014.csv').length,
      );
      expect(citing('s004_vietnam_bilateral_partnerships_mous_sops.csv')).toHaveLength(
        csvRows('s004_vietnam_bilateral_partnerships_mous_sops.csv').length,
      );
      // 2005 agreement, 2009 SOP, POA 2017-2020; the 2012 amendment is a revision of 2005.
      expect(citing('s004_vietnam_cambodia_agreements.csv')).toHaveLength(3);
      // Eight counterparts, plus the POA phases given (TH–KH I, TH–VN I and II).
      expect(csvRows('s004_thailand_bilateral_cooperation_status_2019.csv')).toHaveLength(8);
      expect(citing('s004_thailand_bilateral_cooperation_status_2019.csv')).toHaveLength(11);
      expect(citing('s004_vietnam_asean_instruments.csv')).toHaveLength(4);
      expect(citing('s004_thailand_reception_centers_abroad.csv')).toHaveLength(2);
      for (const r of csvRows('s002_table4_bilateral_mous_2002_2014.csv')) {
        const a = all.find((x) => x.title === r.title);
        expect(a?.title, r.title).toBe(r.title);
        expect(a?.signed_on ?? '').toBe(r.date);
        expect(a?.subject.toLowerCase()).toBe(r.subject);
      }
      // Thailand's 2019 list: every counterpart's instrument carries the mapped status.
      const thCodes: Record<string, string> = {
        Cambodia: 'KH-TH-2003-MOU-TIP',
        Vietnam: 'TH-VN-2008-AGR-TIP',
        'Lao PDR': 'LA-TH-2005-MOU-TIP',
        UAE: 'AE-TH-2018-MOU-TIP',
        China: 'CN-TH-2018-MOU-TIP',
        Myanmar: 'MM-TH-2009-MOU-TIP',
        Brunei: 'BN-TH-MOU-TIP',
        'South Africa': 'TH-ZA-MOU-TIP',
      };
      for (const r of csvRows('s004_thailand_bilateral_cooperation_status_2019.csv')) {
        const a = all.find((x) => x.code === thCodes[r.counterpart as string]);
        expect(a?.status, r.counterpart).toBe(THAI_STATUS_GROUPS[r.status_group as string]);
        expect(a?.source).toContain('s004_thailand_bilateral_cooperation_status_2019.csv');
      }
      // Viet Nam's list: the year as printed is the signing year or the date note.
      for (const r of csvRows('s004_vietnam_bilateral_partnerships_mous_sops.csv')) {
        const a = all.find(
          (x) =>
            x.source?.includes('s004_vietnam_bilateral_partnerships_mous_sops.csv') &&
            (x.title === r.mou_or_sop || x.code.startsWith('LA-VN')) &&
            (x.signed_on ?? x.date_note ?? '').includes(r.year as string),
        );
        expect(a, r.mou_or_sop).toBeDefined();
      }
      const khTh = await db
        .selectFrom('agreement')
        .selectAll()
        .where('code', '=', 'KH-TH-2003-MOU-TIP')
        .executeTakeFirstOrThrow();
      expect(khTh).toMatchObject({ type: 'MoU', subject: 'Trafficking', signed_on: '2003-05-31' });
      const revs = await db
        .selectFrom('agreement_revision')
        .select(['revised_on', 'note'])
        .where('agreement_id', '=', khTh.id)
        .orderBy('revised_on')
        .execute();
      expect(revs).toEqual([
        { revised_on: '2013-05-17', note: 'Revised on 17 May 2013' },
        { revised_on: '2014-10-30', note: 'revised version signed October 30, 2014' },
      ]);
      const cnLa = all.find((a) => a.code === 'CN-LA-2014-MOU-TIP');
      expect(cnLa).toMatchObject({
        signed_on: null,
        date_note: 'Approved and Pending Signature in 2014',
        status: 'ApprovedPendingSignature',
      });
      expect(all.find((a) => a.code === 'TH-VN-2008-AGR-TIP')).toMatchObject({
        signed_on: null,
        date_note: 'March 2008',
      });
      expect(all.find((a) => a.code === 'MM-TH-2009-MOU-TIP')?.status).toBe('Revising');
      const asean = await db
        .selectFrom('agreement_party')
        .select('country_code')
        .where('agreement_id', '=', idOf.get('ASEAN-2015-CONV-TIP') as string)
        .execute();
      expect(asean.map((p) => p.country_code).sort()).toEqual(
        ['BN', 'ID', 'KH', 'LA', 'MM', 'MY', 'PH', 'SG', 'TH', 'VN'].sort(),
      );
      const points = await db.selectFrom('border_point').selectAll().orderBy('code').execute();
      expect(points).toHaveLength(csvRows('border_liaison_and_cross_border_offices.csv').length);
      expect(points.find((p) => p.code === 'BCATIP-MM-TH-01')).toMatchObject({
        mechanism: 'BCATIP',
        established: '2012',
      });
    });

    it('sets the meeting rhythms: TH–MM every 8 months with an 18-month review', async () => {
      const rhythms = await listMeetingRhythms(t.handle.db);
      const byCode = Object.fromEntries(rhythms.map((r) => [r.code, r]));
      expect(byCode['MM-TH-2009-MOU-TIP']?.rhythm).toEqual({
        cadenceMonths: 8,
        reviewEveryMonths: 18,
      });
      expect(byCode['MM-TH-2009-MOU-TIP']?.parties).toEqual(['MM', 'TH']);
      expect(byCode['LA-TH-2005-MOU-TIP']?.rhythm).toEqual({ cadenceMonths: 3 });
      expect(byCode['KH-TH-2003-MOU-TIP']?.rhythm).toEqual({ cadenceMonths: 3 });
      expect(rhythms).toHaveLength(3);
    });

    it('puts exactly one policy in force per COMMIT pair with a trafficking instrument in force', async () => {
      const db = t.handle.db;
      const rows = await db
        .selectFrom('agreement')
        .innerJoin('agreement_party', 'agreement_party.agreement_id', 'agreement.id')
        .select(['agreement.id', 'agreement.type', 'agreement.subject', 'agreement.status'])
        .select('agreement_party.country_code')
        .execute();
      const parties = new Map<string, string[]>();
      for (const r of rows) {
        parties.set(r.id, [...(parties.get(r.id) ?? []), r.country_code]);
      }
      const pairs = new Set<string>();
      for (const r of rows) {
        const p = parties.get(r.id) ?? [];
        if (
          p.length === 2 &&
          p.every((c) => (COMMIT_COUNTRIES as readonly string[]).includes(c)) &&
          r.subject === 'Trafficking' &&
          ['MoU', 'Agreement', 'SOP'].includes(r.type) &&
          IN_FORCE.includes(r.status)
        ) {
          pairs.add(countryPairKey(p[0] as string, p[1] as string));
        }
      }
      expect([...pairs].sort()).toEqual(
        ['CN-MM', 'CN-TH', 'CN-VN', 'KH-TH', 'KH-VN', 'LA-TH', 'LA-VN', 'MM-TH', 'TH-VN'].sort(),
      );
      const active = await db
        .selectFrom('sharing_policy')
        .select(['agreement_id', 'version', 'policy'])
        .where('status', '=', 'Active')
        .execute();
      expect(active).toHaveLength(pairs.size);
      const activePairs = active.map((a) => {
        const p = parties.get(a.agreement_id) ?? [];
        return countryPairKey(p[0] as string, p[1] as string);
      });
      expect(activePairs.sort()).toEqual([...pairs].sort());
      expect(active[0]?.policy).toEqual(DEFAULT_SHARING_POLICY);
      const thKh = await findAgreementForPair(db, 'TH', 'KH', { purpose: 'Repatriation' });
      expect(thKh.agreement.code).toBe('KH-TH-2003-MOU-TIP');
      expect(thKh.policyVersion).toBe(1);
      const khVn = await findAgreementForPair(db, 'VN', 'KH');
      expect(khVn.agreement.code).toBe('KH-VN-2005-AGR-TIP');
      await expect(findAgreementForPair(db, 'CN', 'LA')).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    });

    it('lists instruments in scope: th.focal sees TH ones, not LA–VN; the secretariat sees all', async () => {
      const res = await thFocal.request({ method: 'GET', url: '/api/agreements?pageSize=200' });
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page.items.length).toBe(page.total);
      expect(page.items.every((a: { parties: string[] }) => a.parties.includes('TH'))).toBe(true);
      expect(page.items.map((a: { code: string }) => a.code)).not.toContain('LA-VN-2010-MOU-TIP');
      expect(page.items.map((a: { code: string }) => a.code)).toContain('KH-TH-2003-MOU-TIP');
      const laVn = await thFocal.request({
        method: 'GET',
        url: `/api/agreements/${idOf.get('LA-VN-2010-MOU-TIP')}`,
      });
      expect(laVn.statusCode).toBe(403);
      const filtered = await thFocal.request({
        method: 'GET',
        url: '/api/agreements?country=KH&type=MoU&withPolicy=true',
      });
      expect(filtered.json().items.map((a: { code: string }) => a.code)).toEqual([
        'KH-TH-2003-MOU-TIP',
      ]);
      const all = await secretariat.request({ method: 'GET', url: '/api/agreements?pageSize=10' });
      expect(all.json().total).toBe(33);
      expect(all.json().items).toHaveLength(10);
      const detail = await thFocal.request({
        method: 'GET',
        url: `/api/agreements/${idOf.get('MM-TH-2009-MOU-TIP')}`,
      });
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({
        parties: ['MM', 'TH'],
        activePolicyVersion: 1,
        meetingRhythm: { cadenceMonths: 8, reviewEveryMonths: 18 },
      });
      expect(detail.json().policies).toHaveLength(1);
      expect(detail.json().revisions).toHaveLength(1);
      const points = await thFocal.request({ method: 'GET', url: '/api/border-points' });
      expect(points.statusCode).toBe(200);
      expect(points.json().length).toBeGreaterThan(0);
      expect(points.json().every((p: { countries: string[] }) => p.countries.includes('TH'))).toBe(
        true,
      );
    });

    it('refuses bad input naming the field, and writes nothing', async () => {
      const before = await Promise.all([count(t, 'agreement'), count(t, 'agreement_party')]);
      const base = {
        code: 'KH-TH-2026-SOP-REP',
        type: 'SOP',
        subject: 'Repatriation',
        title: 'SOP on repatriation',
        status: 'Signed',
        parties: ['KH', 'TH'],
      };
      const dup = await thFocal.request({
        method: 'POST',
        url: '/api/agreements',
        payload: { ...base, parties: ['TH', 'TH'] },
      });
      expect(dup.statusCode).toBe(400);
      expect(dup.json().error.field).toBe('parties');
      const badCode = await thFocal.request({
        method: 'POST',
        url: '/api/agreements',
        payload: { ...base, code: 'kh th' },
      });
      expect(badCode.statusCode).toBe(400);
      expect(badCode.json().error.field).toBe('code');
      const taken = await thFocal.request({
        method: 'POST',
        url: '/api/agreements',
        payload: { ...base, code: 'KH-TH-2003-MOU-TIP' },
      });
      expect(taken.statusCode).toBe(400);
      expect(taken.json().error.field).toBe('code');
      const badPolicy = await thAdmin.request({
        method: 'POST',
        url: `/api/agreements/${idOf.get('KH-TH-2003-MOU-TIP')}/policies`,
        payload: { policy: { ...DEFAULT_SHARING_POLICY, fields: [] } },
      });
      expect(badPolicy.statusCode).toBe(400);
      expect(badPolicy.json().error.field).toBe('policy.fields');
      expect(await Promise.all([count(t, 'agreement'), count(t, 'agreement_party')])).toEqual(
        before,
      );
    });

    it('lets th.focal register and edit a TH instrument; kh.caseworker may not create', async () => {
      const denied = await khCaseworker.request({
        method: 'POST',
        url: '/api/agreements',
        payload: {
          code: 'KH-VN-2026-SOP-X',
          type: 'SOP',
          subject: 'Repatriation',
          title: 'x',
          status: 'Signed',
          parties: ['KH', 'VN'],
        },
      });
      expect(denied.statusCode).toBe(403);
      const foreign = await thFocal.request({
        method: 'POST',
        url: '/api/agreements',
        payload: {
          code: 'LA-VN-2026-SOP-X',
          type: 'SOP',
          subject: 'Repatriation',
          title: 'x',
          status: 'Signed',
          parties: ['LA', 'VN'],
        },
      });
      expect(foreign.statusCode).toBe(403);
      const created = await thFocal.request({
        method: 'POST',
        url: '/api/agreements',
        payload: {
          code: `MM-TH-2026-SOP-${engine.toUpperCase()}`,
          type: 'SOP',
          subject: 'Repatriation',
          title: 'SOP on the handover of victims',
          status: 'Signed',
          parties: ['TH', 'MM'],
          signedOn: '2026-11-30',
          meetingRhythm: { cadenceMonths: 6 },
        },
      });
      expect(created.statusCode).toBe(201);
      const a = created.json();
      expect(a).toMatchObject({ parties: ['MM', 'TH'], version: 1, activePolicyVersion: null });
      const ok = await thFocal.request({
        method: 'PATCH',
        url: `/api/agreements/${a.id}`,
        payload: { version: 1, status: 'Revising', areas: 'handover at Mae Sot' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ version: 2, status: 'Revising' });
      const stale = await thFocal.request({
        method: 'PATCH',
        url: `/api/agreements/${a.id}`,
        payload: { version: 1, title: 'stale' },
      });
      expect(stale.statusCode).toBe(409);
      const rev = await thFocal.request({
        method: 'POST',
        url: `/api/agreements/${a.id}/revisions`,
        payload: { revisedOn: '2026-12-01', note: 'Annex 2 revised' },
      });
      expect(rev.statusCode).toBe(201);
      expect(rev.json().revisions).toEqual([
        expect.objectContaining({ revisedOn: '2026-12-01', note: 'Annex 2 revised' }),
      ]);
      const audits = await t.handle.db
        .selectFrom('audit_event')
        .select('action')
        .where('target_id', '=', a.id)
        .execute();
      expect(audits.map((x) => x.action).sort()).toEqual(
        ['agreement.create', 'agreement.revision_add', 'agreement.update'].sort(),
      );
    });

    it('drafts a new version; th.focal cannot put it in force, th.admin can (audited, superseding)', async () => {
      const id = idOf.get('KH-TH-2003-MOU-TIP') as string;
      const policy = {
        ...DEFAULT_SHARING_POLICY,
        fields: DEFAULT_SHARING_POLICY.fields.filter((f) => f !== 'person.idDocumentNumber'),
        retentionDays: 180,
      };
      const draft = await thFocal.request({
        method: 'POST',
        url: `/api/agreements/${id}/policies`,
        payload: { policy },
      });
      expect(draft.statusCode).toBe(201);
      expect(draft.json()).toMatchObject({ version: 2, status: 'Draft' });
      const refused = await thFocal.request({
        method: 'POST',
        url: `/api/agreements/${id}/policies/2/activate`,
      });
      expect(refused.statusCode).toBe(403);
      const denial = await t.handle.db
        .selectFrom('audit_event')
        .select(['outcome', 'details'])
        .where('action', '=', 'access.denied')
        .where('target_id', '=', id)
        .execute();
      expect(denial.some((d) => d.outcome === 'denied')).toBe(true);
      // Still version 1 in force.
      expect((await findAgreementForPair(t.handle.db, 'TH', 'KH')).policyVersion).toBe(1);
      const ok = await thAdmin.request({
        method: 'POST',
        url: `/api/agreements/${id}/policies/2/activate`,
      });
      expect(ok.statusCode).toBe(200);
      expect(
        ok.json().map((p: { version: number; status: string }) => [p.version, p.status]),
      ).toEqual([
        [2, 'Active'],
        [1, 'Superseded'],
      ]);
      const inForce = await findAgreementForPair(t.handle.db, 'TH', 'KH');
      expect(inForce.policyVersion).toBe(2);
      expect(inForce.policy.retentionDays).toBe(180);
      const audit = await t.handle.db
        .selectFrom('audit_event')
        .select('details')
        .where('action', '=', 'agreement.policy_activate')
        .where('target_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(audit.details).toMatchObject({ version: 2, superseded: [1] });
      const again = await thAdmin.request({
        method: 'POST',
        url: `/api/agreements/${id}/policies/2/activate`,
      });
      expect(again.statusCode).toBe(409);
      // Seeding again keeps the administrator's choices (policy in force, edited details).
      const current = await thAdmin.request({ method: 'GET', url: `/api/agreements/${id}` });
      const edited = await thAdmin.request({
        method: 'PATCH',
        url: `/api/agreements/${id}`,
        payload: { version: current.json().version, status: 'Revising', areas: 'edited' },
      });
      expect(edited.statusCode).toBe(200);
      await t.handle.db.updateTable('reference_version').set({ version: 'old' }).execute();
      const { seedReferenceData } = await import('@ctip/db');
      await seedReferenceData(t.handle.db);
      expect((await findAgreementForPair(t.handle.db, 'TH', 'KH')).policyVersion).toBe(2);
      expect(await count(t, 'sharing_policy')).toBe(10);
      const after = await thAdmin.request({ method: 'GET', url: `/api/agreements/${id}` });
      expect(after.json()).toMatchObject({ status: 'Revising', areas: 'edited' });
      expect(after.json().revisions).toHaveLength(2);
    });
  });
}
