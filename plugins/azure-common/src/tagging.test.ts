import { findTagProblems, REQUIRED_SUBSCRIPTION_TAGS } from './tagging';

const compliant = {
  domain: 'finance',
  owner: 'finance-domain-owners',
  costCenter: 'CC-1010',
  dataClassification: 'confidential',
  dataResidency: 'eu',
  environment: 'production',
};

describe('findTagProblems', () => {
  it('accepts a subscription tagged per the strategy', () => {
    expect(findTagProblems(compliant)).toEqual([]);
  });

  it('names every missing tag and what is allowed', () => {
    const problems = findTagProblems({});
    expect(problems.map(p => p.key)).toEqual(REQUIRED_SUBSCRIPTION_TAGS);
    expect(problems.find(p => p.key === 'dataResidency')?.message).toBe(
      'tag "dataResidency" is missing; allowed: eu, us, south-america',
    );
  });

  it('rejects values outside the allowed set and quotes the actual value', () => {
    const problems = findTagProblems({
      ...compliant,
      dataResidency: 'asia',
      costCenter: '1010',
    });
    expect(problems).toEqual([
      expect.objectContaining({ key: 'costCenter', problem: 'invalid', actual: '1010' }),
      expect.objectContaining({ key: 'dataResidency', problem: 'invalid', actual: 'asia' }),
    ]);
  });
});
