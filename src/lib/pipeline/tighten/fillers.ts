// Filler words (hesitation sounds) per language the app offers, and how a heard word is matched to them.
// Only sounds that are never content words are listed ("like", "so", "well" carry meaning too often to
// be cut blindly); a person adds their own words for the rest.

/** Hesitations heard in every language (Whisper writes them the English way whatever the language). */
const COMMON = ['um', 'uh', 'uhm', 'hmm', 'mhm', 'mm'];

/** Per ISO-639-1 code, as `LANGUAGES` in audio-file.ts offers them. */
export const FILLERS: Readonly<Record<string, readonly string[]>> = {
  en: ['um', 'uh', 'erm', 'er', 'ah', 'hmm', 'mm', 'uhm', 'mhm'],
  es: ['eh', 'ehm', 'mmm'],
  fr: ['euh', 'heu', 'hum', 'bah'],
  de: ['äh', 'ähm', 'öh', 'öhm', 'hm'],
  it: ['ehm', 'eh', 'mmm', 'uhm'],
  pt: ['hum', 'ahn', 'hã', 'ãh'],
  nl: ['eh', 'ehm', 'uh', 'uhm'],
  pl: ['yyy', 'eee', 'hmm', 'yy', 'ee'],
  sv: ['öh', 'öhm', 'äh', 'ehm'],
  tr: ['ıı', 'ee', 'eee', 'hmm'],
  ru: ['э', 'эм', 'ээ', 'мм', 'эээ'],
  uk: ['е', 'ем', 'ее', 'мм'],
  ar: ['اه', 'امم', 'ممم'],
  hi: ['उम', 'अं', 'हम्म'],
  ja: ['えー', 'えっと', 'あー', 'うーん', 'えーと'],
  ko: ['음', '으음'],
  zh: ['嗯', '呃'],
};

/**
 * The form a word is compared in: lower case, without punctuation around it, and with a letter held
 * longer collapsed ("Ummm," and "um" are the same filler, as are "hmmmm" and "hmm").
 */
export function fillerForm(word: string): string {
  return word
    .toLocaleLowerCase()
    .replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '')
    .replace(/(\p{L})\1+/gu, '$1');
}

/** A matcher for the fillers of `language` plus the person's own words (any language falls back to the common set). */
export function fillerMatcher(language: string, own: readonly string[] = []): (word: string) => boolean {
  const words = [...COMMON, ...(FILLERS[language] ?? []), ...own].map(fillerForm).filter(Boolean);
  const set = new Set(words);
  return (word) => set.has(fillerForm(word));
}

/**
 * Whisper writes fluent text and tends to leave hesitations out; a `prompt` that is itself disfluent is
 * the known way to have it keep them. One example per language we could write one for (a prompt in
 * another language than the speech could pull the transcript towards it, so other languages send none).
 */
const DISFLUENT_EXAMPLES: Readonly<Record<string, string>> = {
  en: "Umm, let me think like, hmm... Okay, here's what I'm, uh, thinking.",
  fr: 'Euh, alors, hum... Bon, euh, voilà ce que je, euh, pense.',
  de: 'Ähm, also, äh... Ja, ähm, das ist, äh, was ich denke.',
  es: 'Eh, bueno, mmm... Pues, eh, esto es lo que, ehm, pienso.',
  it: 'Ehm, allora, mmm... Ecco, ehm, quello che, eh, penso.',
  pt: 'Hum, então, ahn... Bom, hum, é o que eu, ahn, penso.',
  nl: 'Ehm, nou, uh... Ja, ehm, dat is wat ik, uh, denk.',
};

/** The transcription prompt that asks Whisper to keep filler words, if the language has one. */
export function keepFillersPrompt(language: string): string | undefined {
  return DISFLUENT_EXAMPLES[language];
}
