/**
 * The SDK's own operation and error schemas, per SigV4 signing name. Each client package exports
 * `<Operation>$` (static operation schema `[9, namespace, name, traits, input, output]`) and
 * `<ErrorShape>$` (`[-3, namespace, name, traits, ...]`). Packages load lazily and once: the EC2
 * client alone takes about half a second.
 */
import { NormalizedSchema } from '@smithy/core/schema';

export type ProtocolName = 'ec2Query' | 'awsQuery' | 'awsJson1_0' | 'awsJson1_1' | 'restJson1';

export interface ServiceInfo {
  load: () => Promise<Record<string, unknown>>;
  protocol: ProtocolName;
  /** For the XML protocols (the SDK ignores it, AWS sends it). */
  xmlNamespace?: string;
  /** awsJson1_0 with `awsQueryCompatible` (CloudWatch): errors carry `x-amzn-query-error`. */
  queryCompatible?: boolean;
}

export const serviceInfo: Record<string, ServiceInfo> = {
  ec2: {
    load: () => import('@aws-sdk/client-ec2'),
    protocol: 'ec2Query',
    xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  },
  autoscaling: {
    load: () => import('@aws-sdk/client-auto-scaling'),
    protocol: 'awsQuery',
    xmlNamespace: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
  },
  elasticloadbalancing: {
    load: () => import('@aws-sdk/client-elastic-load-balancing-v2'),
    protocol: 'awsQuery',
    xmlNamespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  },
  sts: {
    load: () => import('@aws-sdk/client-sts'),
    protocol: 'awsQuery',
    xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  },
  ssm: { load: () => import('@aws-sdk/client-ssm'), protocol: 'awsJson1_1' },
  kms: { load: () => import('@aws-sdk/client-kms'), protocol: 'awsJson1_1' },
  servicequotas: { load: () => import('@aws-sdk/client-service-quotas'), protocol: 'awsJson1_1' },
  monitoring: {
    load: () => import('@aws-sdk/client-cloudwatch'),
    protocol: 'awsJson1_0',
    queryCompatible: true,
  },
  imagebuilder: { load: () => import('@aws-sdk/client-imagebuilder'), protocol: 'restJson1' },
  inspector2: { load: () => import('@aws-sdk/client-inspector2'), protocol: 'restJson1' },
  // The registry's @aws-sdk/client-rbin predates the SDK's schemas: the simulator carries its own.
  rbin: { load: () => import('../services/rbin/schemas.js'), protocol: 'restJson1' },
};

export interface OperationSchema {
  name: string;
  traits: Record<string, any>;
  input: NormalizedSchema;
  output: NormalizedSchema;
}

export interface ErrorInfo {
  /** Shape name = SDK class name (`ActiveInstanceRefreshNotFoundFault`). */
  className: string;
  /** Code on the query wire (`ActiveInstanceRefreshNotFound`): the `awsQueryError` trait, else the shape name. */
  queryCode: string;
  /** Status from the model: `awsQueryError`'s, else `httpError`. */
  queryStatus?: number;
  httpStatus?: number;
  fault: 'client' | 'server';
  schema: NormalizedSchema;
}

const isStatic = (v: unknown, kind: number): v is any[] => Array.isArray(v) && v[0] === kind;

export class ServiceSchemas {
  private readonly ops = new Map<string, OperationSchema | null>();
  private errorsByQueryCode?: Map<string, ErrorInfo>;

  constructor(
    readonly signingName: string,
    readonly info: ServiceInfo,
    private readonly mod: Record<string, unknown>,
  ) {}

  operation(name: string): OperationSchema | undefined {
    if (!this.ops.has(name)) {
      const raw = /^[A-Za-z0-9]+$/.test(name) ? this.mod[`${name}$`] : undefined;
      this.ops.set(name, isStatic(raw, 9) ? toOperation(raw) : null);
    }
    return this.ops.get(name) ?? undefined;
  }

  /** Every operation of the service (restJson1 routing walks them). */
  allOperations(): OperationSchema[] {
    return Object.values(this.mod)
      .filter((v) => isStatic(v, 9))
      .map((v: any) => this.operation(v[2]))
      .filter((op): op is OperationSchema => !!op);
  }

  /** Finds an error by class name or by query wire code. */
  error(code: string): ErrorInfo | undefined {
    const raw = /^[A-Za-z0-9]+$/.test(code) ? this.mod[`${code}$`] : undefined;
    if (isStatic(raw, -3)) return toError(raw);
    if (!this.errorsByQueryCode) {
      this.errorsByQueryCode = new Map();
      for (const v of Object.values(this.mod)) {
        if (!isStatic(v, -3)) continue;
        const info = toError(v);
        if (info.queryCode !== info.className) this.errorsByQueryCode.set(info.queryCode, info);
      }
    }
    return this.errorsByQueryCode.get(code);
  }
}

function toOperation(raw: any[]): OperationSchema {
  return {
    name: raw[2],
    traits: NormalizedSchema.of(raw as any).getMergedTraits() as Record<string, any>,
    input: NormalizedSchema.of(raw[4]),
    output: NormalizedSchema.of(raw[5]),
  };
}

function toError(raw: any[]): ErrorInfo {
  const schema = NormalizedSchema.of(raw as any);
  const traits = schema.getMergedTraits() as Record<string, any>;
  const query = traits.awsQueryError as [string, number] | undefined;
  return {
    className: raw[2],
    queryCode: query?.[0] ?? raw[2],
    queryStatus: query?.[1],
    httpStatus: traits.httpError,
    fault: traits.error === 'server' ? 'server' : 'client',
    schema,
  };
}

const cache = new Map<string, Promise<ServiceSchemas>>();

/** The schemas for a signing name, or undefined when no SDK client for it is known. */
export function loadSchemas(signingName: string): Promise<ServiceSchemas> | undefined {
  const info = serviceInfo[signingName];
  if (!info) return undefined;
  let p = cache.get(signingName);
  if (!p) {
    p = info.load().then((mod) => new ServiceSchemas(signingName, info, mod));
    cache.set(signingName, p);
  }
  return p;
}
