// Reads a scenario file: YAML, checked against the schema and for values that
// cannot make sense together; every error names the key and its line.
import { readFile } from 'node:fs/promises';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { userError } from '../errors.ts';
import { scenarioSchema, protocolOf, familyOf, type Scenario } from './schema.ts';
import { sourceProblems } from '../flood/sources.ts';
import { PROTOCOLS } from '../protocols/index.ts';
import { forwardingOf } from '../forwarding/index.ts';
import type { ScenarioProblem } from './problem.ts';
import { knobProblems } from './knobs.ts';

export type { ScenarioProblem };

const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile(scenarioSchema);

function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): number | undefined {
  // Walk up to the nearest node that exists (an unknown key's parent, say).
  for (let n = path.length; n >= 0; n--) {
    const node = path.length === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    if (n === 0 && isNode(doc.contents) && doc.contents.range) return lines.linePos(doc.contents.range[0]).line;
  }
  return undefined;
}

function keyLine(doc: Document, lines: LineCounter, parent: string[], key: string): number | undefined {
  const map = parent.length === 0 ? doc.contents : doc.getIn(parent, true);
  if (map && typeof map === 'object' && 'items' in map) {
    for (const pair of (map as { items: { key: unknown }[] }).items) {
      const k = pair.key;
      if (isNode(k) && 'value' in k && (k as { value: unknown }).value === key && k.range) {
        return lines.linePos(k.range[0]).line;
      }
    }
  }
  return lineOf(doc, lines, parent);
}

function describe(doc: Document, lines: LineCounter, err: ErrorObject): ScenarioProblem {
  const path = err.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (err.keyword === 'additionalProperties') {
    const extra = (err.params as { additionalProperty: string }).additionalProperty;
    const key = [...path, extra].join('.');
    return { key, line: keyLine(doc, lines, path, extra), message: `unknown key "${key}"` };
  }
  if (err.keyword === 'required') {
    const missing = (err.params as { missingProperty: string }).missingProperty;
    const key = [...path, missing].join('.');
    return { key, line: lineOf(doc, lines, path), message: `missing key "${key}"` };
  }
  const key = path.join('.') || '(top level)';
  if (err.keyword === 'oneOf' && key === 'flood.sources') {
    return { key, line: lineOf(doc, lines, path), message: `"${key}" must be uniform, {pool: N} or {subnets: [a.b.c.d/n, ...]}` };
  }
  if (err.keyword === 'enum') {
    const allowed = (err.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    return { key, line: lineOf(doc, lines, path), message: `"${key}" must be one of ${allowed.join(', ')}` };
  }
  return { key, line: lineOf(doc, lines, path), message: `"${key}" ${err.message ?? 'is invalid'}` };
}

function ipv4NetmaskProblems(netmask: string): ScenarioProblem[] {
  const octets = netmask.split('.').map(Number);
  const bits = octets.reduce((acc, o) => acc * 256 + o, 0);
  const contiguous = octets.length === 4 && octets.every((o) => o <= 255) && /^1*0*$/.test(bits.toString(2).padStart(32, '0'));
  return contiguous ? [] : [{ key: 'service.netmask', message: `service.netmask "${netmask}" is not a contiguous IPv4 netmask (a.b.c.d)` }];
}

/**
 * Sync protocol v0 carries IPv4 connections alone: its sender returns at once
 * for any other (linux 6.1.192 and 6.12.118 alike), so a backup would hold
 * nothing of an IPv6 service. v1 (the default) carries IPv6 entries
 * (ip_vs_sync_conn(): STYPE_F_INET6).
 */
export const SYNC_V0_IPV4_ONLY =
  'sysctl.sync_version 0 syncs IPv4 connections only: ip_vs_sync_conn_v0() (net/netfilter/ipvs/ip_vs_sync.c:550) returns on cp->af != AF_INET, ' +
  'so the backup of an IPv6 service would get nothing; leave sync_version out (1, which carries IPv6 entries) or use family ipv4';

/** IPv6 services: a prefix length, and what the IPv6 topology does not have (which protocols and methods: their modules' constraints). */
function ipv6Problems(s: Scenario): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  const m = /^\/(\d{1,3})$/.exec(s.service.netmask);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 128) {
    out.push({ key: 'service.netmask', message: `service.netmask "${s.service.netmask}": an IPv6 service groups clients by a prefix length, written /1../128 (e.g. /128, /64)` });
  }
  if (s.sync && s.sysctl.sync_version === 0) out.push({ key: 'sysctl.sync_version', message: SYNC_V0_IPV4_ONLY });
  const src = s.flood.sources;
  if (src !== undefined && src !== 'uniform' && 'subnets' in src) out.push({ key: 'flood.sources', message: 'flood.sources subnets are IPv4 networks: an IPv6 flood takes uniform or pool' });
  return out;
}

/** Checks across keys that the schema cannot express. */
function semanticProblems(s: Scenario): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  const floodEnd = s.flood.start + s.flood.count / s.flood.rate;
  if (s.duration < floodEnd) {
    out.push({
      key: 'duration',
      message: `duration ${s.duration} s ends before the flood does (start ${s.flood.start} s + ${s.flood.count} SYNs at ${s.flood.rate}/s = ${floodEnd.toFixed(1)} s)`,
    });
  }
  if (s.clients.count > 0 && s.clients.stop <= s.clients.start) {
    out.push({ key: 'clients.stop', message: `clients.stop (${s.clients.stop}) must be after clients.start (${s.clients.start})` });
  }
  if (s.clients.stop > s.duration) {
    out.push({ key: 'clients.stop', message: `clients.stop (${s.clients.stop}) is after the end of the run (duration ${s.duration})` });
  }
  if (s.sysctl.sync_version !== undefined && !s.sync) {
    out.push({ key: 'sysctl.sync_version', message: 'sysctl.sync_version is the sync daemon\'s message format: it needs sync: true' });
  }
  if (s.flood.sources !== undefined) {
    for (const p of sourceProblems(s.flood.sources)) out.push({ key: `flood.sources.${p.key}`, message: `flood.sources.${p.key}: ${p.message}` });
  }
  // What the service's protocol cannot do (one-packet scheduling, IPv6...): its module says.
  out.push(...PROTOCOLS[protocolOf(s)].constraints(s));
  // The director's knobs that do not act on the service's protocol.
  out.push(...knobProblems(s));
  // What the forwarding method cannot do in a scenario: its module says (none refuses anything today).
  out.push(...(forwardingOf(s).constraints?.(s) ?? []));
  out.push(...(familyOf(s) === 'ipv6' ? ipv6Problems(s) : ipv4NetmaskProblems(s.service.netmask)));
  return out;
}

export function parseScenario(text: string, file: string): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const fmt = (p: ScenarioProblem) => `${file}${p.line ? `:${p.line}` : ''}: ${p.message}`;
  if (doc.errors.length > 0) {
    const msgs = doc.errors.map((e) => `${file}:${e.linePos?.[0]?.line ?? '?'}: YAML: ${e.message.split('\n')[0]}`);
    throw userError(`invalid scenario\n  ${msgs.join('\n  ')}`);
  }
  const data: unknown = doc.toJS();
  if (!validate(data)) {
    // A oneOf that failed says so once; what each of its branches disliked is noise.
    const errs = validate.errors ?? [];
    const unions = errs.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
    const problems = errs
      .filter((e) => e.keyword === 'oneOf' || !unions.some((u) => e.instancePath === u || e.instancePath.startsWith(`${u}/`)))
      .map((e) => describe(doc, lines, e));
    throw userError(`invalid scenario\n  ${problems.map(fmt).join('\n  ')}`);
  }
  const problems = semanticProblems(data).map((p) => ({
    ...p,
    line: keyLine(doc, lines, p.key.split('.').slice(0, -1), p.key.split('.').at(-1) ?? p.key),
  }));
  if (problems.length > 0) throw userError(`invalid scenario\n  ${problems.map(fmt).join('\n  ')}`);
  return data;
}

export async function loadScenario(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw userError(`cannot read scenario ${file}: ${(e as Error).message}`);
  }
  return parseScenario(text, file);
}
