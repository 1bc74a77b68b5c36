import { createHash } from 'node:crypto';
import { COMMIT_COUNTRIES, COUNTRY_CURRENCY, NARRATIVE_LANGUAGE_OF } from '@ctip/domain';
import { appendAuditEvent } from '../../audit/append-audit-event';
import type { ServiceContext } from '../../context';

// Demonstration workplans and progress reports: SYNTHETIC, clearly labelled (`workplan.is_demo`,
// titles and narratives start with "[Demo]" or its translation). Workplans of the six COMMIT
// countries under SPA III for 2013 and 2014 (8–15 activities each across the five areas), one
// annual progress report each: mostly Approved, two Submitted, one Returned. Idempotent: ids are
// stable and a country-year that already has a workplan (demo or real) is left alone.

/** The same stable id scheme as the reference seed (`packages/db/src/seed/reference/dataset.ts`). */
function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const FRAMEWORK = 'SPA3';
const YEARS = [2013, 2014] as const;

/** Illustrative rates (national units per USD), rounded: demonstration only. */
const DEMO_RATE: Readonly<Record<string, number>> = {
  KHR: 4000,
  CNY: 6.2,
  LAK: 8000,
  MMK: 1000,
  THB: 31,
  VND: 21000,
};

/** How many activities each country's workplan holds (2014: one more, at most 15). */
const ACTIVITY_COUNT: Readonly<Record<string, number>> = {
  KH: 10,
  CN: 8,
  LA: 12,
  MM: 9,
  TH: 14,
  VN: 11,
};

/** 2014 report status per country; every 2013 report is Approved. */
const STATUS_2014: Readonly<Record<string, 'Approved' | 'Submitted' | 'Returned'>> = {
  KH: 'Approved',
  CN: 'Submitted',
  LA: 'Returned',
  MM: 'Submitted',
  TH: 'Approved',
  VN: 'Approved',
};

type EntryStatus = 'Completed' | 'InProgress' | 'NotStarted';

const LOCAL_TEXT: Readonly<Record<string, Readonly<Record<EntryStatus, string>>>> = {
  km: {
    Completed: '[សាកល្បង] សកម្មភាពនេះត្រូវបានអនុវត្តរួចរាល់តាមផែនការ។',
    InProgress: '[សាកល្បង] សកម្មភាពនេះកំពុងអនុវត្ត។',
    NotStarted: '[សាកល្បង] សកម្មភាពនេះមិនទាន់ចាប់ផ្តើមនៅឡើយ។',
  },
  zh: {
    Completed: '[演示] 该活动已按计划完成。',
    InProgress: '[演示] 该活动正在实施中。',
    NotStarted: '[演示] 该活动尚未开始。',
  },
  lo: {
    Completed: '[ຕົວຢ່າງ] ກິດຈະກຳນີ້ໄດ້ສຳເລັດຕາມແຜນ.',
    InProgress: '[ຕົວຢ່າງ] ກິດຈະກຳນີ້ກຳລັງດຳເນີນຢູ່.',
    NotStarted: '[ຕົວຢ່າງ] ກິດຈະກຳນີ້ຍັງບໍ່ທັນໄດ້ເລີ່ມ.',
  },
  my: {
    Completed: '[နမူနာ] ဤလုပ်ငန်းကို အစီအစဉ်အတိုင်း ပြီးစီးခဲ့သည်။',
    InProgress: '[နမူနာ] ဤလုပ်ငန်းကို ဆောင်ရွက်ဆဲဖြစ်သည်။',
    NotStarted: '[နမူနာ] ဤလုပ်ငန်းကို မစတင်ရသေးပါ။',
  },
  th: {
    Completed: '[ข้อมูลสาธิต] กิจกรรมนี้ดำเนินการแล้วเสร็จตามแผน',
    InProgress: '[ข้อมูลสาธิต] กิจกรรมนี้อยู่ระหว่างดำเนินการ',
    NotStarted: '[ข้อมูลสาธิต] กิจกรรมนี้ยังไม่ได้เริ่มดำเนินการ',
  },
  vi: {
    Completed: '[Dữ liệu mẫu] Hoạt động này đã hoàn thành theo kế hoạch.',
    InProgress: '[Dữ liệu mẫu] Hoạt động này đang được thực hiện.',
    NotStarted: '[Dữ liệu mẫu] Hoạt động này chưa bắt đầu.',
  },
};

const EN_TEXT: Readonly<Record<EntryStatus, string>> = {
  Completed: '[Demo] Carried out as planned.',
  InProgress: '[Demo] Under way; to be completed next year.',
  NotStarted: '[Demo] Not started: postponed for lack of funds.',
};

/** A small deterministic pseudo-random number in [0, n) from a text. */
function pick(seed: string, n: number): number {
  return Number.parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16) % n;
}

export type DemoPlansResult = { workplans: number; activities: number; reports: number };

/**
 * Seed the demonstration workplans and progress reports (see the file comment). Needs SPA III in
 * plan_node (the reference seed); does nothing without it.
 */
export async function seedDemoPlans(ctx: ServiceContext): Promise<DemoPlansResult> {
  const result: DemoPlansResult = { workplans: 0, activities: 0, reports: 0 };
  const nodes = await ctx.db
    .selectFrom('plan_node as n')
    .innerJoin('plan_node as a', 'a.id', 'n.parent_id')
    .select(['n.id', 'n.code', 'n.title', 'a.code as area_code', 'n.position'])
    .where('n.framework_id', '=', FRAMEWORK)
    .where('n.kind', '=', 'activity')
    .orderBy('a.position')
    .orderBy('n.position')
    .orderBy('n.code')
    .execute();
  if (nodes.length === 0) {
    return result;
  }
  const byArea = new Map<string, typeof nodes>();
  for (const n of nodes) {
    byArea.set(n.area_code, [...(byArea.get(n.area_code) ?? []), n]);
  }
  const areas = [...byArea.keys()];
  const now = ctx.now();

  for (const country of COMMIT_COUNTRIES) {
    const currency = COUNTRY_CURRENCY[country] ?? 'USD';
    const rate = DEMO_RATE[currency] ?? null;
    const lang = NARRATIVE_LANGUAGE_OF[country] ?? null;
    for (const year of YEARS) {
      const taken = await ctx.db
        .selectFrom('workplan')
        .select('id')
        .where('country_code', '=', country)
        .where('framework_id', '=', FRAMEWORK)
        .where('year', '=', year)
        .executeTakeFirst();
      if (taken) {
        continue;
      }
      const count = Math.min(15, (ACTIVITY_COUNT[country] ?? 10) + (year === 2014 ? 1 : 0));
      // Round-robin over the areas, so every area has at least one activity.
      const chosen: typeof nodes = [];
      for (let round = 0; chosen.length < count && round < nodes.length; round++) {
        for (const area of areas) {
          const list = byArea.get(area) ?? [];
          const offset = pick(`${country}:${area}`, list.length);
          if (round < list.length && chosen.length < count) {
            chosen.push(list[(offset + round) % list.length] as (typeof nodes)[number]);
          }
        }
      }
      const workplanId = stableUuid(`demo:workplan:${country}:${FRAMEWORK}:${year}`);
      const reportId = stableUuid(`demo:progress_report:${country}:${year}`);
      const status = year === 2013 ? 'Approved' : (STATUS_2014[country] ?? 'Approved');
      const submittedAt = new Date(Date.UTC(year + 1, 0, 20));
      const reviewedAt = new Date(Date.UTC(year + 1, 1, 10));
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('workplan')
          .values({
            id: workplanId,
            country_code: country,
            framework_id: FRAMEWORK,
            year,
            title: `[Demo] ${country} workplan ${year} (SPA III)`,
            status: 'Adopted',
            currency,
            usd_rate: currency === 'USD' ? null : rate,
            note: 'Demonstration data: synthetic, not a national plan.',
            is_demo: true,
            created_at: now,
            updated_at: now,
          })
          .execute();
        const activities = chosen.map((n, i) => ({
          id: stableUuid(`demo:workplan_activity:${country}:${year}:${n.code}`),
          workplan_id: workplanId,
          node_id: n.id,
          title: `[Demo] ${n.title ?? `Activity ${n.code}`}`.slice(0, 500),
          title_local: null,
          lead_agency_text: 'National anti-trafficking committee (demo)',
          partners_text: 'NGO partners (demo)',
          planned_amount: (1 + pick(`${country}:${year}:${n.code}:plan`, 20)) * 1000 * (rate ?? 1),
          planned_usd_rate: currency === 'USD' ? null : rate,
          position: i + 1,
          created_at: now,
          updated_at: now,
        }));
        await trx.insertInto('workplan_activity').values(activities).execute();
        await trx
          .insertInto('progress_report')
          .values({
            id: reportId,
            workplan_id: workplanId,
            period: String(year),
            status,
            submitted_at: submittedAt,
            reviewed_at: status === 'Submitted' ? null : reviewedAt,
            approved_at: status === 'Approved' ? reviewedAt : null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        const entries = activities.map((a, i) => {
          const roll = pick(`${a.id}:status`, 10);
          const st: EntryStatus = roll < 6 ? 'Completed' : roll < 9 ? 'InProgress' : 'NotStarted';
          const planned = a.planned_amount;
          const spent =
            st === 'NotStarted' ? null : Math.round(planned * (st === 'Completed' ? 0.9 : 0.45));
          return {
            row: {
              id: stableUuid(`demo:progress_entry:${country}:${year}:${i}`),
              report_id: reportId,
              workplan_activity_id: a.id,
              status: st,
              narrative_local: lang ? (LOCAL_TEXT[lang]?.[st] ?? null) : null,
              narrative_lang: lang,
              narrative_en: EN_TEXT[st],
              budget_spent: spent,
              spent_currency: spent === null ? null : currency,
              spent_usd_rate: spent === null || currency === 'USD' ? null : rate,
              updated_at: now,
            },
            trained: st !== 'NotStarted' && pick(`${a.id}:trained`, 2) === 0,
          };
        });
        await trx
          .insertInto('progress_entry')
          .values(entries.map((e) => e.row))
          .execute();
        const quantities = entries
          .filter((e) => e.trained)
          .flatMap((e) =>
            (['government', 'ngo'] as const).flatMap((type) =>
              (['Female', 'Male'] as const).map((sex) => ({
                entry_id: e.row.id,
                trainee_type: type,
                sex,
                count: 5 + pick(`${e.row.id}:${type}:${sex}`, 40),
              })),
            ),
          );
        if (quantities.length) {
          await trx.insertInto('progress_quantity').values(quantities).execute();
        }
        const thread = [
          {
            id: stableUuid(`demo:progress_comment:${country}:${year}:submit`),
            report_id: reportId,
            entry_id: null,
            kind: 'Submit',
            body: null,
            author_id: null,
            created_at: submittedAt,
          },
        ];
        if (status === 'Approved' || status === 'Returned') {
          thread.push({
            id: stableUuid(`demo:progress_comment:${country}:${year}:review`),
            report_id: reportId,
            entry_id: null,
            kind: status === 'Approved' ? 'Approve' : 'Return',
            body:
              status === 'Approved'
                ? null
                : '[Demo] Please add the number of officials trained and the budget spent.',
            author_id: null,
            created_at: reviewedAt,
          } as (typeof thread)[number] & { body: string | null });
        }
        await trx.insertInto('progress_comment').values(thread).execute();
        await appendAuditEvent(
          trx,
          {
            action: 'plans.workplan_save',
            outcome: 'success',
            actorUserId: null,
            actorAgencyId: null,
            actorCountry: country,
            targetType: 'workplan',
            targetId: workplanId,
            requestId: null,
            ip: null,
            userAgent: 'demo-seed',
            details: {
              op: 'demo',
              year,
              activities: activities.length,
              report: reportId,
              reportStatus: status,
            },
          },
          now,
        );
        result.workplans += 1;
        result.activities += activities.length;
        result.reports += 1;
      });
    }
  }
  return result;
}
