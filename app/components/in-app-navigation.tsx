import { useNavigate, useSubmit } from "@remix-run/react";
import { createContext, useContext, useMemo, type ReactNode } from "react";

interface RouterFunctions {
  navigate: ReturnType<typeof useNavigate>;
  submit: ReturnType<typeof useSubmit>;
}

const RouterFunctionsContext = createContext<RouterFunctions | null>(null);

/** Gives every Link and Form of the page the router's navigate and submit functions, looked up once per page
 * instead of once per link or form (docs/decisions/022 and 023). */
export function InAppNavigation({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const submit = useSubmit();
  const functions = useMemo(() => ({ navigate, submit }), [navigate, submit]);
  return <RouterFunctionsContext.Provider value={functions}>{children}</RouterFunctionsContext.Provider>;
}

/** Provides the functions again where a part of the page is rendered on its own (cached-fragment.tsx). */
export const RouterFunctionsProvider = RouterFunctionsContext.Provider;

/** The router's functions, or null outside the root layout (then Remix's own components serve). */
export const useRouterFunctions = () => useContext(RouterFunctionsContext);

/** A path of this app ("/latest", "/t/slug/12?flag=3#post-3"), as opposed to a relative path or another site. */
export const isInAppPath = (to: unknown): to is string =>
  typeof to === "string" && to.startsWith("/") && !to.startsWith("//");
