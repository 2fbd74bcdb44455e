/** A page's text as pdf.js reads it from the PDF's own ToUnicode maps (what a reader would copy). */
export interface PdfPageText {
  /** All text of the page, runs of whitespace (line ends included) collapsed to one space. */
  text: string;
  items: Array<{ text: string; x: number; y: number }>;
  width: number;
  height: number;
}

/** The text of every page, for tests that assert what a person would see on a printed form. */
export async function readPdfPages(pdf: Buffer | Uint8Array): Promise<PdfPageText[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  try {
    const pages: PdfPageText[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const [, , width, height] = page.view;
      // pdf.js normalises extracted text by default, which would hide decomposed letters in the PDF.
      const content = await page.getTextContent({ disableNormalization: true });
      const items = content.items.flatMap((item) => ('str' in item ? [{ text: item.str, x: item.transform[4], y: item.transform[5], hasEOL: item.hasEOL }] : []));
      const text = items.map((item) => item.text + (item.hasEOL ? '\n' : '')).join('').replace(/\s+/g, ' ');
      pages.push({ text, items: items.map(({ text: itemText, x, y }) => ({ text: itemText, x, y })), width, height });
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

/** All pages' text, joined. */
export async function readPdfText(pdf: Buffer | Uint8Array): Promise<string> {
  return (await readPdfPages(pdf)).map((page) => page.text).join(' ');
}
