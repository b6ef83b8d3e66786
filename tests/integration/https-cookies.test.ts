import { expect, it } from "vitest";

// Behind https (PUBLIC_URL), cookies must be Secure and the session cookie host-locked.
process.env.PUBLIC_URL = "https://interop.example.gouv.fr";
const { authCookies } = await import("../../app/infra/auth.server");

it("marks every cookie Secure and uses the __Host- prefix for the session when served over https", async () => {
  const cookies = authCookies();
  const session = await cookies.session.serialize("token");
  expect(session).toMatch(/^__Host-cicclo_session=/);
  expect(session).toMatch(/; Secure/);
  expect(session).toMatch(/; HttpOnly/);
  expect(session).toMatch(/; Path=\//);
  expect(await cookies.loginRequest.serialize("id")).toMatch(/; Secure/);
});
