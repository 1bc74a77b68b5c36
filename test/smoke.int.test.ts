import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

for (const engine of DB_TARGETS) {
  describe(`${engine}: API smoke`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(engine);
    });
    afterAll(async () => {
      await t.close();
    });

    it('logs in an administrator and lists users', async () => {
      const admin = await loginAs(t.app, 'admin');
      const res = await admin.request({ method: 'GET', url: '/api/users?pageSize=5' });
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBeGreaterThanOrEqual(14);
    });

    it('enrols a second factor for a case worker at first login', async () => {
      const cw = await loginAs(t.app, 'th.caseworker');
      expect(cw.totpSecret).toMatch(/^[A-Z2-7]+$/);
    });
  });
}
