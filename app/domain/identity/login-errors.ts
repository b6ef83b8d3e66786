// Every way a ProConnect sign-in can fail, with what the person sees. The kind is logged with the provider's code.
export const LOGIN_FAILURES = {
  access_denied: {
    status: 403,
    title: "Connexion refusée",
    message:
      "ProConnect n'a pas autorisé la connexion : vous l'avez refusée, ou votre compte n'atteint pas le niveau de sécurité demandé par CICCLO Interop.",
    retry:
      "Vous pouvez réessayer en choisissant un moyen d'authentification plus sûr (par exemple avec double facteur).",
  },
  login_required: {
    status: 401,
    title: "Connexion nécessaire",
    message: "Votre session ProConnect a expiré ou n'existe pas.",
    retry: "Reconnectez-vous avec ProConnect.",
  },
  acr_too_low: {
    status: 403,
    title: "Niveau d'authentification insuffisant",
    message: "Le niveau d'authentification transmis par ProConnect est inférieur à celui exigé par CICCLO Interop.",
    retry: "Reconnectez-vous avec un moyen d'authentification plus sûr.",
  },
  expired_request: {
    status: 400,
    title: "Demande de connexion expirée",
    message:
      "Cette demande de connexion a expiré ou a déjà servi. Cela arrive si vous revenez en arrière dans le navigateur ou si vous attendez plus de dix minutes.",
    retry: "Relancez la connexion depuis le bouton ProConnect.",
  },
  state_mismatch: {
    status: 400,
    title: "Demande de connexion invalide",
    message:
      "La réponse de ProConnect ne correspond pas à la demande envoyée par ce navigateur. Par sécurité, la connexion a été interrompue.",
    retry: "Relancez la connexion depuis le bouton ProConnect, dans un seul onglet.",
  },
  nonce_mismatch: {
    status: 400,
    title: "Jeton d'identité invalide",
    message: "Le jeton d'identité reçu ne correspond pas à cette demande de connexion. Par sécurité, il a été refusé.",
    retry: "Relancez la connexion depuis le bouton ProConnect.",
  },
  code_rejected: {
    status: 400,
    title: "Code de connexion refusé",
    message: "ProConnect a refusé le code de connexion : il a expiré ou a déjà été utilisé.",
    retry: "Relancez la connexion depuis le bouton ProConnect.",
  },
  invalid_response: {
    status: 502,
    title: "Réponse de ProConnect invalide",
    message:
      "La réponse de ProConnect n'a pas pu être vérifiée (signature ou format inattendus). Aucun compte n'a été créé.",
    retry: "Réessayez dans quelques minutes ; si le problème persiste, signalez-le aux administrateurs.",
  },
  provider_unavailable: {
    status: 503,
    title: "ProConnect est indisponible",
    message: "Le service ProConnect ne répond pas pour le moment.",
    retry: "Réessayez dans quelques minutes.",
  },
  not_configured: {
    status: 503,
    title: "Connexion indisponible",
    message: "La connexion avec ProConnect n'est pas configurée sur cette instance.",
    retry: "Prévenez l'opérateur de l'instance.",
  },
  provider_error: {
    status: 502,
    title: "Erreur de ProConnect",
    message: "ProConnect a renvoyé une erreur pendant la connexion.",
    retry: "Réessayez ; si le problème persiste, signalez-le aux administrateurs.",
  },
} as const;

export type LoginFailureKind = keyof typeof LOGIN_FAILURES;

export class LoginFailure extends Error {
  override name = "LoginFailure";
  constructor(
    readonly kind: LoginFailureKind,
    /** The provider's own error code or the library's, for the log. */
    readonly providerCode: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(`${kind}${providerCode ? ` (${providerCode})` : ""}`, options);
  }
}
