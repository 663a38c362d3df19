/**
 * restJson1 (Image Builder): method + path from the operation's `http` trait; members bound with
 * `httpLabel`, `httpQuery`, `httpQueryParams`, `httpHeader`, `httpPayload`; the rest in a JSON body
 * under their `jsonName`.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import type { OperationSchema, ServiceSchemas } from '../core/schemas.js';
import { readJson, writeJson } from './codec-json.js';
import { SerializationError } from './json-rpc.js';
import { DATE_TIME, formatTimestamp, fromString, HTTP_DATE, timestampFormat } from './scalars.js';
import type { Protocol, SimRequest } from './types.js';

const opts = { jsonName: true, skipBound: true };

interface Route {
  op: OperationSchema;
  method: string;
  regex: RegExp;
  labels: string[];
  literal: number;
  query: [string, string][];
}

function compile(op: OperationSchema): Route | undefined {
  const http = op.traits.http as [string, string, number] | undefined;
  if (!http) return undefined;
  const [path, qs = ''] = http[1].split('?');
  const labels: string[] = [];
  const pattern = path.replace(/\{([^}]+?)(\+?)\}|[^{]+/g, (m, label: string | undefined, greedy: string) => {
    if (!label) return m.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    labels.push(label);
    return greedy ? '(.+)' : '([^/]+)';
  });
  return {
    op,
    method: http[0],
    regex: new RegExp(`^${pattern}/?$`),
    labels,
    literal: path.replace(/\{[^}]+\}/g, '').length,
    query: [...new URLSearchParams(qs)],
  };
}

const routesCache = new WeakMap<ServiceSchemas, Route[]>();

function routes(schemas: ServiceSchemas): Route[] {
  let r = routesCache.get(schemas);
  if (!r) {
    r = schemas
      .allOperations()
      .map(compile)
      .filter((x): x is Route => !!x)
      .sort((a, b) => b.literal - a.literal);
    routesCache.set(schemas, r);
  }
  return r;
}

function match(req: SimRequest, route: Route): Record<string, string> | undefined {
  if (route.method !== req.method) return undefined;
  const m = route.regex.exec(req.path);
  if (!m) return undefined;
  if (route.query.some(([k, v]) => req.query.get(k) !== v && !(v === '' && req.query.has(k))))
    return undefined;
  return Object.fromEntries(route.labels.map((l, i) => [l, decodeURIComponent(m[i + 1])]));
}

function findRoute(req: SimRequest, schemas: ServiceSchemas) {
  for (const route of routes(schemas)) {
    const labels = match(req, route);
    if (labels) return { route, labels };
  }
  return undefined;
}

function scalar(member: NormalizedSchema, raw: string, fallbackFormat: number) {
  return fromString(member, raw, fallbackFormat);
}

export function restJsonProtocol(): Protocol {
  return {
    name: 'restJson1',
    operationName(req, schemas) {
      return findRoute(req, schemas)?.route.op.name;
    },
    decodeInput(req, op, schemas) {
      const found = findRoute(req, schemas);
      const labels = found?.route.op === op ? found.labels : {};
      let body: any = {};
      const payloadMember = [...op.input.structIterator()].find(([, m]) => m.getMergedTraits().httpPayload);
      if (!payloadMember && req.body) {
        try {
          body = JSON.parse(req.body);
        } catch {
          throw new SerializationError('Request body is not valid JSON');
        }
      }
      const input: Record<string, any> = readJson(op.input, body, opts) ?? {};
      for (const [name, member] of op.input.structIterator()) {
        const t = member.getMergedTraits() as Record<string, any>;
        if (t.httpLabel && labels[name] !== undefined) input[name] = scalar(member, labels[name], DATE_TIME);
        else if (t.httpQuery !== undefined && req.query.has(t.httpQuery)) {
          const values = req.query.getAll(t.httpQuery);
          input[name] = member.isListSchema()
            ? values.map((v) => scalar(member.getValueSchema(), v, DATE_TIME))
            : scalar(member, values[0], DATE_TIME);
        } else if (t.httpHeader !== undefined) {
          const raw = req.headers[String(t.httpHeader).toLowerCase()];
          if (raw !== undefined) {
            input[name] = member.isListSchema()
              ? raw.split(',').map((v) => scalar(member.getValueSchema(), v.trim(), HTTP_DATE))
              : scalar(member, raw, HTTP_DATE);
          }
        } else if (t.httpQueryParams) {
          const bound = new Set(
            [...op.input.structIterator()].map(([, m]) => m.getMergedTraits().httpQuery).filter(Boolean),
          );
          const params: Record<string, string> = {};
          for (const [k, v] of req.query) if (!bound.has(k)) params[k] = v;
          input[name] = params;
        } else if (t.httpPayload && req.body) {
          input[name] = member.isStructSchema() ? readJson(member, JSON.parse(req.body), opts) : req.body;
        }
      }
      return input;
    },
    encodeOutput(op, output, _requestId) {
      const out = (output ?? {}) as Record<string, any>;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      let status = (op.traits.http as [string, string, number] | undefined)?.[2] ?? 200;
      let body = JSON.stringify(writeJson(op.output, out, opts) ?? {});
      for (const [name, member] of op.output.structIterator()) {
        const t = member.getMergedTraits() as Record<string, any>;
        const v = out[name];
        if (v == null) continue;
        if (t.httpResponseCode) status = Number(v);
        else if (t.httpHeader) {
          headers[String(t.httpHeader).toLowerCase()] = member.isTimestampSchema()
            ? String(formatTimestamp(v, timestampFormat(member, HTTP_DATE)))
            : String(v);
        } else if (t.httpPayload) {
          body = member.isStructSchema() ? JSON.stringify(writeJson(member, v, opts)) : String(v);
        }
      }
      return { status, headers, body };
    },
    encodeError(err) {
      const fields = err.info && err.fields ? (writeJson(err.info.schema, err.fields, opts) as object) : {};
      return {
        status: err.status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': err.className },
        body: JSON.stringify({ ...fields, message: err.message }),
      };
    },
    throttle: { code: 'TooManyRequestsException', status: 429, message: 'Rate exceeded' },
    serverError: { code: 'ServiceException', status: 500, message: 'An internal error has occurred' },
  };
}
