// The caption font we ship: which npm file it is, the family libass asks for, and where it is served.

export interface CaptionFont {
  /** Family name inside the font file: libass finds the font by it in `fontsdir`. */
  family: string;
  /** The npm package it comes from (open licence: SIL OFL 1.1). */
  packageName: string;
  /** Path of the TTF inside the package (libass reads TTF/OTF, not WOFF2). */
  packagePath: string;
  /** File name as served and as written into the engine's fonts folder. */
  file: string;
}

export const CAPTION_FONT: CaptionFont = {
  family: 'Noto Sans',
  packageName: '@expo-google-fonts/noto-sans',
  packagePath: '700Bold/NotoSans_700Bold.ttf',
  file: 'NotoSans-Bold.ttf',
};

/** URL folder of the caption fonts, versioned by the package version so it can be cached forever. */
export function captionFontBase(version: string): string {
  return `/fonts/noto-sans-${version}`;
}
