import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface EndpointCertificates {
  caCertificatePem: string;
  serverCertificatePem: string;
  serverKeyPem: string;
}

function newKeyPair() {
  // Node's native generator is ~100x faster than forge's pure-JS RSA.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privateKeyPem: privateKey,
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
  };
}

/**
 * A random positive certificate serial. DER wants integers in their shortest
 * form: a leading zero byte (1 in 128 random serials) makes OpenSSL refuse
 * the certificate with "illegal padding", so the first byte is kept in
 * 0x40..0x7f: non-zero and with the sign bit clear.
 */
export function certificateSerial(
  random: (size: number) => Buffer = randomBytes,
): string {
  const bytes = random(16);
  bytes[0] = (bytes[0] & 0x3f) | 0x40;
  return bytes.toString('hex');
}

/**
 * A fresh certificate authority for every start, and a server certificate it
 * signs for the loopback names. Nothing is written to the system trust store:
 * only clients that are handed the CA (the portal backend) trust the endpoint.
 */
export function createEndpointCertificates(
  hostnames: string[],
  random: (size: number) => Buffer = randomBytes,
): EndpointCertificates {
  const now = new Date();
  const notAfter = new Date(now.getTime() + 30 * 86_400_000);

  const ca = newKeyPair();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = certificateSerial(random);
  caCert.validity.notBefore = new Date(now.getTime() - 60_000);
  caCert.validity.notAfter = notAfter;
  const caSubject = [
    { name: 'commonName', value: 'Data Platform Portal local Azure CA' },
    {
      name: 'organizationName',
      value: 'Data Platform Portal (development only)',
    },
  ];
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const server = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = server.publicKey;
  cert.serialNumber = certificateSerial(random);
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = notAfter;
  cert.setSubject([{ name: 'commonName', value: hostnames[0] ?? 'localhost' }]);
  cert.setIssuer(caSubject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hostnames.map(h =>
        /^[\d.]+$/.test(h) || h.includes(':')
          ? { type: 7, ip: h }
          : { type: 2, value: h },
      ),
    },
  ]);
  cert.sign(ca.privateKey, forge.md.sha256.create());

  return {
    caCertificatePem: forge.pki.certificateToPem(caCert),
    serverCertificatePem: forge.pki.certificateToPem(cert),
    serverKeyPem: server.privateKeyPem,
  };
}
