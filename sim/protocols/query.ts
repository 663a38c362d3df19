/** ec2Query and awsQuery: form-encoded requests, XML responses. */
import type { ServiceInfo } from '../core/schemas.js';
import { readQuery } from './codec-query.js';
import { writeXmlMembers } from './codec-xml.js';
import { escapeXml } from './scalars.js';
import type { Protocol, SimRequest } from './types.js';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const xmlHeaders = { 'content-type': 'text/xml' };

function formOf(req: SimRequest): URLSearchParams {
  return new URLSearchParams(req.body);
}

function inputParams(req: SimRequest): URLSearchParams {
  const params = formOf(req);
  params.delete('Action');
  params.delete('Version');
  return params;
}

const operationName: Protocol['operationName'] = (req, schemas) => {
  const action = formOf(req).get('Action') ?? req.query.get('Action') ?? '';
  return schemas.operation(action) ? action : undefined;
};

function errorFields(err: { info?: { schema: any }; fields?: Record<string, unknown> }): string {
  return err.info && err.fields ? writeXmlMembers(err.info.schema, err.fields) : '';
}

export function ec2QueryProtocol(info: ServiceInfo): Protocol {
  return {
    name: 'ec2Query',
    operationName,
    decodeInput: (req, op) => readQuery(op.input, inputParams(req), { ec2: true }),
    encodeOutput(op, output, requestId) {
      const ns = info.xmlNamespace ? ` xmlns="${info.xmlNamespace}"` : '';
      const members = op.output.isStructSchema() ? writeXmlMembers(op.output, output) : '';
      const root = `${op.name}Response`;
      const body = `${XML_HEAD}<${root}${ns}><requestId>${requestId}</requestId>${members}</${root}>`;
      return { status: 200, headers: { ...xmlHeaders }, body };
    },
    encodeError(err, _op, requestId) {
      const body =
        `${XML_HEAD}<Response><Errors><Error><Code>${escapeXml(err.queryCode)}</Code>` +
        `<Message>${escapeXml(err.message)}</Message>${errorFields(err)}</Error></Errors>` +
        `<RequestID>${requestId}</RequestID></Response>`;
      return { status: err.status, headers: { ...xmlHeaders }, body };
    },
    throttle: { code: 'RequestLimitExceeded', status: 503, message: 'Request limit exceeded.' },
    serverError: {
      code: 'InternalError',
      status: 500,
      message: 'An internal error has occurred',
    },
  };
}

export function awsQueryProtocol(info: ServiceInfo): Protocol {
  const ns = info.xmlNamespace ? ` xmlns="${info.xmlNamespace}"` : '';
  return {
    name: 'awsQuery',
    operationName,
    decodeInput: (req, op) => readQuery(op.input, inputParams(req), { ec2: false }),
    encodeOutput(op, output, requestId) {
      const hasMembers = op.output.isStructSchema() && [...op.output.structIterator()].length > 0;
      const result = hasMembers
        ? `<${op.name}Result>${writeXmlMembers(op.output, output)}</${op.name}Result>`
        : '';
      const root = `${op.name}Response`;
      const body =
        `${XML_HEAD}<${root}${ns}>${result}` +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${root}>`;
      return { status: 200, headers: { ...xmlHeaders }, body };
    },
    encodeError(err, _op, requestId) {
      const type = err.fault === 'server' ? 'Receiver' : 'Sender';
      const body =
        `${XML_HEAD}<ErrorResponse${ns}><Error><Type>${type}</Type><Code>${escapeXml(err.queryCode)}</Code>` +
        `<Message>${escapeXml(err.message)}</Message>${errorFields(err)}</Error>` +
        `<RequestId>${requestId}</RequestId></ErrorResponse>`;
      return { status: err.status, headers: { ...xmlHeaders }, body };
    },
    throttle: { code: 'Throttling', status: 400, message: 'Rate exceeded' },
    serverError: { code: 'InternalFailure', status: 500, message: 'An internal error has occurred' },
  };
}
