import { formatAbsolute, formatRelative } from "~/domain/shared/dates";

/** A relative date whose exact value is one hover (title) and one screen-reader reading (dateTime) away. */
export function RelativeTime({ date }: { date: string }) {
  return (
    // The server and the browser may round "il y a 5 minutes" differently a few seconds apart.
    <time dateTime={date} title={formatAbsolute(date)} suppressHydrationWarning>
      {formatRelative(date)}
    </time>
  );
}
