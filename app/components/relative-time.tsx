import { formatAbsolute, formatRelative } from "~/domain/shared/dates";

/** A relative date whose exact value is one hover (title) and one screen-reader reading (dateTime) away.
 * `relative` is the text when the caller formatted it already (formatRelative). */
export function RelativeTime({ date, relative }: { date: string; relative?: string }) {
  return (
    // The server and the browser may round "il y a 5 minutes" differently a few seconds apart.
    <time dateTime={date} title={formatAbsolute(date)} suppressHydrationWarning>
      {relative ?? formatRelative(date)}
    </time>
  );
}
