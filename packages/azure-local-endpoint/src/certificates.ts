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

function serial(): string {
  // Positive serial: clear the top bit.
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

/**
 * A fresh certificate authority for every start, and a server certificate it
 * signs for the loopback names. Nothing is written to the system trust store:
 * only clients that are handed the CA (the portal backend) trust the endpoint.
 */
export function createEndpointCertificates(hostnames: string[]): EndpointCertificates {
  const now = new Date();
  const notAfter = new Date(now.getTime() + 30 * 86_400_000);

  const ca = newKeyPair();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = serial();
  caCert.validity.notBefore = new Date(now.getTime() - 60_000);
  caCert.validity.notAfter = notAfter;
  const caSubject = [
    { name: 'commonName', value: 'Data Platform Portal local Azure CA' },
    { name: 'organizationName', value: 'Data Platform Portal (development only)' },
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
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = notAfter;
  cert.setSubject([{ name: 'commonName', value: hostnames[0] ?? 'localhost' }]);
  cert.setIssuer(caSubject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hostnames.map(h =>
        /^[\d.]+$/.test(h) || h.includes(':') ? { type: 7, ip: h } : { type: 2, value: h },
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
