import ExcelJS from 'exceljs';

/** First worksheet of an xlsx file → rows of strings (dates as YYYY-MM-DD, formulas by their result). */
export async function readXlsx(
  data: Buffer | ArrayBuffer,
): Promise<{ ok: true; rows: string[][] } | { ok: false; error: string }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch (e) {
    return { ok: false, error: `not a readable xlsx file: ${(e as Error).message}` };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, error: 'the workbook has no worksheet' };
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (r) => {
    const out: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) out.push(cellText(r.getCell(c).value));
    rows.push(out);
  });
  return { ok: true, rows: rows.filter((r) => r.some((f) => f.trim() !== '')) };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}
