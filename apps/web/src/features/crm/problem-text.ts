/**
 * The CRM domain reports import and validation problems as English sentences (they are also
 * logged). The UI shows them in the user's language: each known sentence maps to a message key
 * with its variables; anything unknown is shown as the server wrote it.
 */
export interface ProblemText {
  key: string;
  vars: Record<string, string>;
}

const PATTERNS: Array<[RegExp, string, string[]]> = [
  [/^the file is empty$/, 'crm.problem.empty', []],
  [/^more than (\d+) rows$/, 'crm.problem.tooManyRows', ['max']],
  [/^missing column 姓名\/名称 \(name\)$/, 'crm.problem.missingName', []],
  [/^unknown column (.*)$/, 'crm.problem.unknownColumn', ['column']],
  [/^unknown kind (.*)$/, 'crm.problem.unknownKind', ['value']],
  [/^kind must be person or organization$/, 'crm.problem.unknownKind', []],
  [/^name is required$/, 'crm.problem.nameRequired', []],
  [/^name too long$/, 'crm.problem.nameTooLong', []],
  [/^invalid credit code (.*)$/, 'crm.problem.creditCode', ['value']],
  [/^invalid ID number (.*)$/, 'crm.problem.idNumber', ['value']],
  [/^invalid email (.*)$/, 'crm.problem.email', ['value']],
  [/^invalid phone (.*) \((\w+)\)$/, 'crm.problem.phone', ['value', 'reason']],
  [/^account columns given but no account schema chosen$/, 'crm.problem.noSchema', []],
  [/^account fields without an account number$/, 'crm.problem.noAccountNumber', []],
  [/^account (.*) repeats row (\d+)$/, 'crm.problem.accountRepeats', ['account', 'row']],
  [/^account (.*) already exists$/, 'crm.problem.accountExists', ['account']],
  [/^account (.*) belongs to another customer$/, 'crm.problem.accountExists', ['account']],
  [/^unknown account schema (.*)$/, 'crm.problem.unknownSchema', ['schema']],
  [/^unknown field (.*)$/, 'crm.problem.unknownField', ['field']],
  [/^(.*) is required$/, 'crm.problem.fieldRequired', ['field']],
  [/^(.*) must be a number$/, 'crm.problem.fieldNumber', ['field']],
  [/^(.*) must be a date$/, 'crm.problem.fieldDate', ['field']],
  [/^(.*) must be yes\/no$/, 'crm.problem.fieldBoolean', ['field']],
  [/^unterminated quoted field$/, 'crm.problem.csvQuote', []],
  [/^not a readable xlsx file: (.*)$/, 'crm.problem.xlsx', ['detail']],
  [/^the workbook has no worksheet$/, 'crm.problem.noWorksheet', []],
];

/** Reasons `normalizePhone` gives, as message keys. */
export const PHONE_REASONS = [
  'empty',
  'not_digits',
  'too_short',
  'too_long',
  'bad_area_code',
  'bad_mobile',
  'unknown_format',
];

export function problemText(message: string): ProblemText | null {
  for (const [re, key, names] of PATTERNS) {
    const m = re.exec(message);
    if (!m) continue;
    const vars: Record<string, string> = {};
    names.forEach((n, i) => {
      vars[n] = m[i + 1] ?? '';
    });
    return { key, vars };
  }
  return null;
}

/** Translates one problem (a validation error may join several with '; '). */
export function localizeProblem(message: string, t: (key: string, vars?: Record<string, string>) => string): string {
  return message
    .split('; ')
    .map((part) => {
      const p = problemText(part);
      if (!p) return part;
      const vars = { ...p.vars };
      if (vars.reason !== undefined && PHONE_REASONS.includes(vars.reason))
        vars.reason = t(`crm.phoneReason.${vars.reason}`);
      return t(p.key, vars);
    })
    .join('；');
}
