import { describe, expect, it } from "vitest";
import { renderOnPage } from "../../tests/support/static-page";
import { Form, usePageAction } from "./form";

function PageForm() {
  return (
    <Form method="post" action={usePageAction()} className="fr-mt-1w" aria-label="Réactions">
      <button type="submit" name="kind" value="+1">
        D&apos;accord
      </button>
    </Form>
  );
}

describe("Form", () => {
  it("posts to an in-app path as a plain form, with its attributes and content", async () => {
    const html = await renderOnPage("/t/un-sujet/12?flag=3", <PageForm />, { path: "t/:slug/:id" });
    expect(html).toContain(
      '<form method="post" action="/t/un-sujet/12?flag=3" data-discover="true" class="fr-mt-1w" aria-label="Réactions">' +
        '<button type="submit" name="kind" value="+1">D&#x27;accord</button></form>',
    );
  });

  it("gives a form without action the page's path, as Remix's Form does, including an index route's ?index", async () => {
    const onTopic = await renderOnPage("/t/un-sujet/12?flag=3", <Form method="post">x</Form>, { path: "t/:slug/:id" });
    expect(onTopic).toMatch(/<form method="post" action="\/t\/un-sujet\/12\?flag=3"/);
    const onIndex = await renderOnPage("/", <Form method="post">x</Form>, { index: true });
    expect(onIndex).toMatch(/<form method="post" action="\/\?index"/);
  });

  it("leaves forms that reload the document or go elsewhere to the browser", async () => {
    const html = await renderOnPage(
      "/u/ana",
      <>
        <Form method="post" action="/logout" reloadDocument>
          Se déconnecter
        </Form>
        <Form method="get" action="https://validata.fr/validate">
          Valider
        </Form>
      </>,
      { path: "u/:username" },
    );
    expect(html).toMatch(/<form method="post" action="\/logout">Se déconnecter<\/form>/);
    expect(html).toMatch(/<form method="get" action="https:\/\/validata.fr\/validate">Valider<\/form>/);
  });
});
