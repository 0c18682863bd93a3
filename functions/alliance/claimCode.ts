// New claim codes: 13 symbols of 5 bits each straight from the cryptographic random source (65 bits), plus the
// check symbol defined in shared/api/alliance.ts (so the mini-program can check a typed code before sending it).
import { randomBytes } from 'node:crypto';
import { CODE_ALPHABET, CODE_DATA_LENGTH, checkSymbol } from '../../shared/api/alliance';

export function newClaimCode(): string {
  const bytes = randomBytes(CODE_DATA_LENGTH);
  let data = '';
  // Each byte's low 5 bits are uniform on 0..31, so every symbol carries 5 random bits.
  for (const byte of bytes) data += CODE_ALPHABET[byte & 31];
  return data + checkSymbol(data);
}
