import { parseExpiry, parseScopes, type NewApiKey } from "./api-keys.server";

/** The fields of the API key creation form, validated; the owner comes from the page, never from the form. */
export function parseApiKeyForm(form: FormData, owner: NewApiKey["owner"]): NewApiKey {
  return {
    label: String(form.get("label") ?? ""),
    scopes: parseScopes(form.getAll("scopes")),
    expiresAt: parseExpiry(form.get("expiresAt")),
    owner,
  };
}
