import type { ClauseParameter, ClauseVersion } from "./model";
import { formatParameterValue, validateParameterValue } from "./parameters";
import type { SelectionItem } from "./selection";
import { compareSemver } from "./semver";

// Moving a selection's item from its pinned version to a newer one (CommonForm's "controlled upgrade"): values the
// buyer typed are kept when their parameter still exists and still accepts them; a value the new version refuses
// is kept as typed and reported, so the page shows it beside its field instead of changing it behind their back.

export interface ItemUpgrade {
  item: SelectionItem;
  from: string;
  to: string;
  /** Parameters whose value was carried over. */
  kept: { name: string; label: string }[];
  /** New parameters, with the default now filled in (or the fact that one must be given). */
  added: { name: string; label: string; message: string }[];
  /** Parameters the new version no longer has; their values are dropped. */
  removed: { name: string; label: string; message: string }[];
  /** Values the new version refuses: kept as typed, each with the French message naming the field. */
  invalid: { name: string; label: string; message: string }[];
}

/** True when `pinned` is older than the clause's current version. */
export const isOutdated = (pinned: string | null | undefined, current: string) =>
  Boolean(pinned) && compareSemver(pinned!, current) < 0;

const defaultText = (parameter: ClauseParameter) => (parameter.default === undefined ? "" : String(parameter.default));

export function upgradeSelectionItem(item: SelectionItem, from: ClauseVersion, to: ClauseVersion): ItemUpgrade {
  const before = new Map(from.parameters.map((parameter) => [parameter.name, parameter]));
  const after = new Set(to.parameters.map((parameter) => parameter.name));
  const result: ItemUpgrade = {
    item: { ...item, version: to.version, parameters: {} },
    from: from.version,
    to: to.version,
    kept: [],
    added: [],
    removed: [],
    invalid: [],
  };
  for (const parameter of to.parameters) {
    const typed = item.parameters[parameter.name] ?? "";
    if (!before.has(parameter.name)) {
      result.item.parameters[parameter.name] = defaultText(parameter);
      result.added.push({
        name: parameter.name,
        label: parameter.label,
        message:
          parameter.default !== undefined
            ? `Nouveau paramètre « ${parameter.label} » : valeur par défaut « ${formatParameterValue(parameter, parameter.default)} ».`
            : parameter.required
              ? `Nouveau paramètre obligatoire « ${parameter.label} » : renseignez-le.`
              : `Nouveau paramètre facultatif « ${parameter.label} ».`,
      });
      continue;
    }
    result.item.parameters[parameter.name] = typed;
    if (typed.trim() === "") {
      // No value typed: the new default applies, unless the parameter has become required without one.
      const previous = before.get(parameter.name)!;
      const mandatory = (candidate: ClauseParameter) => candidate.required && candidate.default === undefined;
      if (mandatory(parameter) && !mandatory(previous))
        result.invalid.push({
          name: parameter.name,
          label: parameter.label,
          message: `« ${parameter.label} » est désormais obligatoire : renseignez-le.`,
        });
      continue;
    }
    const check = validateParameterValue(parameter, typed);
    if (check.ok) result.kept.push({ name: parameter.name, label: parameter.label });
    else
      result.invalid.push({
        name: parameter.name,
        label: parameter.label,
        message: `${check.message} La valeur « ${typed} » n'est plus acceptée par la version ${to.version} : corrigez-la.`,
      });
  }
  for (const [name, parameter] of before)
    if (!after.has(name))
      result.removed.push({
        name,
        label: parameter.label,
        message: `« ${parameter.label} » n'existe plus dans la version ${to.version}${
          item.parameters[name]?.trim() ? ` : la valeur « ${item.parameters[name]} » est retirée` : ""
        }.`,
      });
  return result;
}
