// Ids for answers. crypto.randomUUID() exists only in secure contexts (https, localhost): a study opened over plain
// http from another machine would otherwise throw on its first answer. crypto.getRandomValues() exists everywhere,
// so the fallback builds the same RFC 9562 version-4 UUID from 122 random bits.

export function newId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10xx
  const hex = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
