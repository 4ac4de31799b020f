/** Columns that look like they hold a person's particulars (name, identity number, phone,
 *  address, date of birth, email), read from the header as people write it in Vietnamese or
 *  English, with or without diacritics. Used to warn before raw data leaves the analyst's hands
 *  and to keep such columns out of a figures-only share even when they were given a role (a
 *  12-digit CCCD looks like a number and may have been proposed as a measure). */
import { wordsKey } from '../../domain/text-key';

export type PersonalKind = 'name' | 'id' | 'phone' | 'address' | 'birth' | 'email';

const PATTERNS: [PersonalKind, RegExp][] = [
  ['id', /\b(cccd|cmnd|cmt|can cuoc|chung minh( nhan dan| thu)?|dinh danh( ca nhan)?|ho chieu|passport|id (number|card)|national id)\b/],
  ['phone', /\b(dien thoai|sdt|so dt|dt lien he|di dong|phone|mobile|tel)\b/],
  ['birth', /\b(ngay sinh|nam sinh|sinh ngay|thang nam sinh|date of birth|dob|birth ?date|birthday)\b/],
  ['email', /\b(e ?mail|thu dien tu)\b/],
  ['address', /\b(dia chi|noi o|cho o|thuong tru|tam tru|que quan|noi cu tru|address)\b/],
  // A person's name, not a unit's: "Tên đơn vị", "Tên mô hình" are not people.
  ['name', /\b(ho (va )?ten|ho ten dem|ten (cong dan|nguoi\b[a-z ]*)|nguoi (dan|den|khieu nai|to cao|de nghi|phan anh|gui don)|full ?name|first name|last name|surname)\b/],
];

export function personalKind(header: string): PersonalKind | null {
  const key = wordsKey(header);
  for (const [kind, pattern] of PATTERNS) if (pattern.test(key)) return kind;
  return null;
}
