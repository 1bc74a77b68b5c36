import { createDb, migrateToLatest, seedReferenceData } from '@ctip/db';
import {
  DEMO_PASSWORD,
  seedDemoCases,
  seedDemoCrossBorder,
  seedDemoData,
  seedDemoIndicators,
  seedDemoPlans,
  seedDemoStatisticsApprovals,
} from '@ctip/services';
import { buildApp } from './app';
import { loadConfig } from './config';

/** Start a national node: config → database → migrate → seed → listen. */
async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(
      `Configuration is invalid:\n${loaded.errors.map((e) => `  - ${e}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  const { config } = loaded;
  const handle = await createDb(config.db);
  await migrateToLatest(handle.db);
  await seedReferenceData(handle.db);
  const demo = config.seedDemo ? await seedDemoData(handle.db) : null;
  if (demo) {
    const ctx = { db: handle.db, config: config.services, now: () => new Date() };
    await seedDemoCases(ctx);
    await seedDemoCrossBorder(ctx);
    await seedDemoStatisticsApprovals(ctx);
    // Synthetic workplans and progress (demo-labelled), so the M&E screens and the report have data.
    await seedDemoPlans(ctx);
    await seedDemoIndicators(ctx);
  }
  const app = await buildApp({ config, db: handle.db });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    // Never hang on the way out (a delivery round or a request that does not finish).
    setTimeout(() => process.exit(1), 15_000).unref();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const where =
    config.db.kind === 'pglite' ? `PGlite at ${config.db.dataDir ?? 'memory'}` : 'PostgreSQL';
  const lines = [
    '',
    `  Mekong CTIP is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/`,
    `  API docs: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/api/docs   Database: ${where}`,
  ];
  if (!config.webDistDir) {
    lines.push('  (web app not built: run `npm run build` to serve it)');
  }
  if (demo) {
    lines.push('', `  Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const l of demo.logins) {
      lines.push(`    ${l.username.padEnd(16)} ${l.role.padEnd(24)} ${l.country}`);
    }
    lines.push(
      '  Roles that read personal records (case worker, hotline, focal points, forensic, prosecutor)',
      '  set up an authenticator app at first login.',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
