/**
 * Fixtures of the meetings and reconciliation tests, inserted straight into the database as the
 * cross-border cases area writes them (agreement + parties; xb_case per side with its handover and
 * reception steps), so these tests depend on no other area's services.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '@ctip/db';

let seq = 0;

/** An agreement between `parties` with a case-management rhythm. */
export async function insertAgreement(
  db: Db,
  opts: { parties: string[]; cadence?: number | null; review?: number | null; code?: string },
): Promise<string> {
  const id = randomUUID();
  seq++;
  await db
    .insertInto('agreement')
    .values({
      id,
      code: opts.code ?? `TEST-${opts.parties.join('-')}-${seq}-${id.slice(0, 6).toUpperCase()}`,
      type: 'MoU',
      subject: 'Trafficking',
      title: `Test MoU ${opts.parties.join('–')}`,
      status: 'Signed',
      meeting_cadence_months: opts.cadence ?? null,
      meeting_review_months: opts.review ?? null,
    })
    .execute();
  await db
    .insertInto('agreement_party')
    .values(opts.parties.map((c) => ({ agreement_id: id, country_code: c })))
    .execute();
  return id;
}

export type SharedCaseOpts = {
  agreementId: string;
  /** A: the destination country, which sends the person home (the Sender side). */
  from: string;
  /** B: the country of origin, which receives (the Receiver side). */
  to: string;
  status?: string;
  sex?: string;
  ageGroup?: string;
  caseCode?: string;
  handedOverOn?: string | null;
  receivedOn?: string | null;
  /** A step of the Sender side overdue since this day. */
  overdueSince?: string;
  /** Hold only the Sender side (a national node of A). */
  senderOnly?: boolean;
};

/** A shared case with both sides on this node (one row per role, same ref). */
export async function insertSharedCase(
  db: Db,
  o: SharedCaseOpts,
): Promise<{ ref: string; senderId: string; receiverId: string | null; caseCode: string }> {
  seq++;
  const ref = randomUUID();
  const caseCode = o.caseCode ?? `${o.from}-XB-${String(seq).padStart(5, '0')}-${ref.slice(0, 4)}`;
  const sides = o.senderOnly ? (['Sender'] as const) : (['Sender', 'Receiver'] as const);
  const ids: Record<string, string> = {};
  for (const role of sides) {
    const id = randomUUID();
    ids[role] = id;
    const local = role === 'Sender' ? o.from : o.to;
    const peer = role === 'Sender' ? o.to : o.from;
    await db
      .insertInto('xb_case')
      .values({
        id,
        ref,
        role,
        peer_node: 'test-node',
        local_country: local,
        peer_country: peer,
        origin_country: o.to,
        destination_country: o.from,
        agreement_id: o.agreementId,
        policy_version: 1,
        purpose: 'Repatriation',
        status: o.status ?? 'Accepted',
        case_code: caseCode,
        sex: o.sex ?? 'Female',
        age_group: o.ageGroup ?? 'Adult',
        offered_at: new Date('2019-01-01T00:00:00Z'),
      })
      .execute();
    const steps = [
      {
        step: 'travel_documents',
        position: 5,
        owner: 'origin',
        owner_country: o.to,
        due_date: role === 'Sender' && o.overdueSince ? o.overdueSince : null,
        status: 'Pending',
        completed_on: null,
      },
      {
        step: 'handover',
        position: 6,
        owner: 'destination',
        owner_country: o.from,
        due_date: null,
        // The handover as A recorded it: on A's side (and, copied by the messages, on B's).
        status: o.handedOverOn && role === 'Sender' ? 'Done' : 'Pending',
        completed_on: role === 'Sender' ? (o.handedOverOn ?? null) : null,
      },
      {
        step: 'reception',
        position: 7,
        owner: 'origin',
        owner_country: o.to,
        due_date: null,
        // The reception as B recorded it: on B's side only here, so "either copy" is exercised.
        status: o.receivedOn && (role === 'Receiver' || o.senderOnly) ? 'Done' : 'Pending',
        completed_on: role === 'Receiver' || o.senderOnly ? (o.receivedOn ?? null) : null,
      },
    ];
    await db
      .insertInto('xb_step')
      .values(steps.map((s) => ({ ...s, xb_case_id: id })))
      .execute();
  }
  return {
    ref,
    senderId: ids.Sender as string,
    receiverId: ids.Receiver ?? null,
    caseCode,
  };
}

const DATA = join(import.meta.dirname, '..', 'packages/db/src/seed/reference/data');

/** Minimal CSV reader of a seed copy in `data/` (quoted fields, commas and quotes inside quotes). */
export function readSeedCsv(file: string): Record<string, string>[] {
  const text = readFileSync(join(DATA, file), 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') {
      field += ch;
    }
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [head, ...body] = rows as [string[], ...string[][]];
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}
