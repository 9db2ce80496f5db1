import { uuidV5 } from './uuidV5';

describe('uuidV5', () => {
  // RFC 9562's example (appendix A.4), the Python documentation's, and one
  // computed with Python's uuid.uuid5 in the URL namespace.
  it.each([
    [
      '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      'www.example.com',
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    ],
    [
      '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      'python.org',
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    ],
    [
      '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
      'https://www.python.org/',
      '5406f80d-92e9-51cd-a176-77445955e733',
    ],
  ])('in namespace %s, names %s as %s', (namespace, name, expected) => {
    expect(uuidV5(name, namespace)).toBe(expected);
  });

  it('is deterministic and sets version 5 and the RFC variant', () => {
    const a = uuidV5(
      '/subscriptions/x|role|principal',
      'f586630b-925a-4e79-a99f-074a829ca955',
    );
    expect(a).toBe(
      uuidV5(
        '/subscriptions/x|role|principal',
        'f586630b-925a-4e79-a99f-074a829ca955',
      ),
    );
    expect(a).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(a).not.toBe(
      uuidV5(
        '/subscriptions/x|role|other',
        'f586630b-925a-4e79-a99f-074a829ca955',
      ),
    );
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(
      'uuidV5: namespace not-a-uuid is not a UUID',
    );
  });
});
