import { Form } from "~/components/form";

/** "Norme" filter of the conformance matrix and the class catalogue: a plain GET form, `?norme=`. */
export function StandardFilter({ standard, standards }: { standard: string | null; standards: readonly string[] }) {
  return (
    <Form method="get" className="fr-mb-4w">
      <div className="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="norme">
              Norme
            </label>
            <select className="fr-select" id="norme" name="norme" defaultValue={standard ?? ""}>
              <option value="">Toutes les normes</option>
              {standards.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <button type="submit" className="fr-btn fr-btn--secondary">
            Filtrer
          </button>
        </div>
      </div>
    </Form>
  );
}
