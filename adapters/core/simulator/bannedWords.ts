export const DEFAULT_BANNED_TITLE_WORDS = ["replica"];

/** Finds the first of `words` (default DEFAULT_BANNED_TITLE_WORDS) in a title, case-insensitive; lower case. */
export function bannedWordFinder(words: string[] = DEFAULT_BANNED_TITLE_WORDS): (title: string) => string | undefined {
  const banned = words.map((w) => w.toLowerCase());
  return (title) => {
    const lower = title.toLowerCase();
    return banned.find((w) => lower.includes(w));
  };
}
