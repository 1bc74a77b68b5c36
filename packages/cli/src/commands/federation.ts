import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  generateNodeIdentityFile,
  insertPeer,
  type Peer,
  parseNodeIdentity,
  parsePublicIdentity,
  publicIdentityOf,
  type ServiceConfig,
  type ServiceContext,
  selectPeers,
} from '@ctip/services';
import { type Command, InvalidArgumentError } from 'commander';
import {
  CliError,
  type CliIo,
  type DatabaseOptions,
  withDatabase,
  withDatabaseOption,
  writeLine,
} from '../context';
import { formatTable } from '../output';
import { cliAuditEvent } from '../system-audit';

const SIX_COUNTRIES = ['KH', 'CN', 'LA', 'MM', 'TH', 'VN'];

/** The identity file this node uses: CTIP_NODE_KEY_FILE, else ./data/keys/node-identity.json. */
export function defaultKeyFile(): string {
  return process.env.CTIP_NODE_KEY_FILE || join('data', 'keys', 'node-identity.json');
}

/** This node's settings: the parsed configuration, else the environment variables the server reads. */
function selfNode(io: CliIo): {
  nodeId: string;
  nodeName: string;
  countries: string[];
  publicUrl: string | null;
} {
  const fed = io.config?.services.federation;
  if (fed) {
    return {
      nodeId: fed.nodeId,
      nodeName: fed.nodeName,
      countries: [...fed.countries],
      publicUrl: fed.publicUrl,
    };
  }
  const e = process.env;
  return {
    nodeId: e.CTIP_NODE_ID || 'local',
    nodeName: e.CTIP_NODE_NAME || 'Mekong CTIP node',
    countries: (e.CTIP_NODE_COUNTRIES || SIX_COUNTRIES.join(',')).split(','),
    publicUrl: e.CTIP_PUBLIC_URL || null,
  };
}

function parseCountries(value: string): string[] {
  const list = value
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (list.length === 0 || list.some((c) => !/^[A-Z]{2}$/.test(c))) {
    throw new InvalidArgumentError('must be ISO country codes separated by commas (KH,LA)');
  }
  return list;
}

function parseJsonOption(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('must be JSON (a public JWK)');
  }
}

/** Whether `file` is the configured identity that loading the configuration just created. */
function createdByThisRun(io: CliIo, file: string): boolean {
  const configured = io.config?.services.federation.identity;
  if (!configured || statSync(file).mtimeMs < performance.timeOrigin) {
    return false;
  }
  try {
    const x = parseNodeIdentity(readFileSync(file, 'utf8')).signingPublicJwk.x;
    return x === configured.signingPublicJwk.x;
  } catch {
    return false;
  }
}

type NodeOptions = { nodeId?: string; name?: string; countries?: string[]; url?: string };

function publicIdentityJson(io: CliIo, keyFile: string, opts: NodeOptions): string {
  let text: string;
  try {
    text = readFileSync(keyFile, 'utf8');
  } catch {
    throw new CliError(`No identity file at ${keyFile} (run ctip federation keygen)`);
  }
  let identity: ReturnType<typeof parseNodeIdentity>;
  try {
    identity = parseNodeIdentity(text);
  } catch (err) {
    throw new CliError(`${keyFile}: ${(err as Error).message}`);
  }
  const self = selfNode(io);
  const node = {
    nodeId: opts.nodeId ?? self.nodeId,
    nodeName: opts.name ?? self.nodeName,
    countries: opts.countries ?? self.countries,
    publicUrl: opts.url ?? self.publicUrl,
  };
  return JSON.stringify(publicIdentityOf(node, identity), null, 2);
}

function withNodeOptions(command: Command): Command {
  return command
    .option('--node-id <id>', 'this node’s id (default: CTIP_NODE_ID)')
    .option('--name <name>', 'this node’s name (default: CTIP_NODE_NAME)')
    .option(
      '--countries <codes>',
      'countries this node holds (default: CTIP_NODE_COUNTRIES)',
      parseCountries,
    )
    .option('--url <url>', 'URL peers reach this node at (default: CTIP_PUBLIC_URL)');
}

/**
 * The peers as a text table with their health.
 * @param peers - from selectPeers
 */
export function peersTable(peers: Peer[]): string {
  return formatTable(
    [
      'node',
      'name',
      'countries',
      'url',
      'state',
      'last contact',
      'queue',
      'failures',
      'rejected by/of peer',
      'last error',
    ],
    peers.map((p) => [
      p.nodeId,
      p.name,
      p.countries.join(','),
      p.url,
      p.health,
      p.lastContactAt ?? '-',
      String(p.queueDepth),
      String(p.consecutiveFailures),
      `${p.rejectedByPeer}/${p.rejectedByUs}`,
      (p.lastError ?? '-').slice(0, 60),
    ]),
  );
}

/** A service context for the CLI's direct database work on peers (no deliverer to wake). */
function cliContext(io: CliIo, db: ServiceContext['db']): ServiceContext {
  const self = selfNode(io);
  const config =
    io.config?.services ??
    ({
      federation: { nodeId: self.nodeId, countries: self.countries },
    } as unknown as ServiceConfig);
  return { db, config, now: () => new Date() };
}

type AddPeerOptions = DatabaseOptions & {
  nodeId?: string;
  url?: string;
  countries?: string[];
  name?: string;
  identity?: string;
  signingKey?: unknown;
  encryptionKey?: unknown;
};

/**
 * `ctip federation keygen|show|add-peer|peers`: this node's identity keys and its peers. Keys are
 * files (mode 0600); peers are registered directly on the database, audited with the CLI as source.
 * @param program - the root command
 * @param io - streams, configuration and injected database
 */
export function registerFederationCommands(program: Command, io: CliIo): void {
  const fed = program
    .command('federation')
    .description('this node’s identity in the federation, and its peers');

  withNodeOptions(fed.command('keygen'))
    .description('create this node’s identity keys (Ed25519 signing, X25519 encryption)')
    .option('--out <file>', 'identity file to write (default: CTIP_NODE_KEY_FILE)')
    .option('--force', 'replace an existing identity file (peers must then be given the new keys)')
    .action(async (options: NodeOptions & { out?: string; force?: boolean }) => {
      const out = options.out ?? defaultKeyFile();
      // Loading the configuration creates the configured identity file when it is missing: one
      // written since this command started is that fresh identity, not an older one to protect.
      const fresh = existsSync(out) && createdByThisRun(io, out);
      if (existsSync(out) && !options.force && !fresh) {
        throw new CliError(`${out} exists: pass --force to replace this node’s identity`);
      }
      if (!fresh || options.force) {
        await mkdir(dirname(out), { recursive: true });
        writeFileSync(out, JSON.stringify(generateNodeIdentityFile(), null, 2), { mode: 0o600 });
      }
      writeLine(
        io.stderr,
        `Wrote ${out} (keep it private). Give the other side this public identity:`,
      );
      writeLine(io.stdout, publicIdentityJson(io, out, options));
    });

  withNodeOptions(fed.command('show'))
    .description('print this node’s public identity (JSON for the other side’s add-peer)')
    .option('--key-file <file>', 'identity file (default: CTIP_NODE_KEY_FILE)')
    .action(async (options: NodeOptions & { keyFile?: string }) => {
      writeLine(io.stdout, publicIdentityJson(io, options.keyFile ?? defaultKeyFile(), options));
    });

  withDatabaseOption(fed.command('add-peer'))
    .description('register a peer node from its public identity')
    .option('--identity <file>', 'the peer’s public identity JSON (from its ctip federation show)')
    .option('--node-id <id>', 'the peer’s node id')
    .option('--url <url>', 'URL the peer is reached at')
    .option('--countries <codes>', 'countries the peer holds (KH,LA)', parseCountries)
    .option('--name <name>', 'the peer’s name')
    .option('--signing-key <jwk>', 'the peer’s public Ed25519 JWK (JSON)', parseJsonOption)
    .option('--encryption-key <jwk>', 'the peer’s public X25519 JWK (JSON)', parseJsonOption)
    .action(async (options: AddPeerOptions) => {
      let base: Record<string, unknown> = {};
      if (options.identity) {
        let text: string;
        try {
          text = readFileSync(options.identity, 'utf8');
        } catch {
          throw new CliError(`Cannot read ${options.identity}`);
        }
        base = parsePublicIdentity(text);
      } else if (!options.signingKey || !options.encryptionKey) {
        throw new CliError('Pass --identity <file>, or both --signing-key and --encryption-key', 2);
      }
      const input = {
        ...base,
        ...(options.nodeId ? { nodeId: options.nodeId } : {}),
        ...(options.url ? { url: options.url } : {}),
        ...(options.countries ? { countries: options.countries } : {}),
        ...(options.name ? { name: options.name } : {}),
        ...(options.signingKey ? { signingKey: options.signingKey } : {}),
        ...(options.encryptionKey ? { encryptionKey: options.encryptionKey } : {}),
      };
      const peer = await withDatabase(io, options, ({ db }) =>
        insertPeer(cliContext(io, db), { system: (a, t, d) => cliAuditEvent(a, t, d) }, input),
      );
      writeLine(io.stderr, `Registered peer ${peer.nodeId} (${peer.countries.join(',')}).`);
      io.stdout.write(peersTable([peer]));
    });

  withDatabaseOption(fed.command('peers'))
    .description('list the peers with their health (last contact, queue, failures)')
    .option('--json', 'print a JSON array instead of a table')
    .action(async (options: DatabaseOptions & { json?: boolean }) => {
      const peers = await withDatabase(io, options, ({ db }) => selectPeers(cliContext(io, db)));
      io.stdout.write(options.json ? `${JSON.stringify(peers, null, 2)}\n` : peersTable(peers));
    });
}
