export * from './printable-form.js';
export { renderFormPdf } from './render-form.js';
export { FORM_FONT_NAMES, formFontPath } from './form-fonts.js';
export * from './prefers-pdf.js';
