import { validateDataProductEntity } from './schema';
import { durationToSeconds, formatDuration } from './duration';

const valid = {
  apiVersion: 'dataplatform.contoso.com/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'deal-fraud-scores' },
  spec: {
    domain: 'finance',
    owner: 'group:finance-domain-owners',
    layer: 'gold',
    classification: 'confidential',
    lifecycle: 'production',
    outputPorts: [{ name: 'scores', contract: 'api:deal-fraud-scores' }],
    inputPorts: [{ name: 'deals', contract: 'deals-silver' }],
    sla: { freshness: 'PT15M', availability: 99.9, rpo: 'PT36H', rto: 'PT24H' },
    retentionClass: 'audit',
    residency: 'eu',
    externalSharing: false,
  },
};

describe('validateDataProductEntity', () => {
  it('accepts a complete data product and returns it', () => {
    expect(validateDataProductEntity(valid)).toBe(valid);
  });

  it('ignores other kinds', () => {
    expect(
      validateDataProductEntity({ ...valid, kind: 'Component', spec: {} }),
    ).toBe(false);
  });

  it.each([
    ['layer', { layer: 'platinum' }, /layer/],
    ['classification', { classification: 'secret' }, /classification/],
    ['freshness', { sla: { ...valid.spec.sla, freshness: '15 minutes' } }, /freshness/],
    ['unknown field', { colour: 'blue' }, /colour/],
    ['missing output ports', { outputPorts: [] }, /outputPorts/],
  ])('rejects a bad %s, naming the field', (_, patch, field) => {
    expect(() =>
      validateDataProductEntity({ ...valid, spec: { ...valid.spec, ...patch } }),
    ).toThrow(field);
  });
});

describe('durations', () => {
  it('reads ISO 8601 durations', () => {
    expect(durationToSeconds('PT15M')).toBe(900);
    expect(durationToSeconds('P1DT12H')).toBe(129600);
    expect(durationToSeconds('15m')).toBeUndefined();
    expect(durationToSeconds('P')).toBeUndefined();
  });

  it('says durations as people do', () => {
    expect(formatDuration('PT1H30M')).toBe('1 hour 30 minutes');
    expect(formatDuration('P1D')).toBe('1 day');
    expect(formatDuration('soon')).toBe('soon');
  });
});
