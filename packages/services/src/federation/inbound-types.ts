import type { Database, XbCaseTable } from '@ctip/db';
import type { Envelope, InboxRefusal, MessageKind, SharingPolicy } from '@ctip/domain';
import type { Selectable, Transaction } from 'kysely';
import type { ServiceContext } from '../context';

export type XbCaseRow = Selectable<XbCaseTable>;

/** A verified, policy-checked message handed to its kind's handler inside the apply transaction. */
export type InboundMessage = {
  trx: Transaction<Database>;
  ctx: ServiceContext;
  envelope: Envelope;
  /** The decrypted personal part, parsed with the kind's sealed schema; null when none. */
  sealed: unknown;
  /** This node's side of the shared case (locked FOR UPDATE); undefined for an offer. */
  local: XbCaseRow | undefined;
  agreement: { id: string; code: string };
  policy: SharingPolicy;
  policyVersion: number;
};

/** Applies one kind of case message. Throw {@link FederationRefusal} before writing to refuse it. */
export type InboundHandler = (msg: InboundMessage) => Promise<void>;
export type InboundHandlers = Partial<Record<MessageKind, InboundHandler>>;

/** A refused message: the reason is answered to the sender and audited (no payload). */
export class FederationRefusal extends Error {
  readonly refusal: InboxRefusal;

  constructor(refusal: InboxRefusal, message: string) {
    super(message);
    this.name = 'FederationRefusal';
    this.refusal = refusal;
  }
}

/** HTTP status of a refusal: 401 for who-are-you problems (retried), 400/422 final. */
export function refusalStatus(refusal: InboxRefusal): number {
  switch (refusal) {
    case 'unknown_peer':
    case 'bad_signature':
    case 'stale':
      return 401;
    case 'malformed':
    case 'wrong_recipient':
      return 400;
    default:
      return 422;
  }
}
