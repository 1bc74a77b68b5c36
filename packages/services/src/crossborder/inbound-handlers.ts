import type { InboundHandlers } from '../federation/inbound-types';

/**
 * The handler of each case message kind (applied inside the inbox's transaction, in order per
 * shared case). Filled by the cross-border cases area.
 */
export const INBOUND_HANDLERS: InboundHandlers = {};
