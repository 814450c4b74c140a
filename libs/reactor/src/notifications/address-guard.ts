import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Loopback, private, carrier-grade NAT, link-local (cloud metadata lives at 169.254.169.254),
// unspecified, multicast and reserved ranges: a webhook never goes there unless the operator says so.
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** An address a webhook may not reach by default (IPv4-mapped IPv6 judged as the IPv4 address). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class PrivateAddressRefused extends Error {
  constructor(host: string) {
    super(`${host} resolves to a loopback, private, link-local or reserved address`);
    this.name = 'PrivateAddressRefused';
  }
}

/** Every address the host resolves to; all must be public unless private networks are allowed. */
export async function checkWebhookHost(host: string, allowPrivate: boolean): Promise<void> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses =
    isIP(bare) !== 0
      ? [bare]
      : await new Promise<string[]>((resolve, reject) =>
          dnsLookup(bare, { all: true }, (error, found: LookupAddress[]) =>
            error ? reject(error) : resolve(found.map((entry) => entry.address)),
          ),
        );
  if (!allowPrivate && addresses.some(isPrivateAddress)) throw new PrivateAddressRefused(host);
}

/**
 * A `lookup` for the HTTP client that refuses private addresses at connect time: the check made at
 * subscribe time could be undone by DNS rebinding, so the address actually dialled is judged too.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const usable = allowPrivate ? found : found.filter((entry) => !isPrivateAddress(entry.address));
      if (usable.length === 0) return callback(new PrivateAddressRefused(hostname), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      return callback(null, usable[0].address, usable[0].family);
    });
  };
}
