import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** All text on all pages, items joined by single spaces (line wraps happen at spaces). */
export async function extractPdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const loaded = await getDocument({
    data: new Uint8Array(pdf), // pdf.js detaches the array it is given: never hand it the Buffer itself
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= loaded.numPages; n++) {
    const content = await (await loaded.getPage(n)).getTextContent();
    for (const item of content.items) if ("str" in item) parts.push(item.str);
  }
  const pages = loaded.numPages;
  await loaded.destroy();
  return { pages, text: parts.join(" ").replace(/\s+/g, " ") };
}
