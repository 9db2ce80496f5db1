import { createSecureContext } from 'node:tls';
import { certificateSerial, createEndpointCertificates } from './certificates';

describe('endpoint certificates', () => {
  it('gives serials OpenSSL accepts even when the random bytes start with zero', () => {
    // All-zero randomness used to give a serial with a leading zero byte,
    // which OpenSSL rejects as "illegal padding" when the server starts.
    const zeros = (size: number) => Buffer.alloc(size);
    expect(certificateSerial(zeros)).toMatch(/^40/);
    const certs = createEndpointCertificates(['localhost', '127.0.0.1'], zeros);
    expect(() =>
      createSecureContext({
        cert: certs.serverCertificatePem,
        key: certs.serverKeyPem,
        ca: certs.caCertificatePem,
      }),
    ).not.toThrow();
  });

  it('keeps serials positive when the random bytes start with the sign bit', () => {
    const ones = (size: number) => Buffer.alloc(size, 0xff);
    expect(certificateSerial(ones)).toMatch(/^7f/);
  });
});
