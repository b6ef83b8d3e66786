import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { AdminLayout } from "~/components/admin-layout";
import { CsrfInput, FormResult } from "~/components/forms";
import { DsfrTable } from "~/components/dsfr-table";
import { parseMoveDirection, validateClassRuleInput } from "~/domain/conformance/class-rules";
import {
  createClassRule,
  deleteClassRule,
  listClassRulesForAdmin,
  moveClassRule,
  updateClassRule,
} from "~/domain/conformance/class-rules.server";
import { DomainError } from "~/domain/shared/errors";
import { requireAdminAction, requireAdminPage } from "~/infra/admin.server";
import { getDb } from "~/infra/db.server";
import { formAction } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Classes de conformité — Administration — CICCLO Interop" }];

const REPARSE_COMMAND = "npm run cli -- conformance reparse --all";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdminPage(request, context);
  const { rules, classes } = await listClassRulesForAdmin(await getDb());
  const editId = Number(new URL(request.url).searchParams.get("modifier"));
  return { rules, classes, editing: rules.find((rule) => rule.id === editId) ?? null, reparseCommand: REPARSE_COMMAND };
}

const ruleId = (form: FormData) => {
  const id = Number(form.get("id"));
  if (!Number.isSafeInteger(id) || id < 1) throw new DomainError(404, "Cette règle est introuvable.");
  return id;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const { admin, form } = await requireAdminAction(request, context);
  const db = await getDb();
  const intent = form.get("intent");
  const answer = await formAction(async () => {
    if (intent === "create") {
      const rule = await createClassRule(db, admin, validateClassRuleInput(Object.fromEntries(form)));
      return { message: `La règle « ${rule.group} » a été ajoutée en dernière position.`, done: "create" };
    }
    if (intent === "update") {
      await updateClassRule(db, admin, ruleId(form), validateClassRuleInput(Object.fromEntries(form)));
      return { message: "La règle a été modifiée.", done: "update" };
    }
    if (intent === "delete") {
      const rule = await deleteClassRule(db, admin, ruleId(form));
      return { message: `La règle « ${rule.group} » a été supprimée.`, done: "delete" };
    }
    if (intent === "move") {
      await moveClassRule(db, admin, ruleId(form), parseMoveDirection(form.get("direction")));
      return { message: "L'ordre des règles a été modifié.", done: "move" };
    }
    throw new DomainError(400, "Action inconnue.");
  });
  // After an edit, back to the page without ?modifier= so the form is the "new rule" one again.
  if (!(answer instanceof Response) && "done" in answer && answer.done === "update") {
    throw redirect("/admin/conformance");
  }
  return answer;
}

function RuleForm({
  editing,
  classes,
  fieldErrors,
}: {
  editing: { id: number; suite: string | null; group: string; classUri: string } | null;
  classes: { uri: string; title: string; standard: string }[];
  fieldErrors: Record<string, string>;
}) {
  const prefix = editing ? `rule-${editing.id}` : "new-rule";
  const field = (name: "suite" | "group", label: string, hint: string, required: boolean) => (
    <div className={`fr-input-group${fieldErrors[name] ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={`${prefix}-${name}`}>
        {label}
        <span className="fr-hint-text">{hint}</span>
      </label>
      <input
        className={`fr-input${fieldErrors[name] ? " fr-input--error" : ""}`}
        id={`${prefix}-${name}`}
        name={name}
        type="text"
        required={required}
        maxLength={200}
        defaultValue={editing ? (editing[name] ?? "") : ""}
        aria-describedby={fieldErrors[name] ? `${prefix}-${name}-error` : undefined}
      />
      {fieldErrors[name] ? (
        <p className="fr-error-text" id={`${prefix}-${name}-error`}>
          {fieldErrors[name]}
        </p>
      ) : null}
    </div>
  );
  const classError = fieldErrors.classUri;
  const standards = [...new Set(classes.map((entry) => entry.standard))];
  return (
    <Form method="post" className="fr-mb-6w" key={prefix}>
      <CsrfInput />
      <input type="hidden" name="intent" value={editing ? "update" : "create"} />
      {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
      {field(
        "suite",
        "Suite de tests",
        "Début du nom de la suite, par exemple « ogcapi-features-1.0 » ; laissez vide pour toutes les suites.",
        false,
      )}
      {field(
        "group",
        "Groupe",
        "Nom du groupe tel que la suite l'écrit (test TestNG, exigence EARL, testsuite JUnit), par exemple « Core ». Casse, espaces et tirets sont ignorés.",
        true,
      )}
      <div className={`fr-select-group${classError ? " fr-select-group--error" : ""}`}>
        <label className="fr-label" htmlFor={`${prefix}-classUri`}>
          Classe de conformité
        </label>
        <select
          className={`fr-select${classError ? " fr-select--error" : ""}`}
          id={`${prefix}-classUri`}
          name="classUri"
          required
          defaultValue={editing?.classUri ?? ""}
          aria-describedby={classError ? `${prefix}-classUri-error` : undefined}
        >
          <option value="" disabled>
            Choisissez une classe du catalogue
          </option>
          {standards.map((standard) => (
            <optgroup key={standard} label={standard}>
              {classes
                .filter((entry) => entry.standard === standard)
                .map((entry) => (
                  <option key={entry.uri} value={entry.uri}>
                    {entry.title}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        {classError ? (
          <p className="fr-error-text" id={`${prefix}-classUri-error`}>
            {classError}
          </p>
        ) : null}
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button type="submit" className="fr-btn">
            {editing ? "Enregistrer la règle" : "Ajouter la règle"}
          </button>
        </li>
        {editing ? (
          <li>
            <Link className="fr-btn fr-btn--secondary" to="/admin/conformance">
              Annuler la modification
            </Link>
          </li>
        ) : null}
      </ul>
    </Form>
  );
}

function RuleButton({
  id,
  intent,
  direction,
  label,
  context,
  tertiary = true,
}: {
  id: number;
  intent: "move" | "delete";
  direction?: "up" | "down";
  label: string;
  context: string;
  tertiary?: boolean;
}) {
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      {direction ? <input type="hidden" name="direction" value={direction} /> : null}
      <button
        type="submit"
        className={`fr-btn fr-btn--sm fr-mb-1v ${tertiary ? "fr-btn--tertiary" : "fr-btn--secondary"}`}
      >
        {label}
        <span className="fr-sr-only"> {context}</span>
      </button>
    </Form>
  );
}

export default function AdminConformanceRules() {
  const { rules, classes, editing, reparseCommand } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  return (
    <AdminLayout title="Classes de conformité">
      <p>
        Les suites de tests ne nomment pas les classes de conformité, seulement leurs groupes de tests (« Core »…). Ces
        règles rattachent chaque groupe à une classe du catalogue ; la première règle qui correspond l&apos;emporte.
      </p>
      <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
        <p>
          Une modification s&apos;applique aux rapports envoyés ensuite. Les passages déjà enregistrés gardent leurs
          verdicts jusqu&apos;à ce qu&apos;ils soient ré-analysés sur le serveur : <code>{reparseCommand}</code> (ou{" "}
          <code>npm run cli -- conformance reparse &lt;n° de passage&gt;</code>).
        </p>
      </div>
      <FormResult result={result} />
      {rules.length === 0 ? (
        <p>Aucune règle : aucun test importé n&apos;est rattaché à une classe.</p>
      ) : (
        <DsfrTable caption="Règles de rattachement, dans l'ordre où elles s'appliquent" className="fr-table--multiline">
          <thead>
            <tr>
              <th scope="col">Ordre</th>
              <th scope="col">Suite</th>
              <th scope="col">Groupe</th>
              <th scope="col">Classe</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule, index) => {
              const context = `la règle « ${rule.group} »${rule.suite ? ` (${rule.suite})` : ""}`;
              return (
                <tr key={rule.id} data-rule={rule.id}>
                  <td>{index + 1}</td>
                  <td>{rule.suite ?? "Toutes"}</td>
                  <th scope="row" className="fr-cell--multiline">
                    {rule.group}
                  </th>
                  <td className="fr-cell--multiline">
                    {rule.classTitle ?? "Classe absente du catalogue"}
                    <br />
                    <span className="fr-text--xs" style={{ wordBreak: "break-all" }}>
                      {rule.classUri}
                    </span>
                  </td>
                  <td>
                    {index > 0 ? (
                      <RuleButton id={rule.id} intent="move" direction="up" label="Monter" context={context} />
                    ) : null}
                    {index < rules.length - 1 ? (
                      <RuleButton id={rule.id} intent="move" direction="down" label="Descendre" context={context} />
                    ) : null}
                    <div>
                      <Link className="fr-btn fr-btn--sm fr-btn--tertiary fr-mb-1v" to={`?modifier=${rule.id}`}>
                        Modifier<span className="fr-sr-only"> {context}</span>
                      </Link>
                    </div>
                    <RuleButton id={rule.id} intent="delete" label="Supprimer" context={context} tertiary={false} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DsfrTable>
      )}
      <h2 className="fr-mt-6w">{editing ? `Modifier la règle « ${editing.group} »` : "Nouvelle règle"}</h2>
      <RuleForm
        // A fresh, empty form once a rule is added.
        key={editing ? `edit-${editing.id}` : result?.ok ? `added-${rules.length}` : "new"}
        editing={editing}
        classes={classes}
        fieldErrors={fieldErrors}
      />
    </AdminLayout>
  );
}
