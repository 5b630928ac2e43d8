/**
 * Loans whose text holds U+FFFD (`imports.damagedText`, and `doctor`'s warning): names and
 * addresses damaged by XLSX imports before the reader was fixed; importing the extract again
 * repairs them.
 */
import type Database from 'better-sqlite3';

const DAMAGED_TEXT_SQL = `
  SELECT l.loan_no FROM loans l
  WHERE instr(l.property_address, char(65533)) > 0
     OR instr(ifnull(l.property_certificate_no, ''), char(65533)) > 0
     OR EXISTS (SELECT 1 FROM parties p WHERE p.loan_id = l.id
                AND (instr(p.name, char(65533)) > 0 OR instr(ifnull(p.employer, ''), char(65533)) > 0
                     OR instr(ifnull(p.position, ''), char(65533)) > 0))
  ORDER BY l.loan_no`;

export function damagedText(db: Database.Database): { loans: number; examples: string[] } {
  const hasLoans = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'parties'").get();
  if (!hasLoans) return { loans: 0, examples: [] };
  const loanNos = db.prepare(DAMAGED_TEXT_SQL).pluck().all() as string[];
  return { loans: loanNos.length, examples: loanNos.slice(0, 10) };
}
