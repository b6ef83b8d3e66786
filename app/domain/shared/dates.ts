const RELATIVE = new Intl.RelativeTimeFormat("fr", { numeric: "auto" });
const ABSOLUTE = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** "il y a 3 jours", "hier", "à l'instant"-style wording, as Discourse shows activity. */
export function formatRelative(date: Date | string, now: Date = new Date()): string {
  let value = (new Date(date).getTime() - now.getTime()) / 1000;
  if (Math.abs(value) < 45) return "à l'instant";
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relativeText(Math.round(value), unit);
    value /= size;
  }
  return relativeText(Math.round(value), "year");
}

// A list shows dozens of dates, relative and absolute, on every view, and ICU's formatting is the costly part of a
// row's render; there are only a few hundred distinct relative wordings and a page's worth of absolute dates.
const relativeTexts = new Map<string, string>();
const absoluteTexts = new Map<string, string>();

function remembered(texts: Map<string, string>, key: string, format: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    text = format();
    if (texts.size >= 10_000) texts.clear();
    texts.set(key, text);
  }
  return text;
}

function relativeText(value: number, unit: Intl.RelativeTimeFormatUnit): string {
  return remembered(relativeTexts, `${value}${unit}`, () => RELATIVE.format(value, unit));
}

/** "12 novembre 2026 à 14:05", in Paris time whatever the server's zone. */
export function formatAbsolute(date: Date | string): string {
  const key = typeof date === "string" ? date : date.toISOString();
  return remembered(absoluteTexts, key, () => ABSOLUTE.format(new Date(date)));
}
