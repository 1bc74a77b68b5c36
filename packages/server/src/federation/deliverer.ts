import {
  deliverDue,
  type FederationRuntime,
  notifyOverdueXbSteps,
  purgeExpiredXbShared,
  type ServiceContext,
} from '@ctip/services';

/** How often overdue repatriation steps are alerted and expired shared data purged. */
const MAINTENANCE_MS = 10 * 60_000;

import type { FastifyBaseLogger } from 'fastify';

/** The background deliverer of a running node. */
export type Deliverer = FederationRuntime & { stop: () => Promise<void> };

/**
 * Deliver outbox messages in the background: woken at once when a use case commits a message
 * (`kick`), and every `pollMs` for retries and for messages written by other server processes.
 * One round at a time; a round that filled its batch runs again straight away.
 */
export function startDeliverer(
  ctx: ServiceContext,
  pollMs: number,
  log: FastifyBaseLogger,
): Deliverer {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const round = async () => {
    do {
      again = false;
      try {
        const r = await deliverDue(ctx);
        if (r.remaining && r.failed === 0) {
          again = true;
        }
      } catch (err) {
        // Never a payload here: only the error's class and message of the infrastructure.
        log.warn(
          { err: { name: (err as Error).name, message: (err as Error).message } },
          'federation delivery round failed',
        );
      }
    } while (again && !stopped);
  };

  const kick = () => {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = round().finally(() => {
      running = null;
    });
  };

  const timer = setInterval(kick, pollMs);
  timer.unref();
  setImmediate(kick);
  // Both nodes hold the shared timeline, so each alerts its own side of an overdue step.
  const maintain = () => {
    notifyOverdueXbSteps(ctx)
      .then(() => purgeExpiredXbShared(ctx))
      .catch((err: unknown) => {
        log.warn(
          { err: { name: (err as Error).name, message: (err as Error).message } },
          'cross-border maintenance failed',
        );
      });
  };
  const maintenance = setInterval(maintain, MAINTENANCE_MS);
  maintenance.unref();
  const first = setTimeout(maintain, 5_000);
  first.unref();

  return {
    kick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      clearInterval(maintenance);
      clearTimeout(first);
      await running;
    },
  };
}
