import { describe, expect, it } from "vitest";
import { iopSign, iopStringToSign } from "../../adapters/core/iopSign.js";

const base = {
  app_key: "12345678",
  code: "3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26",
  sign_method: "sha256",
  timestamp: "1517820392000",
};

describe("IOP signing golden vectors (channels.md)", () => {
  it("signs a path-style call", () => {
    expect(iopStringToSign("/auth/token/create", base)).toBe(
      "/auth/token/createapp_key12345678code3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26sign_methodsha256timestamp1517820392000",
    );
    expect(iopSign("helloworld", "/auth/token/create", base)).toBe(
      "35607762342831B6A417A0DED84B79C05FEFBF116969C48AD6DC00279A9F4D81",
    );
  });

  it("signs the same params plus simplify=true", () => {
    expect(iopSign("helloworld", "/auth/token/create", { ...base, simplify: "true" })).toBe(
      "0B409A354C6FB222EE2C8095002ACDB2D30566151D1A2361AEE7D2627B9BCBEA",
    );
  });

  it("signs a method-style call with no path prefix", () => {
    const params = {
      access_token: "test",
      aliexpress_category_id: "200135143",
      app_key: "123456",
      method: "aliexpress.logistics.redefining.getonlinelogisticsinfo",
      sign_method: "sha256",
      timestamp: "1517820392000",
    };
    expect(iopSign("helloworld", "", params)).toBe("F7F7926B67316C9D1E8E15F7E66940ED3059B1638C497D77973F30046EFB5BBB");
  });

  it("leaves out sign, empty values and file bytes, and uses raw values in ASCII key order", () => {
    const params = {
      timestamp: 1517820392000,
      sign: "OLD",
      empty: "",
      missing: undefined,
      image: new Uint8Array([1, 2, 3]),
      app_key: "12345678",
      Zeta: "a b&c",
      code: "3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26",
      sign_method: "sha256",
    };
    expect(iopStringToSign("/x", params)).toBe(
      "/xZetaa b&capp_key12345678code3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26sign_methodsha256timestamp1517820392000",
    );
    const { Zeta: _zeta, ...golden } = params;
    expect(iopSign("helloworld", "/auth/token/create", golden)).toBe(
      "35607762342831B6A417A0DED84B79C05FEFBF116969C48AD6DC00279A9F4D81",
    );
  });
});
