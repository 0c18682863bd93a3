import { newClaimCode } from '../../functions/alliance/claimCode';
import {
  CODE_ALPHABET,
  CODE_DATA_LENGTH,
  CODE_LENGTH,
  checkSymbol,
  claimCodeProblem,
  formatClaimCode,
  normalizeClaimCode,
  redeemSchema,
} from '../../shared/api/alliance';

const codes = Array.from({ length: 200 }, () => newClaimCode());

describe('claim code alphabet', () => {
  it('has 32 symbols a cashier can read aloud: no I, L, O or U', () => {
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    for (const ch of 'ILOU') expect(CODE_ALPHABET).not.toContain(ch);
  });

  it('new codes are 13 random symbols (65 bits ≥ 64) plus a check symbol, all different', () => {
    expect(CODE_DATA_LENGTH * 5).toBeGreaterThanOrEqual(64);
    for (const code of codes) {
      expect(code).toHaveLength(CODE_LENGTH);
      expect(claimCodeProblem(code)).toBeNull();
      expect(code[CODE_DATA_LENGTH]).toBe(checkSymbol(code.slice(0, CODE_DATA_LENGTH)));
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('uses every symbol in every data position (no bias towards part of the alphabet)', () => {
    const many = Array.from({ length: 3000 }, () => newClaimCode());
    for (let pos = 0; pos < CODE_DATA_LENGTH; pos++) {
      expect(new Set(many.map((c) => c[pos])).size).toBe(32);
    }
  });
});

describe('the check symbol', () => {
  it('catches every single-symbol substitution, in every position including the check symbol', () => {
    for (const code of codes.slice(0, 20)) {
      for (let pos = 0; pos < CODE_LENGTH; pos++) {
        for (const ch of CODE_ALPHABET) {
          if (ch === code[pos]) continue;
          const typo = code.slice(0, pos) + ch + code.slice(pos + 1);
          expect(claimCodeProblem(typo)).toBe('check');
        }
      }
    }
  });

  it('catches every adjacent transposition of two different symbols (all 32×31 pairs in every position)', () => {
    const prefix = codes[0].slice(0, CODE_DATA_LENGTH);
    for (let pos = 0; pos < CODE_DATA_LENGTH - 1; pos++) {
      for (const a of CODE_ALPHABET) {
        for (const b of CODE_ALPHABET) {
          if (a === b) continue;
          const data = prefix.slice(0, pos) + a + b + prefix.slice(pos + 2);
          const valid = data + checkSymbol(data);
          const swapped = valid.slice(0, pos) + b + a + valid.slice(pos + 2);
          expect(claimCodeProblem(swapped)).toBe('check');
        }
      }
    }
    // The last data symbol swapped with the check symbol: every pair that can occur there.
    let pairs = 0;
    for (const a of CODE_ALPHABET) {
      const data = prefix.slice(0, -1) + a;
      const check = checkSymbol(data);
      if (check === a) continue;
      pairs++;
      expect(claimCodeProblem(prefix.slice(0, -1) + check + a)).toBe('check');
    }
    expect(pairs).toBeGreaterThanOrEqual(31);
  });

  it('also catches jump transpositions (abc → cba) and twin errors (aa → bb)', () => {
    for (const code of codes.slice(0, 50)) {
      for (let pos = 0; pos < CODE_LENGTH - 2; pos++) {
        if (code[pos] !== code[pos + 2]) {
          const jumped = code.slice(0, pos) + code[pos + 2] + code[pos + 1] + code[pos] + code.slice(pos + 3);
          expect(claimCodeProblem(jumped)).toBe('check');
        }
      }
      for (let pos = 0; pos < CODE_LENGTH - 1; pos++) {
        if (code[pos] !== code[pos + 1]) continue;
        const other = code[pos] === 'A' ? 'B' : 'A';
        expect(claimCodeProblem(code.slice(0, pos) + other + other + code.slice(pos + 2))).toBe('check');
      }
    }
  });

  it('tells a wrong length and a symbol outside the alphabet apart from a failed check', () => {
    expect(claimCodeProblem(codes[0].slice(0, 13))).toBe('length');
    expect(claimCodeProblem(codes[0] + 'A')).toBe('length');
    expect(claimCodeProblem(codes[0].slice(0, 13) + 'U')).toBe('symbol');
    expect(claimCodeProblem(codes[0].slice(0, 13) + '*')).toBe('symbol');
  });
});

describe('typing a code', () => {
  it('groups codes in fours for reading aloud', () => {
    expect(formatClaimCode('ABCDEFGHJKMNPQ')).toBe('ABCD-EFGH-JKMN-PQ');
  });

  it('accepts lower case, spaces and hyphens, O for 0 and I/L for 1', () => {
    const code = codes[1];
    const typed = ` ${formatClaimCode(code).toLowerCase().replace(/0/g, 'o').replace(/1/g, 'i')} `;
    expect(normalizeClaimCode(typed)).toBe(code);
    expect(normalizeClaimCode('ab-cd efl')).toBe('ABCDEF1');
  });

  it('the redemption schema normalizes a good code and reports the problem of a bad one', () => {
    expect(redeemSchema.parse({ code: formatClaimCode(codes[2]).toLowerCase() })).toEqual({ code: codes[2] });
    const bad = redeemSchema.safeParse({ code: codes[2].slice(0, 13) + (codes[2][13] === 'A' ? 'B' : 'A') });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(['code']);
  });
});
