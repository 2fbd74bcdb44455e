import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * Noto Serif from Google Fonts, as shipped by @expo-google-fonts/noto-serif. It has every
 * precomposed Vietnamese letter, and a serif face is closest to the Times New Roman that
 * Decree 30/2020/ND-CP prescribes for administrative documents.
 *
 * Licence: SIL Open Font License 1.1 (the package's LICENSE_FONT), which allows embedding the
 * font, or a subset of it, in documents we distribute. The package must stay a production
 * dependency: the runtime Docker image installs only those.
 */
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  italic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
} as const;

export type FormFontStyle = keyof typeof FONT_FILES;

/** PostScript names of the embedded fonts, as they appear (after a subset tag) in the PDF. */
export const FORM_FONT_NAMES: Record<FormFontStyle, string> = {
  regular: 'NotoSerif-Regular',
  bold: 'NotoSerif-Bold',
  italic: 'NotoSerif-Italic',
};

// Resolved through Node's module resolution rather than a path relative to this file, so the
// same code finds the fonts from the sources under jest and from dist/ after a build. The
// package has no "exports" map, which is what lets a subpath to a .ttf resolve.
const requireFromHere = createRequire(import.meta.url);

export function formFontPath(style: FormFontStyle): string {
  return requireFromHere.resolve(FONT_FILES[style]);
}

let loadedFonts: Promise<Record<FormFontStyle, Buffer>> | undefined;

/** The font files, read once per process: about 1.5 MB that every rendering would otherwise read again. */
export function loadFormFonts(): Promise<Record<FormFontStyle, Buffer>> {
  loadedFonts ??= (async () => {
    const styles = Object.keys(FONT_FILES) as FormFontStyle[];
    const files = await Promise.all(styles.map((style) => readFile(formFontPath(style))));
    return Object.fromEntries(styles.map((style, index) => [style, files[index]])) as Record<FormFontStyle, Buffer>;
  })().catch((error: unknown) => {
    loadedFonts = undefined; // a failed read is not cached, so a later call can succeed
    throw error;
  });
  return loadedFonts;
}
