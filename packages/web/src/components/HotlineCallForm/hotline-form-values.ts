import type { HotlineCallCreateInput } from '@ctip/domain';
import { localInputToIso, toLocalInput } from '../ScreeningForm/local-time';

/** What the quick call-entry form holds. */
export type HotlineFormValues = {
  receivedAt: string;
  durationMinutes: string;
  channel: HotlineCallCreateInput['channel'];
  language: string;
  callerType: HotlineCallCreateInput['callerType'];
  category: HotlineCallCreateInput['category'] | '';
  urgency: HotlineCallCreateInput['urgency'];
  outcome: HotlineCallCreateInput['outcome'];
  summary: string;
  callerContact: string;
};

/** Defaults for a new call: now, by phone, in the operator's language, medium urgency. */
export function defaultHotlineForm(now: Date, language: string): HotlineFormValues {
  return {
    receivedAt: toLocalInput(now),
    durationMinutes: '',
    channel: 'Phone',
    language,
    callerType: 'Anonymous',
    category: '',
    urgency: 'Medium',
    outcome: 'InformationGiven',
    summary: '',
    callerContact: '',
  };
}

/** The API payload of the form (minutes to seconds, empty text left out). */
export function hotlinePayload(v: HotlineFormValues): Record<string, unknown> {
  const minutes = v.durationMinutes.trim();
  const text = (s: string) => (s.trim() === '' ? undefined : s.trim());
  return {
    receivedAt: localInputToIso(v.receivedAt),
    durationSeconds: minutes === '' ? undefined : Math.round(Number(minutes) * 60),
    channel: v.channel,
    language: v.language,
    callerType: v.callerType,
    category: v.category === '' ? undefined : v.category,
    urgency: v.urgency,
    outcome: v.outcome,
    summary: text(v.summary),
    callerContact: text(v.callerContact),
  };
}
