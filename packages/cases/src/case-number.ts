/** Sequence width; a day past 9,999 cases simply grows to five digits. */
export const CASE_SEQ_WIDTH = 4;
const PREFIX = /^[A-Za-z0-9]{1,16}$/;
const NUMBER = /^([A-Za-z0-9]{1,16})-(\d{4})(\d{2})(\d{2})-(\d{4,9})$/;

export function isValidCasePrefix(prefix: string): boolean {
  return PREFIX.test(prefix);
}

/** 工单编号: `12319-20261121-0001` = prefix, local registration date, per-day sequence. */
export function formatCaseNumber(prefix: string, localDate: string, seq: number): string {
  return `${prefix}-${localDate.replaceAll('-', '')}-${String(seq).padStart(CASE_SEQ_WIDTH, '0')}`;
}

export function parseCaseNumber(s: string): { prefix: string; date: string; seq: number } | null {
  const m = NUMBER.exec(s);
  if (!m) return null;
  const [, prefix, y, mo, d, seq] = m;
  return { prefix: prefix!, date: `${y}-${mo}-${d}`, seq: Number(seq) };
}
