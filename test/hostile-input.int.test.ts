/**
 * Hostile input against every route the app registers (enumerated from the router itself and
 * described by the OpenAPI document, never a hand-written list): wrong JSON types, huge strings and
 * bodies, SQL and script fragments, bad Unicode, unknown fields, malformed JSON, wrong content types,
 * odd path parameters and query strings; as a logged-in administrator (with the CSRF token) and as
 * nobody. Whatever arrives: never a 5xx; every 4xx has the error shape (and a `field` when a named
 * field of a JSON object is at fault); no message echoes the input; a refused request stores nothing.
 */
import { INBOX_REFUSALS } from '@ctip/domain';
import { buildApp, loadTestConfig } from '@ctip/server';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { createTestDb, DB_TARGETS } from './db';
import { snapshot } from './state';

const RUNS = 25;
const BODY_LIMIT = 1024 * 1024;

// ---- the routes, from the router and the OpenAPI document ----

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  nullable?: boolean;
  anyOf?: JsonSchema[];
};

type RouteSpec = {
  method: string;
  /** Fastify form, such as /api/users/:id. */
  path: string;
  params: string[];
  query: Record<string, JsonSchema>;
  body: JsonSchema | null;
};

/** Parse `printRoutes({ commonPrefix: false })`: every method of every registered path. */
function parseRouteTree(tree: string): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) {
      continue;
    }
    const depth = (m[1] ?? '').length / 4;
    const path = (depth > 0 ? (stack[depth - 1] ?? '') : '') + (m[2] ?? '');
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (method && method !== 'HEAD') {
        out.push({ method, path });
      }
    }
  }
  return out;
}

const normalise = (path: string) => path.replace(/\{(\w+)\}/g, ':$1').replace(/(.)\/$/, '$1');

type OpenApiOperation = {
  parameters?: { in: string; name: string; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

/** Build a throwaway app only to read its routes. */
async function enumerateRoutes(): Promise<{ routes: RouteSpec[]; undocumented: string[] }> {
  const handle = await createTestDb('pglite');
  const app = await buildApp({ config: loadTestConfig(), db: handle.db });
  await app.ready();
  try {
    const registered = parseRouteTree(app.printRoutes({ commonPrefix: false }));
    const doc = (await app.inject({ url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const documented = new Map<string, OpenApiOperation>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        documented.set(`${method.toUpperCase()} ${normalise(path)}`, op);
      }
    }
    const seen = new Set<string>();
    const routes: RouteSpec[] = [];
    const undocumented: string[] = [];
    for (const r of registered) {
      const key = `${r.method} ${normalise(r.path)}`;
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      const op = documented.get(key);
      if (!op && !r.path.startsWith('/api/docs')) {
        undocumented.push(key);
      }
      const query: Record<string, JsonSchema> = {};
      for (const p of op?.parameters ?? []) {
        if (p.in === 'query') {
          query[p.name] = p.schema;
        }
      }
      routes.push({
        method: r.method,
        path: normalise(r.path),
        params: [...r.path.matchAll(/:(\w+)/g)].map((x) => x[1] as string),
        query,
        body: op?.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
    for (const key of documented.keys()) {
      if (!seen.has(key)) {
        undocumented.push(`${key} (documented but not registered)`);
      }
    }
    return { routes, undocumented };
  } finally {
    await app.close();
    await handle.close();
  }
}

const { routes: ROUTES, undocumented: UNDOCUMENTED } = await enumerateRoutes();

// ---- hostile values ----

const ATOMS = [
  "'; DROP TABLE app_user; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  '1; SELECT pg_sleep(5)--',
  "admin'--",
  '%_%\\',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  'javascript:alert(1)',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '{{7*7}}${7*7}<%= 7*7 %>',
  '\u0000',
  'nul\u0000byte',
  '\uD800',
  'lone\uDC00surrogate',
  '\u202Egnp.exe\u202C',
  '\u200B\u200D\uFEFF',
  'e\u0301\u0301\u0301\u0301',
  '\r\nSet-Cookie: ctip_session=evil',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '__proto__',
  'constructor',
  '𝕳𝖔𝖘𝖙𝖎𝖑𝖊 😈',
  'ﷺ‮',
  '-1',
  '1e309',
  'NaN',
  'null',
];

/** Hostile text: atoms, random code units (lone surrogates included), mixes and long repeats. */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ATOMS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...ATOMS), fc.string({ maxLength: 8 })), {
        minLength: 2,
        maxLength: 5,
      })
      .map((parts) => parts.join('')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...ATOMS, 'x'), fc.integer({ min: 50, max: 20_000 }))
      .map(([atom, n]) => atom.repeat(Math.ceil(n / atom.length)).slice(0, n)),
  },
);

/** A JSON value of the wrong kind or with hostile content. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Real ids the path parameters and id fields may point at (so hostile bodies reach the services). */
type Ids = { user: string[]; agency: string[]; role: string[] };

/** The ids a field or path is likely to want, by its name. */
function idsFor(name: string, ids: Ids): string[] {
  if (/agenc|parent/i.test(name)) {
    return ids.agency;
  }
  if (/role/i.test(name)) {
    return ids.role;
  }
  if (/user/i.test(name)) {
    return ids.user;
  }
  return [...ids.user, ...ids.agency, ...ids.role];
}

/** A value the schema would (mostly) accept; free-text fields get hostile text, which is valid. */
function plausible(schema: JsonSchema, ids: Ids, name = ''): fc.Arbitrary<unknown> {
  if (schema.anyOf?.length) {
    return fc.oneof(...schema.anyOf.map((s) => plausible(s, ids, name)));
  }
  if (schema.enum?.length) {
    return fc.constantFrom(...schema.enum);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const base = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'integer':
      case 'number':
        return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(schema.items ? plausible(schema.items, ids, name) : hostileValue, {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 3, 3),
        });
      case 'object':
        return objectOf(schema, ids, 'valid');
      default: {
        if (schema.format === 'uuid') {
          return fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...idsFor(name, ids)) },
            { weight: 1, arbitrary: fc.uuid() },
          );
        }
        if (schema.format === 'email') {
          return fc.emailAddress();
        }
        if (schema.format === 'date-time') {
          return fc
            .date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) })
            .map((d) => d.toISOString());
        }
        if (schema.pattern) {
          return fc.stringMatching(new RegExp(schema.pattern), {
            maxLength: schema.maxLength ?? 64,
          });
        }
        // Free text: hostile, padded or cut to the allowed length so that it is valid.
        const min = schema.minLength ?? 0;
        const max = schema.maxLength ?? 10_000;
        return fc
          .oneof(hostileString, fc.string({ minLength: 1, maxLength: 20 }))
          .map((v) => `${v}${'x'.repeat(Math.max(0, min - v.length))}`.slice(0, max));
      }
    }
  })();
  return schema.nullable ? fc.option(base, { nil: null }) : base;
}

/**
 * An object of the schema's properties. `valid`: required ones always, others at random, all
 * plausible (hostile text only where any text is valid), nothing extra: these reach the use cases.
 * `mixed`: any subset, some of the wrong type or hostile, sometimes with unknown (odd) fields.
 */
function objectOf(schema: JsonSchema, ids: Ids, mode: 'valid' | 'mixed') {
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {}).map(([name, s]) => {
    const value =
      mode === 'valid'
        ? plausible(s, ids, name)
        : fc.oneof(
            { weight: 7, arbitrary: plausible(s, ids, name) },
            { weight: 3, arbitrary: hostileValue },
          );
    const entry = value.map((v) => [name, v] as const);
    return mode === 'valid' && required.has(name) ? entry : fc.option(entry, { freq: 3 });
  });
  const extras =
    mode === 'valid'
      ? fc.constant(null)
      : fc.option(fc.dictionary(hostileString, hostileValue, { minKeys: 1, maxKeys: 2 }), {
          freq: 2,
        });
  return fc.tuple(fc.tuple(...entries), extras).map(([picked, extra]) => {
    const obj: Record<string, unknown> = {};
    for (const e of picked) {
      if (e) {
        obj[e[0]] = e[1];
      }
    }
    for (const [k, v] of Object.entries(extra ?? {})) {
      if (!(k in obj)) {
        obj[k] = v;
      }
    }
    return obj;
  });
}

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string | undefined; payload: string };

function bodyArb(route: RouteSpec, ids: Ids): fc.Arbitrary<Body> {
  const schema = route.body ?? { type: 'object', properties: {} };
  return fc.oneof(
    {
      weight: 4,
      arbitrary: objectOf(schema, ids, 'valid').map((value) => ({ kind: 'json', value }) as Body),
    },
    {
      weight: 4,
      arbitrary: objectOf(schema, ids, 'mixed').map((value) => ({ kind: 'json', value }) as Body),
    },
    { weight: 2, arbitrary: hostileValue.map((value) => ({ kind: 'json', value }) as Body) },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' } as Body) },
    {
      weight: 2,
      // Malformed JSON and wrong or odd content types.
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-16',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/xml',
            'application/octet-stream',
            undefined,
          ),
          fc.oneof(
            fc.constantFrom(
              '{"username": "admin", ',
              '{"a":1}}',
              "{'a': 1}",
              '[1, 2,',
              '\u0000',
              '{"__proto__": {"isAdmin": true}}',
              '{"constructor": {"prototype": {"polluted": 1}}}',
              '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
              'username=admin&password=x',
              '',
            ),
            hostileString,
          ),
        )
        .map(([contentType, payload]) => ({ kind: 'raw', contentType, payload }) as Body),
    },
    {
      weight: 1,
      // Huge bodies around and over the limit.
      arbitrary: fc
        .constantFrom(BODY_LIMIT - 4096, BODY_LIMIT + 1, Math.round(BODY_LIMIT * 1.5))
        .map(
          (size) =>
            ({
              kind: 'raw',
              contentType: 'application/json',
              payload: JSON.stringify({
                name: "'; DROP TABLE app_user; --".repeat(size / 26).slice(0, size),
              }),
            }) as Body,
        ),
    },
  );
}

/**
 * Percent-encode like encodeURIComponent, but also lone surrogates (which it refuses), as the
 * bytes a careless client would send for them (WTF-8): the server must cope with those too.
 */
function encodeLoose(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const next = s.charCodeAt(i + 1);
      if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += encodeURIComponent(s.slice(i, i + 2));
        i++;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      } else {
        out += encodeURIComponent(s[i] as string);
      }
    }
    return out;
  }
}

function queryArb(route: RouteSpec, ids: Ids): fc.Arbitrary<string> {
  const known = Object.entries(route.query);
  // Only known parameters with plausible values (hostile text where text is valid): these reach
  // the use cases.
  const validPairs = fc
    .tuple(
      ...known.map(([name, s]) =>
        fc.option(
          plausible(s, ids, name).map((v) => [name, v] as const),
          { freq: 2 },
        ),
      ),
    )
    .map((ps) => ps.filter((p) => p !== null));
  const pairs = fc.array(
    fc.oneof(
      ...(known.length
        ? [
            fc
              .constantFrom(...known)
              .chain(([name, s]) =>
                fc.oneof(plausible(s, ids), hostileValue).map((v) => [name, v] as const),
              ),
          ]
        : []),
      fc.tuple(hostileString, hostileString),
    ),
    { maxLength: 4 },
  );
  const encode = (v: unknown) => encodeLoose(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  const join = (ps: (readonly [unknown, unknown])[]) =>
    ps.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  return fc.oneof(
    { weight: 3, arbitrary: validPairs.map(join) },
    { weight: 3, arbitrary: pairs.map(join) },
    {
      weight: 1,
      // Raw, possibly malformed query strings: bad escapes, brackets, repeats, no value.
      arbitrary: fc.constantFrom(
        '%',
        '%zz',
        'page=1&page=2&page=3',
        'q[]=a&q[]=b',
        'q[__proto__][x]=1',
        'pageSize',
        '=&=&&',
        'page=99999999999999999999',
        'q=%00',
        'q=%ED%A0%80',
      ),
    },
  );
}

function paramArb(route: RouteSpec, ids: Ids): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...idsFor(route.path, ids)) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
      ),
    },
    { weight: 3, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.constantFrom('..', '.', '%2e%2e', 'x'.repeat(5000), ' ', '%') },
  );
}

type Req = {
  url: string;
  body: Body;
  /** Strings that must never come back in an error. */
  needles: string[];
  /** Top-level keys sent (body and query): an error may name them as its field. */
  keys: string[];
  /** Whether the router can match the path at all (path parameters are limited to 100 chars). */
  routable: boolean;
};

/** A key that reads as a field name: repeating it back ("foo: unknown field") is harmless. */
const NAME_LIKE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Every value and every odd key a request carries: none of them may come back in an error. */
function stringsIn(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') {
    out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) {
      stringsIn(v, out);
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!NAME_LIKE.test(k)) {
        out.push(k);
      }
      stringsIn(v, out);
    }
  }
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Enum members of a route's schemas: valid values a message may list ("expected one of …"). */
function enumValues(schema: JsonSchema | null | undefined, out = new Set<string>()): Set<string> {
  if (!schema) {
    return out;
  }
  for (const v of schema.enum ?? []) {
    out.add(String(v));
  }
  for (const s of [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(schema.anyOf ?? []),
  ]) {
    enumValues(s, out);
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requestArb(route: RouteSpec, ids: Ids): fc.Arbitrary<Req> {
  const valid = enumValues(route.body);
  for (const s of Object.values(route.query)) {
    enumValues(s, valid);
  }
  const params = fc.tuple(...route.params.map(() => paramArb(route, ids)));
  const body = route.method === 'GET' ? fc.constant({ kind: 'none' } as Body) : bodyArb(route, ids);
  return fc.tuple(params, queryArb(route, ids), body).map(([ps, query, b]) => {
    let i = 0;
    const needles: string[] = [];
    let routable = true;
    let url = route.path.replace(/:\w+|\*/g, () => {
      const v = ps[i++] ?? 'x';
      needles.push(v);
      routable &&= encodeLoose(v).length <= 100 && !LONE_SURROGATE.test(v);
      return encodeLoose(v);
    });
    const keys: string[] = [];
    if (query) {
      url += `?${query}`;
      for (const part of query.split('&')) {
        const [k = '', ...v] = part.split('=');
        keys.push(decode(k));
        if (!NAME_LIKE.test(decode(k))) {
          needles.push(decode(k));
        }
        needles.push(decode(v.join('=')));
      }
    }
    if (b.kind === 'json') {
      stringsIn(b.value, needles);
      if (b.value && typeof b.value === 'object' && !Array.isArray(b.value)) {
        keys.push(...Object.keys(b.value));
      }
    } else if (b.kind === 'raw') {
      needles.push(b.payload);
      try {
        const parsed: unknown = JSON.parse(b.payload);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          keys.push(...Object.keys(parsed));
        }
      } catch {
        // Not JSON: no keys.
      }
    }
    return {
      url,
      body: b,
      // Short strings (and ids) may well occur in a message by chance; hostile ones are longer.
      needles: needles.filter(
        // A name-like key may be repeated as the field; a value that happens to lie inside such a
        // key (the value "constructor", the key "NaNconstructor") is then no echo of the value.
        (s) =>
          s.length >= 6 &&
          !UUID.test(s) &&
          !valid.has(s) &&
          !keys.includes(s) &&
          !keys.some((k) => k.includes(s) && NAME_LIKE.test(k)),
      ),
      keys,
      routable,
    };
  });
}

function inject(req: Req): InjectOptions {
  if (req.body.kind === 'json') {
    return {
      url: req.url,
      payload: JSON.stringify(req.body.value),
      headers: { 'content-type': 'application/json' },
    };
  }
  if (req.body.kind === 'raw') {
    return {
      url: req.url,
      payload: req.body.payload,
      headers: req.body.contentType ? { 'content-type': req.body.contentType } : {},
    };
  }
  return { url: req.url };
}

// ---- the checks ----

const ERROR_CODES = new Set([
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'MFA_REQUIRED',
  'MFA_ENROLLMENT_REQUIRED',
  'CSRF_INVALID',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'CONSENT_REQUIRED',
  // The federation inbox answers peers with its refusal reasons (a protocol vocabulary of its own).
  ...INBOX_REFUSALS.map((r) => r.toUpperCase()),
]);

function fieldNamesOf(route: RouteSpec): Set<string> {
  return new Set([
    'body',
    'querystring',
    'params',
    ...route.params,
    ...Object.keys(route.query),
    ...Object.keys(route.body?.properties ?? {}),
  ]);
}

function checkResponse(route: RouteSpec, req: Req, res: LightMyRequestResponse): void {
  const where = `${route.method} ${req.url.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  if (res.statusCode < 400) {
    return;
  }
  const body = res.json() as { error?: { code?: unknown; message?: unknown; field?: unknown } };
  expect(body.error, where).toBeTypeOf('object');
  const { code, message, field } = body.error ?? {};
  expect(ERROR_CODES.has(code as string), `known code: ${where}`).toBe(true);
  expect(message, where).toBeTypeOf('string');
  expect((message as string).length, where).toBeLessThanOrEqual(400);
  for (const needle of req.needles) {
    expect(
      (message as string).includes(needle),
      `message echoes ${JSON.stringify(needle.slice(0, 80))}: ${where}`,
    ).toBe(false);
    if (typeof field === 'string') {
      expect(
        field.includes(needle),
        `field echoes ${JSON.stringify(needle.slice(0, 80))}: ${where}`,
      ).toBe(false);
    }
  }
  if (field !== undefined) {
    expect(field, where).toBeTypeOf('string');
    const head = (field as string).split('.')[0] as string;
    expect(
      fieldNamesOf(route).has(head) || req.keys.includes(head),
      `field names a known or sent field: ${where}`,
    ).toBe(true);
  }
  const objectBody =
    req.body.kind === 'json' &&
    req.body.value !== null &&
    typeof req.body.value === 'object' &&
    !Array.isArray(req.body.value);
  if (code === 'INVALID_INPUT' && objectBody && route.body && req.routable) {
    expect(field, `INVALID_INPUT of a JSON object names the field: ${where}`).toBeTypeOf('string');
  }
}

/** Failed-login counters change on a refused login or code on purpose; everything else must not. */
const COUNTERS = { app_user: ['failed_login_count', 'locked_until'] };

// ---- the tests ----

describe('hostile input: route enumeration', () => {
  it('finds the API routes in the router and documents every one of them', () => {
    expect(ROUTES.length).toBeGreaterThan(20);
    expect(ROUTES.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/auth/login');
    expect(UNDOCUMENTED).toEqual([]);
  });
});

for (const engine of DB_TARGETS) {
  describe(`${engine}: hostile input`, () => {
    let t: TestApp;
    let admin: Client | null = null;
    let adminId = '';
    const ids: Ids = { user: [], agency: [], role: [] };

    beforeAll(async () => {
      t = await buildTestApp(engine);
      const db = t.handle.db;
      admin = await loginAs(t.app, 'admin');
      adminId = admin.userId;
      // Sacrificial records the generated requests may hit by id (never the administrator itself).
      const agency = await admin.request({
        method: 'POST',
        url: '/api/agencies',
        payload: { name: 'Hostile target agency', type: 'ngo', countryCode: 'LA' },
      });
      const role = await admin.request({
        method: 'POST',
        url: '/api/roles',
        payload: { key: 'hostile_target', name: 'Hostile target', permissions: [] },
      });
      const user = await admin.request({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'hostile.target',
          displayName: 'Hostile target',
          agencyId: agency.json().id,
          roleIds: [role.json().id],
          password: 'hostile-password-2026',
        },
      });
      const others = await db
        .selectFrom('agency')
        .select('id')
        .where('id', '!=', admin.agencyId)
        .orderBy('name')
        .limit(2)
        .execute();
      ids.user = [user.json().id];
      ids.agency = [agency.json().id, ...others.map((a) => a.id)];
      ids.role = [role.json().id];
      expect([...ids.user, ...ids.agency, ...ids.role].every((id) => typeof id === 'string')).toBe(
        true,
      );
    }, 60_000);

    afterAll(async () => {
      await t?.close();
    });

    /** The administrator's client, logging in again when a generated request logged it out. */
    async function adminClient(): Promise<Client> {
      // A wrong code sent to the enrolment route counts towards lockout: start every run unlocked.
      await t.handle.db
        .updateTable('app_user')
        .set({ failed_login_count: 0, locked_until: null })
        .where('id', '=', adminId)
        .execute();
      const alive = admin
        ? (await admin.request({ method: 'GET', url: '/api/auth/session' })).statusCode === 200
        : false;
      if (!alive) {
        admin = await loginAs(t.app, 'admin');
      }
      return admin as Client;
    }

    for (const route of ROUTES) {
      for (const who of ['admin', 'anonymous'] as const) {
        it(`${route.method} ${route.path} as ${who}`, async () => {
          await fc.assert(
            fc.asyncProperty(requestArb(route, ids), async (req) => {
              const client = who === 'admin' ? await adminClient() : null;
              const before = await snapshot(t.handle.db, COUNTERS);
              const opts = { ...inject(req), method: route.method as InjectOptions['method'] };
              const res = client ? await client.request(opts) : await t.app.inject(opts);
              checkResponse(route, req, res);
              if (res.statusCode >= 400) {
                expect(
                  await snapshot(t.handle.db, COUNTERS),
                  'a refused request stores nothing',
                ).toEqual(before);
              }
            }),
            { numRuns: RUNS },
          );
        });
      }
    }

    it('still holds a consistent administrator afterwards', async () => {
      const client = await adminClient();
      const res = await client.request({ method: 'GET', url: `/api/users/${adminId}` });
      expect(res.statusCode).toBe(200);
    });
  });
}
