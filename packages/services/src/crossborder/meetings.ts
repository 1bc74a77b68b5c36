// Case-management meetings (agenda from the open shared cases, minutes, decisions, action items),
// the meeting schedule of each agreement's rhythm, and the reconciliation of returns.
export * from './meeting-read';
export * from './meeting-write';
export * from './reconciliation';
