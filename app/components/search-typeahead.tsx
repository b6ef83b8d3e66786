import { useNavigate } from "@remix-run/react";
import { useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";

/** What /search-suggestions.json answers (app/domain/search/site-search.server.ts). */
interface Suggestion {
  type: string;
  typeLabel: string;
  url: string;
  /** Escaped by the search engine, matched words in <mark>: safe to insert as HTML. */
  titleHtml: string;
}

const DEBOUNCE_MS = 200;
const subscribeNever = () => () => {};

/**
 * The header's search box. Without JavaScript it is the plain input of a GET form to /search. Once hydrated it is an
 * ARIA combobox (list autocomplete): up to 8 suggestions as the person types (debounced), ↓/↑ to move through them,
 * Enter to open the one selected (or, with none selected, to submit the search), Escape to close the list.
 */
export function SearchTypeahead({ inputId, defaultValue }: { inputId: string; defaultValue?: string }) {
  const navigate = useNavigate();
  const listId = `${useId().replace(/:/g, "")}-suggestions`;
  // False on the server and during hydration: the combobox roles appear only where the script runs.
  const hydrated = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const blurTimer = useRef<ReturnType<typeof setTimeout>>();
  const pending = useRef<{ timer?: ReturnType<typeof setTimeout>; controller?: AbortController }>({});

  // Only what the person types asks for suggestions, once they pause (not the value the page was rendered with).
  function onType(query: string) {
    clearTimeout(pending.current.timer);
    pending.current.controller?.abort();
    if (!query.trim()) {
      setSuggestions([]);
      setOpen(false);
      return;
    }
    const controller = new AbortController();
    pending.current = {
      controller,
      timer: setTimeout(async () => {
        try {
          const response = await fetch(`/search-suggestions.json?q=${encodeURIComponent(query)}`, {
            signal: controller.signal,
            headers: { accept: "application/json" },
          });
          if (!response.ok) return;
          const body = (await response.json()) as { suggestions: Suggestion[] };
          setSuggestions(body.suggestions);
          setActive(-1);
          setOpen(true);
        } catch {
          // Aborted by the next keystroke, or offline: the form still submits to /search.
        }
      }, DEBOUNCE_MS),
    };
  }

  const expanded = open && suggestions.length > 0;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (suggestions.length === 0) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      // Past either end, the selection goes back to the input (-1), as in the ARIA authoring practices.
      setActive((current) => {
        if (!expanded) return step === 1 ? 0 : suggestions.length - 1;
        const next = current + step;
        if (next >= suggestions.length) return -1;
        return next < -1 ? suggestions.length - 1 : next;
      });
    } else if (event.key === "Enter" && expanded && active >= 0) {
      event.preventDefault();
      const chosen = suggestions[active]!;
      setOpen(false);
      navigate(chosen.url);
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="search-typeahead">
      <input
        className="fr-input"
        placeholder="Rechercher un sujet, une clause…"
        type="search"
        id={inputId}
        name="q"
        defaultValue={defaultValue}
        autoComplete="off"
        onChange={(event) => onType(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          blurTimer.current = setTimeout(() => setOpen(false), 150);
        }}
        onFocus={() => clearTimeout(blurTimer.current)}
        {...(hydrated
          ? {
              role: "combobox",
              "aria-autocomplete": "list" as const,
              "aria-expanded": expanded,
              "aria-controls": listId,
              "aria-activedescendant": expanded && active >= 0 ? `${listId}-${active}` : undefined,
            }
          : {})}
      />
      {hydrated ? (
        <>
          <ul className="search-typeahead__list" id={listId} role="listbox" aria-label="Suggestions" hidden={!expanded}>
            {suggestions.map((suggestion, index) => (
              // The keyboard acts through the input (aria-activedescendant), as the ARIA combobox pattern prescribes.
              // eslint-disable-next-line jsx-a11y/click-events-have-key-events
              <li
                key={suggestion.url}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className="search-typeahead__option"
                // Keeps the focus in the input, so the click lands before the list closes on blur.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => {
                  setOpen(false);
                  navigate(suggestion.url);
                }}
              >
                <span className="fr-text--xs search-typeahead__type">{suggestion.typeLabel}</span>{" "}
                <span dangerouslySetInnerHTML={{ __html: suggestion.titleHtml }} />
              </li>
            ))}
          </ul>
          <p className="fr-sr-only" aria-live="polite">
            {expanded
              ? `${suggestions.length} suggestion${suggestions.length > 1 ? "s" : ""} : flèches haut et bas pour les parcourir, Entrée pour ouvrir.`
              : ""}
          </p>
        </>
      ) : null}
    </div>
  );
}
