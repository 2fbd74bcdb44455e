export * from './printable-form.js';
export { renderFormPdf } from './render-form.js';
export { FORM_FONT_NAMES, formFontPath } from './form-fonts.js';
export * from './prefers-pdf.js';
export * from './official-forms.js';
export * from './form-agencies.client.js';
export * from './form-format.js';
export * from './form.views.js';
