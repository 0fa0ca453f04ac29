/**
 * A random Idempotency-Key. Uses getRandomValues rather than randomUUID, which browsers only
 * offer on HTTPS/localhost — a self-hosted desk may well run on plain HTTP in an intranet.
 */
export function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
