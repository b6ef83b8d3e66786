import { expect, it } from "vitest";
import { letterAvatarSvg } from "./avatar";

it("draws the first letter on a colour that depends only on the username", () => {
  const svg = letterAvatarSvg("julien.roux", 48);
  expect(svg).toContain('width="48"');
  expect(svg).toMatch(/>J<\/text>/);
  expect(letterAvatarSvg("julien.roux", 96).match(/fill="#\w+"/)![0]).toBe(svg.match(/fill="#\w+"/)![0]);
});

it("escapes a hostile name instead of injecting markup", () => {
  const svg = letterAvatarSvg("<script>", 32);
  expect(svg).toContain(">&lt;</text>");
  expect(svg).not.toContain("<script");
});
