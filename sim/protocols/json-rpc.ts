/** awsJson1_0 and awsJson1_1: `X-Amz-Target: <Prefix>.<Operation>`, JSON in and out. */
import type { ServiceInfo } from '../core/schemas.js';
import { readJson, writeJson } from './codec-json.js';
import type { Protocol } from './types.js';

export class SerializationError extends Error {}

export function jsonRpcProtocol(info: ServiceInfo): Protocol {
  const version = info.protocol === 'awsJson1_0' ? '1.0' : '1.1';
  const contentType = `application/x-amz-json-${version}`;
  const opts = { jsonName: false };
  return {
    name: info.protocol,
    operationName(req, schemas) {
      const target = req.headers['x-amz-target'] ?? '';
      const name = target.slice(target.lastIndexOf('.') + 1);
      return schemas.operation(name) ? name : undefined;
    },
    decodeInput(req, op) {
      let body: unknown;
      try {
        body = JSON.parse(req.body || '{}');
      } catch {
        throw new SerializationError('Request body is not valid JSON');
      }
      return readJson(op.input, body, opts) ?? {};
    },
    encodeOutput(op, output, _requestId) {
      const body = JSON.stringify(writeJson(op.output, output ?? {}, opts) ?? {});
      return { status: 200, headers: { 'content-type': contentType }, body };
    },
    encodeError(err) {
      const headers: Record<string, string> = {
        'content-type': contentType,
        'x-amzn-errortype': err.className,
      };
      if (info.queryCompatible) {
        headers['x-amzn-query-error'] = `${err.queryCode};${err.fault === 'server' ? 'Receiver' : 'Sender'}`;
      }
      const fields = err.info && err.fields ? (writeJson(err.info.schema, err.fields, opts) as object) : {};
      const body = JSON.stringify({ ...fields, __type: err.className, message: err.message });
      return { status: err.status, headers, body };
    },
    throttle: {
      code: 'ThrottlingException',
      queryCode: info.queryCompatible ? 'Throttling' : undefined,
      status: 400,
      message: 'Rate exceeded',
    },
    serverError: { code: 'InternalFailure', status: 500, message: 'An internal error has occurred' },
  };
}
