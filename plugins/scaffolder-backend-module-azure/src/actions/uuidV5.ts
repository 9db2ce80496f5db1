import { createHash } from 'node:crypto';

/**
 * Name-based UUID, version 5 (RFC 9562 section 5.5): the first 16 bytes of
 * SHA-1(namespace bytes + name), with the version and variant bits set. The
 * same namespace and name always give the same UUID, which is what makes a
 * role assignment's name deterministic.
 */
export function uuidV5(name: string, namespace: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (namespaceBytes.length !== 16) {
    throw new Error(`uuidV5: namespace ${namespace} is not a UUID`);
  }
  const bytes = createHash('sha1')
    .update(namespaceBytes)
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC variant 10xx
  const hex = bytes.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}
