import type { ReactNode } from "react";

/** DSFR's table: its four wrappers (scrolling, borders) around a plain <table>. The caption names the table for
 * screen readers; `hideCaption` keeps it for them only. */
export function DsfrTable({
  caption,
  hideCaption = false,
  className = "",
  children,
}: {
  caption: string;
  hideCaption?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`fr-table${hideCaption ? " fr-table--no-caption" : ""}${className ? ` ${className}` : ""}`}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
