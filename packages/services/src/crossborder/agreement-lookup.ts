import type { Database, Db } from '@ctip/db';
import { DomainError, type SharingPolicy, SharingPolicySchema, type XbPurpose } from '@ctip/domain';
import type { Transaction } from 'kysely';

type Reader = Db | Transaction<Database>;

/** An agreement with the sharing policy in force, as the exchange uses it. */
export type AgreementInForce = {
  agreement: { id: string; code: string; title: string };
  policyVersion: number;
  policy: SharingPolicy;
};

/**
 * The agreement binding two countries whose sharing policy is in force and allows `purpose`: the one
 * named by `code`, or else the only candidate (several candidates: the caller must choose).
 * @throws INVALID_INPUT on `agreementCode` naming why none applies
 */
export async function findAgreementForPair(
  db: Reader,
  countryA: string,
  countryB: string,
  opts: { code?: string; purpose?: XbPurpose } = {},
): Promise<AgreementInForce> {
  let q = db
    .selectFrom('agreement')
    .innerJoin('sharing_policy', (j) =>
      j
        .onRef('sharing_policy.agreement_id', '=', 'agreement.id')
        .on('sharing_policy.status', '=', 'Active'),
    )
    .select([
      'agreement.id',
      'agreement.code',
      'agreement.title',
      'sharing_policy.version',
      'sharing_policy.policy',
    ])
    .where((eb) =>
      eb.and([
        eb.exists(
          eb
            .selectFrom('agreement_party')
            .select('agreement_party.agreement_id')
            .whereRef('agreement_party.agreement_id', '=', 'agreement.id')
            .where('agreement_party.country_code', '=', countryA),
        ),
        eb.exists(
          eb
            .selectFrom('agreement_party')
            .select('agreement_party.agreement_id')
            .whereRef('agreement_party.agreement_id', '=', 'agreement.id')
            .where('agreement_party.country_code', '=', countryB),
        ),
      ]),
    )
    .orderBy('agreement.code');
  if (opts.code) {
    q = q.where('agreement.code', '=', opts.code);
  }
  const rows = (await q.execute())
    .map((r) => ({ ...r, policy: SharingPolicySchema.parse(r.policy) }))
    .filter((r) => !opts.purpose || r.policy.purposes.includes(opts.purpose));
  const fail = (message: string) =>
    new DomainError('INVALID_INPUT', `agreementCode: ${message}`, { field: 'agreementCode' });
  if (rows.length === 0) {
    throw fail(
      opts.code
        ? `${opts.code} does not bind ${countryA} and ${countryB} with a sharing policy in force${opts.purpose ? ` for ${opts.purpose}` : ''}`
        : `no agreement with a sharing policy in force binds ${countryA} and ${countryB}${opts.purpose ? ` for ${opts.purpose}` : ''}`,
    );
  }
  if (rows.length > 1) {
    throw fail(
      `several agreements bind ${countryA} and ${countryB}: choose one (${rows.map((r) => r.code).join(', ')})`,
    );
  }
  const r = rows[0] as (typeof rows)[number];
  return {
    agreement: { id: r.id, code: r.code, title: r.title },
    policyVersion: r.version,
    policy: r.policy,
  };
}
