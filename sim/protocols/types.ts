import type { ErrorInfo, OperationSchema, ProtocolName, ServiceSchemas } from '../core/schemas.js';

export interface SimRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** An error ready to be written: codes resolved against the service's error schemas. */
export interface WireError {
  /** Shape name (SDK class name) when modeled, else the code as thrown. */
  className: string;
  /** Code on the query wire (`awsQueryError` trait), else the same as className. */
  queryCode: string;
  message: string;
  status: number;
  fault: 'client' | 'server';
  info?: ErrorInfo;
  fields?: Record<string, unknown>;
}

export interface Protocol {
  readonly name: ProtocolName;
  /** Operation the request names, when the service has it. */
  operationName(req: SimRequest, schemas: ServiceSchemas): string | undefined;
  decodeInput(req: SimRequest, op: OperationSchema, schemas: ServiceSchemas): Record<string, any>;
  encodeOutput(op: OperationSchema, output: unknown, requestId: string): SimResponse;
  encodeError(err: WireError, operation: string | undefined, requestId: string): SimResponse;
  /** What AWS answers when it throttles this protocol's callers. */
  readonly throttle: CannedError;
  /** What AWS answers on an internal error. */
  readonly serverError: CannedError;
}

export interface CannedError {
  code: string;
  /** Query wire code when it differs (query-compatible JSON). */
  queryCode?: string;
  status: number;
  message: string;
}
