import { useId, useState, useSyncExternalStore } from "react";
import type { Block, Inline, ListItem } from "~/domain/clauses/blocks";
import type { TextSegment } from "~/domain/clauses/diff";
import type { ParameterView } from "~/domain/clauses/views";
import { DsfrTable } from "./dsfr-table";

// The pieces of the clause pages (/clauses/:id, /clauses/:id/v/:version, /clauses/:id/diff/:from/:to, /selection).

/** Tables whose cells wrap instead of scrolling sideways: a scrolling region would need its own keyboard focus. */
export const WRAPPING_TABLE = "fr-table--no-scroll fr-table--multiline";

const STATUS_BADGES: Record<string, { label: string; className: string }> = {
  draft: { label: "Brouillon", className: "fr-badge--new" },
  published: { label: "Publiée", className: "fr-badge--success" },
  deprecated: { label: "Dépréciée", className: "fr-badge--warning" },
  superseded: { label: "Remplacée", className: "fr-badge--error" },
};

export function ClauseStatusBadge({ status }: { status: string }) {
  const badge = STATUS_BADGES[status] ?? { label: status, className: "" };
  return <p className={`fr-badge fr-badge--sm fr-badge--no-icon ${badge.className}`}>{badge.label}</p>;
}

const isSafeHref = (href: string) => /^(https?:|mailto:|\/)/i.test(href);

function InlineRun({ run }: { run: Inline }) {
  let node: React.ReactNode = run.text;
  if (run.code) node = <code>{node}</code>;
  if (run.emphasis) node = <em>{node}</em>;
  if (run.strong) node = <strong>{node}</strong>;
  if (run.href && isSafeHref(run.href)) node = <a href={run.href}>{node}</a>;
  return <>{node}</>;
}

const Inlines = ({ runs }: { runs: readonly Inline[] }) => (
  <>
    {runs.map((run, index) => (
      <InlineRun key={index} run={run} />
    ))}
  </>
);

function List({ items, ordered, level = 0 }: { items: readonly ListItem[]; ordered: boolean; level?: number }) {
  const entries: { item: ListItem; nested: ListItem[] }[] = [];
  let index = 0;
  while (index < items.length) {
    let end = index + 1;
    while (end < items.length && items[end]!.level > level) end++;
    entries.push({ item: items[index]!, nested: items.slice(index + 1, end) });
    index = end;
  }
  const children = entries.map(({ item, nested }, key) => (
    <li key={key}>
      <Inlines runs={item.inlines} />
      {nested.length > 0 ? <List items={nested} ordered={ordered} level={level + 1} /> : null}
    </li>
  ));
  return ordered ? <ol>{children}</ol> : <ul>{children}</ul>;
}

/** A clause's text (paragraphs and lists) from the block model every exporter reads. */
export function ClauseBlocks({ blocks }: { blocks: readonly Block[] }) {
  return (
    <>
      {blocks.map((block, index) =>
        block.kind === "paragraph" ? (
          <p key={index}>
            <Inlines runs={block.inlines} />
          </p>
        ) : (
          <List key={index} items={block.items} ordered={block.ordered} />
        ),
      )}
    </>
  );
}

export function ParameterTable({ parameters, caption }: { parameters: readonly ParameterView[]; caption: string }) {
  return (
    <DsfrTable caption={caption} className={`clause-parameters ${WRAPPING_TABLE}`}>
      <thead>
        <tr>
          <th scope="col">Paramètre</th>
          <th scope="col">Type</th>
          <th scope="col">Valeurs permises</th>
          <th scope="col">Valeur par défaut</th>
          <th scope="col">Aide</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((parameter) => (
          <tr key={parameter.name}>
            <th scope="row">
              {parameter.label}
              <br />
              <code className="fr-text--xs">{parameter.name}</code>
              {parameter.required ? null : <span className="fr-text--xs"> (facultatif)</span>}
            </th>
            <td>{parameter.typeLabel}</td>
            <td>{parameter.bounds ?? "—"}</td>
            <td>{parameter.defaultLabel ?? (parameter.required ? "aucune : à renseigner" : "—")}</td>
            <td>{parameter.help ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </DsfrTable>
  );
}

const subscribeNever = () => () => {};

/**
 * "Copier le texte": copies the clause as rich text (HTML) and plain text. Without JavaScript, or when the
 * clipboard is refused, the text stays in a selectable block to copy by hand.
 */
export function CopyClauseText({ copy }: { copy: { text: string; html: string } }) {
  const id = useId();
  // False on the server and during hydration, so the button appears only where it can work.
  const canCopy = useSyncExternalStore(
    subscribeNever,
    () => Boolean(navigator.clipboard),
    () => false,
  );
  const [message, setMessage] = useState("");

  async function copyText() {
    try {
      if (typeof ClipboardItem !== "undefined" && navigator.clipboard.write) {
        await navigator.clipboard.write([
          new ClipboardItem({
            "text/html": new Blob([copy.html], { type: "text/html" }),
            "text/plain": new Blob([copy.text], { type: "text/plain" }),
          }),
        ]);
      } else await navigator.clipboard.writeText(copy.text);
      setMessage("Texte copié dans le presse-papiers.");
    } catch {
      setMessage("La copie automatique a été refusée : sélectionnez le texte ci-dessous et copiez-le.");
    }
  }

  return (
    <div className="fr-mb-4w">
      {canCopy ? (
        <button
          type="button"
          className="fr-btn fr-btn--secondary fr-icon-clipboard-line fr-btn--icon-left"
          onClick={() => void copyText()}
        >
          Copier le texte
        </button>
      ) : null}
      <p className="fr-text--sm fr-mt-1w" role="status">
        {message}
      </p>
      <label className="fr-label" htmlFor={id}>
        Texte à copier (sélectionnez-le pour le copier)
      </label>
      <textarea id={id} className="fr-input clause-copy" readOnly rows={8} value={copy.text} />
    </div>
  );
}

/** A word-level diff: additions underlined, deletions struck, each announced by a text label (not colour alone). */
export function DiffSegments({ segments }: { segments: readonly TextSegment[] }) {
  return (
    <div className="clause-diff">
      {segments.map((segment, index) =>
        segment.kind === "same" ? (
          <span key={index}>{segment.text}</span>
        ) : segment.kind === "added" ? (
          <ins key={index}>
            <span className="fr-sr-only">[ajouté : </span>
            {segment.text}
            <span className="fr-sr-only">]</span>
          </ins>
        ) : (
          <del key={index}>
            <span className="fr-sr-only">[supprimé : </span>
            {segment.text}
            <span className="fr-sr-only">]</span>
          </del>
        ),
      )}
    </div>
  );
}
