/**
 * The rights-notification form through the real API: record (personal fields sealed), list, the
 * print-ready HTML (lang attribute, Noto font stack, escaped values, print button allowed by CSP
 * nonce) and the PDF rendered by Chromium, checked for a %PDF header and, with pdftotext, for the
 * Thai and Burmese text. The PDF part skips when /usr/bin/chromium is absent (fails under CI).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RIGHTS_FORM_TEXT } from '@ctip/domain';
import { closePdfRenderer } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';
import { insertCase } from './referral-fixtures';

const HAS_CHROMIUM = existsSync('/usr/bin/chromium');
const HAS_PDFTOTEXT = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctip-pdf-'));
  const file = join(dir, 'form.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Text without spaces or zero-width marks, for comparing extracted PDF text. */
const squash = (s: string): string => s.replace(/[\s\u200b-\u200d]/g, '');

for (const engine of DB_TARGETS) {
  describe(`${engine}: rights notification`, () => {
    let t: TestApp;
    let cw: Client;
    let kh: Client;
    let caseId: string;
    let nid: string;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      cw = await loginAs(t.app, 'th.caseworker');
      kh = await loginAs(t.app, 'kh.caseworker');
      caseId = await insertCase(t.handle.db, cw);
    });
    afterAll(async () => {
      await closePdfRenderer();
      await t.close();
    });

    it('records a notification with sealed personal fields and lists it', async () => {
      const res = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/rights-notifications`,
        payload: {
          place: 'Ranong <Office>',
          notifiedOn: '2026-11-30',
          language: 'my',
          title: 'Ms',
          identifiedByAgency: 'Royal Thai Police',
          identifiedIn: 'TH',
          repatriatedBy: 'IOM',
          returnType: 'Voluntary',
          acknowledged: true,
          wishesProtection: false,
          declineReason: 'Wants to go home to family',
          contact: '+95 9 123 456',
          witnessName: 'Witness Person',
          interpreterName: 'Interpreter Person',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      nid = res.json().id;
      expect(res.json()).toMatchObject({
        contact: '+95 9 123 456',
        witnessName: 'Witness Person',
        officialUserId: cw.userId,
      });
      const row = await t.handle.db
        .selectFrom('rights_notification')
        .selectAll()
        .where('id', '=', nid)
        .executeTakeFirstOrThrow();
      expect(row.contact_enc).not.toContain('123 456');
      expect(row.witness_name_enc).not.toContain('Witness');
      const list = await cw.request({
        method: 'GET',
        url: `/api/cases/${caseId}/rights-notifications`,
      });
      expect(list.json().map((n: { id: string }) => n.id)).toEqual([nid]);
      const missing = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/rights-notifications`,
        payload: {
          place: 'x',
          notifiedOn: '2026-11-30',
          language: 'th',
          acknowledged: true,
          wishesProtection: true,
        },
      });
      expect(missing.json().error.field).toBe('shelterName');
      expect(
        (await kh.request({ method: 'GET', url: `/api/cases/${caseId}/rights-notifications` }))
          .statusCode,
      ).toBe(403);
    });

    it('serves the print-ready HTML in Thai', async () => {
      const res = await cw.request({
        method: 'GET',
        url: `/api/cases/${caseId}/rights-notifications/${nid}/pdf?lang=th&format=html`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      const html = res.body;
      expect(html).toContain('<html lang="th">');
      expect(html).toContain('Noto Sans Thai');
      expect(html).toContain(RIGHTS_FORM_TEXT.th.formTitle);
      expect(html).toContain(RIGHTS_FORM_TEXT.th.rights[5]);
      expect(html).toContain('Ranong &lt;Office&gt;');
      expect(html).toContain('Aye Mya');
      const nonce = /script-src 'nonce-([^']+)'/.exec(
        String(res.headers['content-security-policy']),
      )?.[1];
      expect(nonce).toBeTruthy();
      expect(html).toContain(`<script nonce="${nonce}">`);
      const audit = await t.handle.db
        .selectFrom('audit_event')
        .select(['details'])
        .where('action', '=', 'rights.print')
        .where('target_id', '=', nid)
        .execute();
      expect(audit.length).toBe(1);
      expect(JSON.stringify(audit[0]?.details)).not.toContain('Aye');
    });

    it.skipIf(!HAS_CHROMIUM && !process.env.CI)(
      'renders the PDF in Thai and in Burmese',
      async () => {
        for (const lang of ['th', 'my'] as const) {
          const res = await cw.request({
            method: 'GET',
            url: `/api/cases/${caseId}/rights-notifications/${nid}/pdf?lang=${lang}`,
          });
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toBe('application/pdf');
          const pdf = res.rawPayload;
          expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
          if (HAS_PDFTOTEXT) {
            const text = squash(pdfText(pdf));
            expect(text).toContain(squash(RIGHTS_FORM_TEXT[lang].formTitle));
            expect(text).toContain(squash(RIGHTS_FORM_TEXT[lang].signatures.official));
          }
        }
      },
      60_000,
    );
  });
}
