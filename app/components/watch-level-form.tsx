import { Form } from "~/components/form";
import { LEVEL_LABELS } from "~/domain/forum/watch-levels";
import { CsrfInput } from "./forms";

/** Watching, tracking, normal or muted, as a plain form (Discourse's notification levels). */
export function WatchLevelForm({ level, label }: { level: number; label: string }) {
  return (
    <Form method="post" preventScrollReset className="fr-grid-row fr-grid-row--bottom fr-mb-2w">
      <CsrfInput />
      <input type="hidden" name="intent" value="watch" />
      <div className="fr-select-group fr-mb-0 fr-mr-2w">
        <label className="fr-label" htmlFor="watch-level">
          {label}
          <span className="fr-hint-text">
            Surveiller : une notification à chaque message. Suivre : le nombre de messages non lus. Ignorer : rien.
          </span>
        </label>
        <select className="fr-select" id="watch-level" name="level" defaultValue={level}>
          {[3, 2, 1, 0].map((value) => (
            <option key={value} value={value}>
              {LEVEL_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
        Enregistrer
      </button>
    </Form>
  );
}
