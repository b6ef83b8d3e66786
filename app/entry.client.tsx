import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { RemixBrowser } from "@remix-run/react";
import { Link } from "~/components/link";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

// react-dsfr loads the DSFR script (menus, modals, display settings) after hydration, with the page's nonce.
// Browsers hide the nonce attribute from the DOM but keep the property on the elements that carry it.
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
startReactDsfr({ defaultColorScheme: "system", Link, nonce });

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
