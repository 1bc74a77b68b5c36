import { loadConfig } from '@ctip/server';
import { main } from './index';

/**
 * The `ctip` entry point: parse the environment once (the same variables as the server), report every
 * invalid one, then run the command. The exit code is set, not forced, so output is flushed.
 */
async function run(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(
      `Configuration is invalid:\n${loaded.errors.map((e) => `  - ${e}`).join('\n')}\n`,
    );
    process.exitCode = 1;
    return;
  }
  process.exitCode = await main(process.argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    config: loaded.config,
  });
}

run().catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
