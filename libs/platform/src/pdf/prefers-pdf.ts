/** A printable form when the client asks for PDF before JSON; JSON is the default. */
export function prefersPdf(accept: string | undefined): boolean {
  if (!accept) return false;
  const pdf = accept.indexOf('application/pdf');
  const json = accept.indexOf('application/json');
  return pdf >= 0 && (json < 0 || pdf < json);
}
