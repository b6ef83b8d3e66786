import type { LoaderFunctionArgs } from "@remix-run/node";
import { AVATAR_SIZES, letterAvatarSvg } from "~/domain/forum/avatar";
import { httpError } from "~/infra/responses.server";

// The avatar_template of the Discourse JSON: /avatar/:username/:size.svg. Any name gets a letter, so the answer
// says nothing about whether an account exists.
export function loader({ params }: LoaderFunctionArgs) {
  const size = Number(params.size);
  if (!Number.isInteger(size) || size < AVATAR_SIZES.min || size > AVATAR_SIZES.max) {
    throw httpError(404, `Taille d'avatar inconnue : de ${AVATAR_SIZES.min} à ${AVATAR_SIZES.max} pixels.`);
  }
  return new Response(letterAvatarSvg(params.username ?? "", size), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=86400",
      // An SVG opened on its own is a document: it may run nothing.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
