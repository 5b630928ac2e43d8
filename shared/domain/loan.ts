/** The fields of a loan as the bank's file states them (amounts in fen, dates YYYY-MM-DD). */
export interface LoanTerms {
  loanNo: string;
  amountCents: number;
  termMonths: number;
  annualRate: number;
  monthlyPaymentCents: number | null;
  repaymentDay: number | null;
  repaymentAccount: string | null;
  approvalDate: string;
  disbursementDate: string | null;
  propertyAddress: string;
  propertyCertificateNo: string | null;
  appraisedValueCents: number | null;
  downPaymentCents: number | null;
}
