/**
 * HTCDS case import and export through the real API: jobs that validate every row first and commit
 * all or nothing, sealed names findable by keyed hash, pseudonymous and consent-filtered exports,
 * XLSX round trip, formula-injection safety and the export permission.
 */
import { randomUUID } from 'node:crypto';
import { nameFold } from '@ctip/domain';
import { loadTestConfig } from '@ctip/server';
import { keyedHash } from '@ctip/services';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = [
  'cas_Code',
  'cas_Status',
  'prs_FirstName',
  'prs_SecondName',
  'prs_Birthdate',
  'prs_Gender',
  'prs_Nationality',
  'vic_IdentificationStatus',
  'vic_FormOfExploitation',
  'vic_MethodsOfControl',
  'hte_ExploitationCountry',
];

/** A CSV of `n` good rows with names unique to this test (`tag`). */
function goodCsv(tag: string, n: number, tweak: (i: number, cells: string[]) => void = () => {}) {
  const lines = [HEADERS.join(',')];
  for (let i = 0; i < n; i += 1) {
    const cells = [
      '',
      i % 5 === 0 ? 'FollowUp' : 'Active',
      `Given${tag}${i}`,
      `Family${tag}`,
      `199${i % 10}-0${(i % 9) + 1}-1${i % 10}`,
      i % 2 === 0 ? 'Female' : 'Male',
      ['KH', 'LA', 'MM', 'VN'][i % 4] as string,
      'Identified',
      i % 3 === 0 ? 'ForcedLabour;Begging' : 'SexualExploitation',
      'DebtBondage;WithholdsDocuments',
      'TH',
    ];
    tweak(i, cells);
    lines.push(cells.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

type Job = {
  id: string;
  status: string;
  total: number;
  inserted: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
  failure: string | null;
};

async function waitForJob(client: Client, id: string): Promise<Job> {
  for (let i = 0; i < 600; i += 1) {
    const res = await client.request({ method: 'GET', url: `/api/cases/import/${id}` });
    expect(res.statusCode).toBe(200);
    const job = res.json() as Job;
    if (job.status === 'done' || job.status === 'failed') {
      return job;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not finish');
}

async function importFile(
  client: Client,
  payload: string | Buffer,
  contentType = 'text/csv',
): Promise<Job> {
  const res = await client.request({
    method: 'POST',
    url: '/api/cases/import',
    headers: { 'content-type': contentType },
    payload,
  });
  expect(res.statusCode, res.body).toBe(202);
  return waitForJob(client, (res.json() as Job).id);
}

for (const engine of DB_TARGETS) {
  describe(`${engine}: case import and export`, () => {
    let t: TestApp;
    let worker: Client;
    let police: Client;
    const config = loadTestConfig().services;
    const casesOf = async (agencyId: string) =>
      Number(
        (
          await t.handle.db
            .selectFrom('case_record')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('agency_id', '=', agencyId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      t = await buildTestApp(engine);
      worker = await loginAs(t.app, 'th.caseworker');
      police = await loginAs(t.app, 'th.police');
    });
    afterAll(async () => {
      await t.close();
    });

    it('imports 50 rows as sealed, findable cases and audits the count', async () => {
      const tag = randomUUID().slice(0, 8);
      const before = await casesOf(worker.agencyId);
      const job = await importFile(worker, goodCsv(tag, 50));
      expect(job).toMatchObject({ status: 'done', total: 50, inserted: 50, errorCount: 0 });
      expect(await casesOf(worker.agencyId)).toBe(before + 50);
      // No plaintext name in the person table.
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from person
        where given_name_enc like ${`%${tag}%`} or family_name_enc like ${`%${tag}%`}`.execute(
        t.handle.db,
      );
      expect(rows[0]?.n).toBe(0);
      // Findable through the keyed hash of the folded name.
      const hash = keyedHash(config, 'name', nameFold(`Given${tag}7 Family${tag}`));
      const found = await t.handle.db
        .selectFrom('person_key')
        .innerJoin('case_record', 'case_record.person_id', 'person_key.person_id')
        .select(['case_record.code', 'case_record.status', 'case_record.forms_of_exploitation'])
        .where('person_key.kind', '=', 'name')
        .where('person_key.hash', '=', hash)
        .execute();
      expect(found).toHaveLength(1);
      expect(found[0]?.code).toMatch(/^TH-\d{4}-\d{6}$/);
      // Codes are unique and drawn from the sequence.
      const codes = await t.handle.db
        .selectFrom('case_record')
        .select('code')
        .where('agency_id', '=', worker.agencyId)
        .execute();
      expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
      const audit = await t.handle.db
        .selectFrom('audit_event')
        .select(['details'])
        .where('action', '=', 'case.import')
        .where('target_id', '=', job.id)
        .executeTakeFirstOrThrow();
      expect(audit.details).toMatchObject({ rows: 50, format: 'csv' });
      expect(JSON.stringify(audit.details)).not.toContain(tag);
    });

    it('reports the one bad row among 2,000 by row and column and commits nothing', async () => {
      const tag = randomUUID().slice(0, 8);
      const before = await casesOf(worker.agencyId);
      const persons = await t.handle.db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const csv = goodCsv(tag, 2000, (i, cells) => {
        if (i === 1234) {
          cells[5] = 'Robot';
        }
      });
      const job = await importFile(worker, csv);
      expect(job.status).toBe('failed');
      expect(job.errorCount).toBe(1);
      // Data row 1234 is file row 1236 (header is row 1).
      expect(job.errors).toEqual([
        { row: 1236, column: 'prs_Gender', message: 'is not a value of the picklist' },
      ]);
      expect(JSON.stringify(job)).not.toContain('Robot');
      expect(await casesOf(worker.agencyId)).toBe(before);
      const after = await t.handle.db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(persons.n));
    });

    it('rolls everything back when the database fails midway', async () => {
      // A constraint only the last row breaks: the first chunk of 2,000 is already written then.
      await sql`alter table case_event add constraint test_no_la check (country <> 'LA')`.execute(
        t.handle.db,
      );
      try {
        const before = await casesOf(worker.agencyId);
        const job = await importFile(
          worker,
          goodCsv(randomUUID().slice(0, 8), 2500, (i, cells) => {
            cells[10] = i === 2499 ? 'LA' : 'TH';
          }),
        );
        expect(job.status).toBe('failed');
        expect(job.failure).toContain('rolled back');
        expect(job.inserted).toBe(0);
        expect(await casesOf(worker.agencyId)).toBe(before);
      } finally {
        await sql`alter table case_event drop constraint test_no_la`.execute(t.handle.db);
      }
    });

    it('exports pseudonymously by default: codes and coded fields, no names', async () => {
      const tag = randomUUID().slice(0, 8);
      await importFile(worker, goodCsv(tag, 5));
      const res = await worker.request({ method: 'GET', url: '/api/cases/export?format=csv' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const header = res.body.replace(/^\uFEFF/, '').split('\r\n')[0] as string;
      expect(header).toContain('cas_Code');
      expect(header).toContain('vic_FormOfExploitation');
      expect(header).not.toContain('prs_FirstName');
      expect(header).not.toContain('prs_Birthdate');
      expect(res.body).not.toContain(tag);
      expect(res.body).toContain('ForcedLabour;Begging');
      expect(Number(res.headers['x-ctip-exported'])).toBe(await casesOf(worker.agencyId));
    });

    it('round-trips an XLSX export through import', async () => {
      const exported = await worker.request({
        method: 'GET',
        url: '/api/cases/export?format=xlsx',
      });
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe(XLSX);
      const count = Number(exported.headers['x-ctip-exported']);
      expect(count).toBeGreaterThan(0);
      const before = await casesOf(worker.agencyId);
      // As JSON with base64 this time (the other upload form).
      const res = await worker.request({
        method: 'POST',
        url: '/api/cases/import',
        payload: { format: 'xlsx', contentBase64: exported.rawPayload.toString('base64') },
      });
      expect(res.statusCode, res.body).toBe(202);
      const job = await waitForJob(worker, (res.json() as Job).id);
      expect(job).toMatchObject({ status: 'done', inserted: count });
      expect(await casesOf(worker.agencyId)).toBe(before + count);
      // And as the raw XLSX body.
      const raw = await importFile(worker, exported.rawPayload, XLSX);
      expect(raw).toMatchObject({ status: 'done', inserted: count });
    });

    it('includes personal fields only for cases with a covering consent, counting the others', async () => {
      const tag = randomUUID().slice(0, 8);
      await importFile(
        worker,
        goodCsv(tag, 4, (i, cells) => {
          if (i === 0) {
            cells[2] = '=HYPERLINK("http://x.invalid")';
          }
        }),
      );
      const mine = await t.handle.db
        .selectFrom('case_record')
        .select(['case_record.id'])
        .where('case_record.agency_id', '=', worker.agencyId)
        .orderBy('case_record.code', 'desc')
        .limit(4)
        .execute();
      // Oldest first: `a` is the first row of the file (the one with a formula as its name).
      const [a, b, c, d] = mine.map((m) => m.id).reverse() as [string, string, string, string];
      const consent = (caseId: string, extra: Record<string, unknown> = {}) => ({
        id: randomUUID(),
        case_id: caseId,
        purpose: 'Research',
        is_granted: true,
        given_on: '2026-01-01',
        explained_in: 'th',
        explained_by_user_id: worker.userId,
        recorded_by: worker.userId,
        ...extra,
      });
      await t.handle.db
        .insertInto('consent')
        .values([
          consent(a),
          consent(b, { withdrawn_at: new Date() }),
          consent(c, { purpose: 'Services' }),
          // Granted, then refused later: the refusal wins.
          consent(d),
          consent(d, { is_granted: false, given_on: '2026-02-01' }),
        ])
        .execute();
      const res = await worker.request({
        method: 'GET',
        url: '/api/cases/export?format=csv&includePersonal=true&purpose=Research',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['x-ctip-exported']).toBe('1');
      const total = await casesOf(worker.agencyId);
      expect(res.headers['x-ctip-left-out']).toBe(String(total - 1));
      expect(res.body).toContain('prs_FirstName');
      const code = (
        await t.handle.db
          .selectFrom('case_record')
          .select('code')
          .where('id', '=', a)
          .executeTakeFirstOrThrow()
      ).code;
      expect(res.body).toContain(code);
      // The formula came back neutralised.
      expect(res.body).toContain(`"'=HYPERLINK(""http://x.invalid"")"`);
      // Without a purpose, personal fields are refused.
      const bad = await worker.request({
        method: 'GET',
        url: '/api/cases/export?includePersonal=true',
      });
      expect(bad.statusCode).toBe(400);
    });

    it('refuses export to a role without case:export, and audits it', async () => {
      const res = await police.request({ method: 'GET', url: '/api/cases/export?format=csv' });
      expect(res.statusCode).toBe(403);
      const denied = await t.handle.db
        .selectFrom('audit_event')
        .select('details')
        .where('action', '=', 'access.denied')
        .where('actor_user_id', '=', police.userId)
        .execute();
      expect(denied.length).toBeGreaterThan(0);
    });

    it('keeps import jobs private to the user who started them', async () => {
      const res = await worker.request({
        method: 'POST',
        url: '/api/cases/import',
        headers: { 'content-type': 'text/csv' },
        payload: goodCsv(randomUUID().slice(0, 8), 1),
      });
      const id = (res.json() as Job).id;
      await waitForJob(worker, id);
      const other = await police.request({ method: 'GET', url: `/api/cases/import/${id}` });
      expect(other.statusCode).toBe(404);
    });
  });
}
