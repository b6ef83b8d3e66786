import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { ContentPage } from "~/components/content-page";
import { safeEqual } from "~/domain/identity/tokens.server";
import { authCookies } from "~/infra/auth.server";

export const meta: MetaFunction = () => [{ title: "Déconnexion — CICCLO Interop" }];

// ProConnect comes back here after ending its session, with the state we gave it.
export async function loader({ request }: LoaderFunctionArgs) {
  const cookies = authCookies();
  const expected = await cookies.logoutState.parse(request.headers.get("cookie"));
  const given = new URL(request.url).searchParams.get("state");
  const fromProvider = given !== null;
  const stateMatches = typeof expected === "string" && given !== null && safeEqual(expected, given);
  return data(
    { confirmed: !fromProvider || stateMatches },
    { headers: { "Set-Cookie": await cookies.logoutState.serialize("", { maxAge: 0 }) } },
  );
}

export default function LoggedOut() {
  const { confirmed } = useLoaderData<typeof loader>();
  return (
    <ContentPage title="Vous êtes déconnecté">
      {confirmed ? (
        <div className="fr-alert fr-alert--success fr-mb-4w">
          <p>Votre session CICCLO Interop et votre session ProConnect sont terminées.</p>
        </div>
      ) : (
        <div className="fr-alert fr-alert--warning fr-mb-4w">
          <p>
            Votre session CICCLO Interop est terminée, mais le retour de ProConnect n&apos;a pas pu être vérifié. Si
            vous êtes sur un poste partagé, fermez le navigateur.
          </p>
        </div>
      )}
      <p>
        <Link to="/">Retour à l&apos;accueil</Link>
      </p>
    </ContentPage>
  );
}
