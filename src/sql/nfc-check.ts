/** Characters that can make a string not NFC: every combining mark (\p{M}), Hangul
 *  conjoining jamo, and the code points whose NFC differs from themselves (NFC_QC = No, listed
 *  from Unicode by tests/unit/nfc-check.test.ts). A string with none of them is already NFC,
 *  so the costly nfc_normalize runs only on the few values that need it. */
export const NOT_NFC_RANGES = [
  '340-341', '343-344', '374', '37e', '387', '958-95f', '9dc-9dd', '9df', 'a33', 'a36', 'a59-a5b', 'a5e', 'b5c-b5d', 'f43', 'f4d',
  'f52', 'f57', 'f5c', 'f69', 'f73', 'f75-f76', 'f78', 'f81', 'f93', 'f9d', 'fa2', 'fa7', 'fac', 'fb9', '1f71', '1f73', '1f75',
  '1f77', '1f79', '1f7b', '1f7d', '1fbb', '1fbe', '1fc9', '1fcb', '1fd3', '1fdb', '1fe3', '1feb', '1fee-1fef', '1ff9', '1ffb',
  '1ffd', '2000-2001', '2126', '212a-212b', '2329-232a', '2adc', 'f900-fa0d', 'fa10', 'fa12', 'fa15-fa1e', 'fa20', 'fa22',
  'fa25-fa26', 'fa2a-fa6d', 'fa70-fad9', 'fb1d', 'fb1f', 'fb2a-fb36', 'fb38-fb3c', 'fb3e', 'fb40-fb41', 'fb43-fb44', 'fb46-fb4e',
  '1d15e-1d164', '1d1bb-1d1c0', '2f800-2fa1d',
];

const cp = (hex: string) => `\\x{${hex}}`;

/** An RE2 character class (DuckDB's regex engine) matching any such character. */
export const MAY_NOT_BE_NFC = `[\\p{M}\\x{1100}-\\x{11FF}${NOT_NFC_RANGES.map((r) => r.split('-').map(cp).join('-')).join('')}]`;
