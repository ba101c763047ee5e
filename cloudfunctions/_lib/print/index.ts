/**
 * Printed documents (PDFKit, with a Chinese font embedded): the PDF writer the office's documents
 * share, and the 亮码 posters. Heavy (PDFKit, fontkit and an 8 MB font): only functions that print
 * import it, and the build copies the font beside their bundle.
 */
export { FONT_FILE, fontPath } from './font';
export { A4, drawQr, pdfWriter, type Pdf, type PdfWriter } from './pdf';
export { posterSubjects, posters, postersFile, type PosterPorts } from './poster-file';
export { drawPoster, writePosters, type PosterSubject } from './posters';
