/**
 * Which IP addresses the live probe refuses to reach: the probe runs server-side on URLs maintainers type, so without
 * this rule it would let anyone read the platform's internal network (SSRF). Pure functions, no I/O.
 */

import { isIP } from "node:net";

/** IPv4 ranges that are not public internet: "this network", RFC 1918, loopback, link-local (cloud metadata). */
const PRIVATE_IPV4_RANGES: readonly { readonly base: number; readonly prefixLength: number }[] = [
  { base: ipv4ToNumber([0, 0, 0, 0]), prefixLength: 8 },
  { base: ipv4ToNumber([10, 0, 0, 0]), prefixLength: 8 },
  { base: ipv4ToNumber([127, 0, 0, 0]), prefixLength: 8 },
  { base: ipv4ToNumber([169, 254, 0, 0]), prefixLength: 16 },
  { base: ipv4ToNumber([172, 16, 0, 0]), prefixLength: 12 },
  { base: ipv4ToNumber([192, 168, 0, 0]), prefixLength: 16 },
];

function ipv4ToNumber(octets: readonly number[]): number {
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

function parseIpv4(address: string): number[] | null {
  const parts = address.split(".");
  if (parts.length !== 4) return null;
  const octets = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : Number.NaN));
  return octets.every((octet) => Number.isInteger(octet) && octet >= 0 && octet <= 255) ? octets : null;
}

function isPrivateIpv4(address: string): boolean {
  const octets = parseIpv4(address);
  if (!octets) return true; // unparseable: refuse rather than guess
  const value = ipv4ToNumber(octets);
  return PRIVATE_IPV4_RANGES.some(({ base, prefixLength }) => {
    const blockSize = 2 ** (32 - prefixLength);
    return value >= base && value < base + blockSize;
  });
}

/** The eight 16-bit groups of an IPv6 address, with an embedded dotted IPv4 tail converted; null if malformed. */
function parseIpv6Groups(address: string): number[] | null {
  let text = address.split("%")[0] ?? ""; // drop a zone index ("fe80::1%eth0")
  const dottedTail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dottedTail?.[1]) {
    const octets = parseIpv4(dottedTail[1]);
    if (!octets) return null;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    text = `${text.slice(0, -dottedTail[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const toGroups = (half: string | undefined) =>
    half ? half.split(":").map((group) => Number.parseInt(group, 16)) : [];
  const head = toGroups(halves[0]);
  const tail = toGroups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

function isPrivateIpv6(address: string): boolean {
  const groups = parseIpv6Groups(address);
  if (!groups) return true;
  const [first = 0, , , , , sixth = 0, seventh = 0, eighth = 0] = groups;
  const allZeroBefore = (count: number) => groups.slice(0, count).every((group) => group === 0);
  if (allZeroBefore(7) && (eighth === 0 || eighth === 1)) return true; // :: (unspecified) and ::1 (loopback)
  // IPv4-mapped (::ffff:a.b.c.d) reaches the IPv4 host: judge it by the IPv4 rules.
  if (allZeroBefore(5) && sixth === 0xffff) {
    return isPrivateIpv4(`${seventh >> 8}.${seventh & 0xff}.${eighth >> 8}.${eighth & 0xff}`);
  }
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  return false;
}

/** True for addresses the probe must not reach without `allowPrivateAddresses`; malformed input counts as private. */
export function isPrivateAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) return isPrivateIpv4(address);
  if (version === 6) return isPrivateIpv6(address);
  return true;
}
