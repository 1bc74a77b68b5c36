import type {
  MeetingParticipant,
  ParticipantImportPreview,
  ParticipantList,
  ParticipantSection,
  ParticipantSex,
} from '@ctip/domain';
import { api } from '../../../api/client';

const base = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/participants`;

/** The fields of the participant form, as the API takes them. */
export type ParticipantDraft = {
  section: ParticipantSection;
  countryOrGroup: string;
  listNo: number | null;
  name: string;
  position: string | null;
  organisation: string | null;
  sex: ParticipantSex | null;
};

/** Meeting participants: list, add, edit, remove, CSV import (preview / commit). */
export const participantsApi = {
  list: (meetingId: string) => api.get<ParticipantList>(base(meetingId)),
  add: (meetingId: string, input: ParticipantDraft) =>
    api.post<MeetingParticipant>(base(meetingId), input),
  update: (meetingId: string, id: string, input: Partial<ParticipantDraft> & { version: number }) =>
    api.patch<MeetingParticipant>(`${base(meetingId)}/${encodeURIComponent(id)}`, input),
  remove: (meetingId: string, id: string) =>
    api.delete<void>(`${base(meetingId)}/${encodeURIComponent(id)}`),
  importCsv: (
    meetingId: string,
    input: { csv: string; commit: boolean; mode: 'replace' | 'append' },
  ) => api.post<ParticipantImportPreview>(`${base(meetingId)}/import`, input),
};
