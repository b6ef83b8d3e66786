import { Link } from "~/components/link";
import { ContentPage } from "./content-page";

/** Shown by sections whose pages are not built yet, so that the main navigation never leads to a 404. */
export function UpcomingSection({ title, text }: { title: string; text: string }) {
  return (
    <ContentPage title={title}>
      <div className="fr-callout">
        <p className="fr-callout__text">{text}</p>
      </div>
      <p>
        En attendant, les <Link to="/latest">discussions</Link> sont ouvertes.
      </p>
    </ContentPage>
  );
}
