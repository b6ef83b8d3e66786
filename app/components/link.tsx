import { Link as RemixLink, type LinkProps } from "@remix-run/react";
import { forwardRef, type MouseEvent } from "react";
import { isInAppPath, useRouterFunctions } from "./in-app-navigation";

/**
 * The app's link. A link to a path of the app ("/latest", "/t/slug/12#post-3") or to a query of the same page
 * ("?flag=3#post-3", sent as written) is a plain anchor that the router follows on a click, as Remix's Link does;
 * Remix's Link resolves its path three times and registers prefetching hooks on each render, which a list of fifty
 * links pays on every signed-in page (docs/decisions/022). Other links (relative paths, objects, reloadDocument, a
 * target) are Remix's Link.
 */
export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link(props, ref) {
  const navigate = useRouterFunctions()?.navigate;
  const {
    to,
    replace,
    state,
    preventScrollReset,
    reloadDocument,
    target,
    onClick,
    prefetch,
    discover = "render",
    relative,
    viewTransition,
    children,
    ...anchor
  } = props;
  // A query of this page ("?flag=3#post-3"): the same page's path, with the query and fragment given.
  const sameRoute = typeof to === "string" && to.startsWith("?");
  if (
    !navigate ||
    !(isInAppPath(to) || sameRoute) ||
    reloadDocument ||
    target ||
    state !== undefined ||
    prefetch ||
    relative ||
    viewTransition
  ) {
    return <RemixLink ref={ref} {...props} />;
  }
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // A modified or middle click opens a tab, as with any anchor; the router follows plain left clicks.
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.altKey ||
      event.ctrlKey ||
      event.shiftKey
    )
      return;
    event.preventDefault();
    const here = window.location.pathname + window.location.search + window.location.hash;
    navigate(to, { replace: replace ?? to === here, preventScrollReset });
  };
  return (
    // Remix discovers the routes of the links marked so as they appear (lazy route discovery), as for its own Link:
    // a click then navigates without first asking the server which route the path is. A query of this page needs
    // no discovery: its route is the page's, and the browser resolves the href against the page's address.
    <a
      ref={ref}
      href={to}
      onClick={follow}
      data-discover={discover === "render" && !sameRoute ? "true" : undefined}
      {...anchor}
    >
      {children}
    </a>
  );
});
