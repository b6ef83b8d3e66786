import { useFetcher, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { useEffect, useRef, type ReactNode } from "react";
import { CsrfInput } from "./forms";

export interface ComposerProps {
  /** Where drafts are kept in this browser, e.g. "topic:42" or "new-topic". */
  draftKey: string;
  defaultRaw?: string;
  /** The server-rendered preview after an "Aperçu" submission (works without JavaScript). */
  preview?: string | null;
  fieldErrors?: Record<string, string>;
  submitLabel: string;
  /** Extra fields above the message (title, category), and hidden inputs. */
  children?: ReactNode;
  action?: string;
}

/** The Markdown composer: a plain form that posts and previews without JavaScript; with it, a live preview and a
 * draft saved in this browser. */
export function Composer({
  draftKey,
  defaultRaw = "",
  preview,
  fieldErrors = {},
  submitLabel,
  children,
  action,
}: ComposerProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const previewer = useFetcher<{ cooked: string }>();
  const navigation = useNavigation();
  const storageKey = `cicclo:draft:${draftKey}`;

  useEffect(() => {
    const saved = window.localStorage.getItem(storageKey);
    const field = textarea.current;
    if (!saved || !field || field.value.includes(saved)) return;
    // A quote opened the composer: keep the unsent draft and add the quote after it, rather than lose either.
    field.value = field.value ? `${saved.trimEnd()}\n\n${field.value}` : saved;
    window.localStorage.setItem(storageKey, field.value);
  }, [storageKey]);

  const timer = useRef<ReturnType<typeof setTimeout>>();
  function onInput(value: string) {
    window.localStorage.setItem(storageKey, value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => previewer.submit({ raw: value }, { method: "post", action: "/preview" }), 300);
  }

  const shown = previewer.data?.cooked ?? preview ?? null;
  const submitting = navigation.state === "submitting";
  return (
    <Form
      method="post"
      action={action}
      id="composer"
      className="fr-mb-6w"
      // The server's French messages, shown next to each field, say more than the browser's bubbles.
      noValidate
      onSubmit={(event) => {
        const intent = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value");
        if (intent !== "preview") window.localStorage.removeItem(storageKey);
      }}
    >
      <CsrfInput />
      {children}
      <div className={`fr-input-group${fieldErrors.raw ? " fr-input-group--error" : ""}`}>
        <label className="fr-label" htmlFor="composer-raw">
          Message
          <span className="fr-hint-text">
            Markdown : **gras**, _italique_, `code`, blocs ```json, tableaux, listes de tâches - [ ], liens.
          </span>
        </label>
        <textarea
          ref={textarea}
          className={`fr-input${fieldErrors.raw ? " fr-input--error" : ""}`}
          id="composer-raw"
          name="raw"
          rows={10}
          defaultValue={defaultRaw}
          onInput={(event) => onInput(event.currentTarget.value)}
          aria-describedby={fieldErrors.raw ? "composer-raw-error" : undefined}
        />
        {fieldErrors.raw ? (
          <p className="fr-error-text" id="composer-raw-error">
            {fieldErrors.raw}
          </p>
        ) : null}
      </div>
      {shown !== null ? (
        <section aria-label="Aperçu du message" className="composer__preview">
          <p className="fr-text--sm fr-text-mention--grey fr-mb-1w">Aperçu</p>
          {/* Rendered and sanitized on the server, exactly as the published post will be. */}
          <div className="post__body" dangerouslySetInnerHTML={{ __html: shown }} />
        </section>
      ) : null}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button className="fr-btn" type="submit" name="intent" value="publish" disabled={submitting}>
            {submitLabel}
          </button>
        </li>
        <li>
          <button className="fr-btn fr-btn--secondary" type="submit" name="intent" value="preview">
            Aperçu
          </button>
        </li>
      </ul>
    </Form>
  );
}
