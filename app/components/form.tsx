import { Form as RemixForm, useLocation, type FormProps } from "@remix-run/react";
import { forwardRef, type FormEvent } from "react";
import { isInAppPath, useRouterFunctions } from "./in-app-navigation";

/**
 * The app's form. A form that posts to a path of the app (`action="/t/slug/12"`) is a plain `<form>` whose submit
 * the router performs, as Remix's Form does; Remix's Form resolves its action against the route tree and registers
 * its submit hooks on each render, which a page of posts (a reaction form each) paid twenty times over
 * (docs/decisions/023). Other forms (no action or a relative one, fetchers, reloadDocument) are Remix's Form.
 * Pages with many forms give them their own path as action: see `usePageAction`.
 */
export const Form = forwardRef<HTMLFormElement, FormProps>(function Form(props, ref) {
  const submit = useRouterFunctions()?.submit;
  const {
    action,
    method = "get",
    onSubmit,
    replace,
    state,
    preventScrollReset,
    discover = "render",
    fetcherKey,
    navigate,
    reloadDocument,
    relative,
    viewTransition,
    ...form
  } = props;
  if (
    !submit ||
    !isInAppPath(action) ||
    fetcherKey !== undefined ||
    navigate === false ||
    reloadDocument ||
    relative ||
    viewTransition
  ) {
    return <RemixForm ref={ref} {...props} />;
  }
  const perform = (event: FormEvent<HTMLFormElement>) => {
    onSubmit?.(event);
    if (event.defaultPrevented) return;
    event.preventDefault();
    // The button pressed travels with the form (its name and value, or its formmethod), as in a native submission.
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    submit(submitter ?? event.currentTarget, {
      method: (submitter?.getAttribute("formmethod") ?? method) as FormProps["method"],
      replace,
      state,
      preventScrollReset,
    });
  };
  return (
    <form
      ref={ref}
      method={method.toLowerCase() === "get" ? "get" : "post"}
      action={action}
      onSubmit={perform}
      // Remix discovers the route an in-app form posts to as it appears (lazy route discovery), as for its own Form.
      data-discover={discover === "render" ? "true" : undefined}
      {...form}
    />
  );
});

/**
 * What a form without an action posts to on a page that is not an index route: the page's own path and query (the
 * browser's and Remix's rule). A page with a form per item reads it once and gives it to each form.
 */
export function usePageAction(): string {
  const { pathname, search } = useLocation();
  return pathname + search;
}
