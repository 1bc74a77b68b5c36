import type { ColumnType, Generated } from 'kysely';

// Row types of the cross-border (TRM) tables, migration 2026_12_01_1200_create_crossborder.
// Columns named `*_enc` hold sealed (encrypted) values.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T, string | T>;
/** `date` columns are read as ISO `YYYY-MM-DD` strings on both engines. */
type DateString = string;

export interface AgreementTable {
  id: string;
  code: string;
  type: string;
  subject: string;
  title: string;
  status: string;
  signed_on: DateString | null;
  date_note: string | null;
  place: string | null;
  period_from: DateString | null;
  period_to: DateString | null;
  areas: string | null;
  meeting_cadence_months: number | null;
  meeting_review_months: number | null;
  review_every_months: number | null;
  next_review_on: DateString | null;
  source: string | null;
  is_seeded: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface AgreementPartyTable {
  agreement_id: string;
  country_code: string;
}
export interface AgreementRevisionTable {
  id: string;
  agreement_id: string;
  revised_on: DateString | null;
  note: string;
  created_at: DefaultedTimestamp;
}
export interface SharingPolicyTable {
  agreement_id: string;
  version: number;
  /** Draft | Active | Superseded */
  status: Defaulted<string>;
  policy: Json;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  activated_by: string | null;
  activated_at: Timestamp | null;
}
export interface BorderPointTable {
  id: string;
  code: string;
  mechanism: string;
  countries: Defaulted<string[]>;
  location: string;
  established: string | null;
  note: string | null;
  source: string | null;
}
export interface FederationPeerTable {
  node_id: string;
  name: string;
  url: string;
  countries: Defaulted<string[]>;
  /** Ed25519 public JWK (verifies the peer's JWS). */
  signing_key: Json;
  /** X25519 public JWK (personal parts are encrypted to it, JWE ECDH-ES). */
  encryption_key: Json;
  is_active: Defaulted<boolean>;
  added_at: DefaultedTimestamp;
  last_contact_at: Timestamp | null;
  last_success_at: Timestamp | null;
  last_failure_at: Timestamp | null;
  last_error: string | null;
  consecutive_failures: Defaulted<number>;
  messages_rejected: Defaulted<number>;
}
export interface OutboxMessageTable {
  id: string;
  position: Generated<number>;
  to_node: string;
  kind: string;
  ref: string | null;
  from_role: string | null;
  seq: number | null;
  /** The envelope without `sentAt` (signed at each delivery attempt). */
  envelope: Json;
  /** JWE compact of the personal part, encrypted to the receiving node. */
  sealed: string | null;
  /** Pending | Delivered | Rejected */
  status: Defaulted<string>;
  attempts: Defaulted<number>;
  next_attempt_at: DefaultedTimestamp;
  lease_until: Timestamp | null;
  created_at: DefaultedTimestamp;
  delivered_at: Timestamp | null;
  last_error: string | null;
}
export interface InboxMessageTable {
  id: string;
  from_node: string;
  kind: string;
  ref: string | null;
  from_role: string | null;
  seq: number | null;
  envelope: Json;
  sealed: string | null;
  /** Applied | Pending (waits for an earlier seq) | Rejected */
  status: string;
  refusal: string | null;
  received_at: DefaultedTimestamp;
  applied_at: Timestamp | null;
}
export interface XbCaseTable {
  id: string;
  ref: string;
  /** Sender | Receiver */
  role: string;
  peer_node: string;
  local_country: string;
  peer_country: string;
  origin_country: string;
  destination_country: string;
  agreement_id: string;
  policy_version: number;
  purpose: string;
  status: string;
  case_id: string | null;
  agency_id: string | null;
  case_code: string;
  remote_case_code: string | null;
  sex: Defaulted<string>;
  age_group: Defaulted<string>;
  return_choice: string | null;
  /** Sealed JSON of the shared fields (receiver: as received; sender: as sent). */
  shared_enc: string | null;
  reject_reason_enc: string | null;
  close_reason_enc: string | null;
  is_restricted: Defaulted<boolean>;
  consent_withdrawn_at: Timestamp | null;
  withdrawal_ack_at: Timestamp | null;
  retention_until: DateString | null;
  offered_at: Timestamp;
  received_at: Timestamp | null;
  accepted_at: Timestamp | null;
  rejected_at: Timestamp | null;
  closed_at: Timestamp | null;
  last_out_seq: Defaulted<number>;
  last_in_seq: Defaulted<number>;
  created_by: string | null;
  version: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface XbStepTable {
  xb_case_id: string;
  step: string;
  position: number;
  owner: string;
  owner_country: string;
  due_date: DateString | null;
  status: Defaulted<string>;
  completed_on: DateString | null;
  note_enc: string | null;
  border_point_code: string | null;
  border_point_location: string | null;
  overdue_notified_on: DateString | null;
  updated_at: DefaultedTimestamp;
}
export interface XbOutcomeTable {
  id: string;
  xb_case_id: string;
  step: string | null;
  outcome: string;
  note_enc: string | null;
  reported_on: DateString;
  reported_by_side: string;
  created_at: DefaultedTimestamp;
}
export interface MeetingTable {
  id: string;
  type: string;
  title: string;
  countries: Defaulted<string[]>;
  agreement_id: string | null;
  ordinal: number | null;
  /** Null for a meeting the source dates only loosely (migration 2026_12_01_1230). */
  scheduled_on: DateString | null;
  /** The date as printed ("October 2004", "monthly"). */
  date_note: string | null;
  held_on: DateString | null;
  location: string | null;
  host_country: string | null;
  status: Defaulted<string>;
  /** The status as printed ("22 times held", "recurring", "tentative"). */
  status_note: string | null;
  /** The type as printed ("bilateral CMM", "SOM+IMM"). */
  type_note: string | null;
  /** The source's note on the meeting. */
  note: string | null;
  minutes: string | null;
  source: string | null;
  is_seeded: Defaulted<boolean>;
  created_by: string | null;
  version: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface MeetingAgendaItemTable {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  xb_case_id: string | null;
  note: string | null;
  decision: string | null;
}
export interface MeetingDecisionTable {
  id: string;
  meeting_id: string;
  position: number;
  text: string;
}
export interface MeetingActionItemTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  title: string;
  owner_country: string;
  owner_agency_id: string | null;
  owner_user_id: string | null;
  due_on: DateString;
  status: Defaulted<string>;
  done_on: DateString | null;
  created_at: DefaultedTimestamp;
}

export interface CrossBorderTables {
  agreement: AgreementTable;
  agreement_party: AgreementPartyTable;
  agreement_revision: AgreementRevisionTable;
  sharing_policy: SharingPolicyTable;
  border_point: BorderPointTable;
  federation_peer: FederationPeerTable;
  outbox_message: OutboxMessageTable;
  inbox_message: InboxMessageTable;
  xb_case: XbCaseTable;
  xb_step: XbStepTable;
  xb_outcome: XbOutcomeTable;
  meeting: MeetingTable;
  meeting_agenda_item: MeetingAgendaItemTable;
  meeting_decision: MeetingDecisionTable;
  meeting_action_item: MeetingActionItemTable;
}
