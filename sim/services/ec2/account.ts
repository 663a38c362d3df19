/** What the account sees of the region: availability zones, regions, account attributes. */
import type {
  DescribeAccountAttributesCommandInput,
  DescribeAccountAttributesCommandOutput,
  DescribeAvailabilityZonesCommandInput,
  DescribeAvailabilityZonesCommandOutput,
  DescribeRegionsCommandInput,
  DescribeRegionsCommandOutput,
} from '@aws-sdk/client-ec2';
import type { Handler } from '../../core/types.js';
import { applyFilters } from './filters.js';
import { defaultVpcId, REGIONS, zonesOf } from './region.js';

export const DescribeAvailabilityZones: Handler<
  DescribeAvailabilityZonesCommandInput,
  DescribeAvailabilityZonesCommandOutput
> = (input, ctx) => {
  const zones = zonesOf(ctx.region).map((z, i) => ({
    ZoneName: z,
    ZoneId: `${ctx.region.replace(/-/g, '').slice(0, 4)}-az${i + 1}`,
    State: 'available',
    RegionName: ctx.region,
    ZoneType: 'availability-zone',
    OptInStatus: 'opt-in-not-required',
    GroupName: ctx.region,
    NetworkBorderGroup: ctx.region,
    Messages: [],
  }));
  const named = zones.filter((z) => !input.ZoneNames?.length || input.ZoneNames.includes(z.ZoneName));
  const matched = applyFilters(named as any[], input.Filters, {
    'zone-name': (z) => z.ZoneName,
    'zone-id': (z) => z.ZoneId,
    state: (z) => z.State,
    'region-name': (z) => z.RegionName,
    'zone-type': (z) => z.ZoneType,
  });
  return { AvailabilityZones: matched };
};

export const DescribeRegions: Handler<DescribeRegionsCommandInput, DescribeRegionsCommandOutput> = (
  input,
  _ctx,
) => {
  const names: string[] | undefined = input.RegionNames;
  const items = REGIONS.filter((n) => !names?.length || names.includes(n)).map((n) => ({
    RegionName: n,
    Endpoint: `ec2.${n}.amazonaws.com`,
    OptInStatus: 'opt-in-not-required',
  }));
  const matched = applyFilters(items as any[], input.Filters, {
    'region-name': (x) => x.RegionName,
    endpoint: (x) => x.Endpoint,
    'opt-in-status': (x) => x.OptInStatus,
  });
  return { Regions: matched };
};

export const DescribeAccountAttributes: Handler<
  DescribeAccountAttributesCommandInput,
  DescribeAccountAttributesCommandOutput
> = (input, ctx) => {
  const values: Record<string, string[]> = {
    'supported-platforms': ['VPC'],
    'default-vpc': [defaultVpcId(ctx.accountId, ctx.region)],
    'max-instances': ['1280'],
    'vpc-max-security-groups-per-interface': ['5'],
    'max-elastic-ips': ['5'],
    'vpc-max-elastic-ips': ['5'],
  };
  const names: string[] = input.AttributeNames?.length ? input.AttributeNames : Object.keys(values);
  return {
    AccountAttributes: names
      .filter((n) => values[n])
      .map((n) => ({ AttributeName: n, AttributeValues: values[n].map((v) => ({ AttributeValue: v })) })),
  };
};
