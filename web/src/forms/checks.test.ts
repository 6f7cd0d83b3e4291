import { describe, expect, it } from "vitest";
import {
  checkCode,
  checkConfirmation,
  checkEmail,
  checkGln,
  checkNewPassword,
  checkPhone,
  checkUid,
  gs1CheckDigit,
  normaliseCode,
  passwordLength,
} from "./checks";

// Reference values computed with python-stdnum (the library the server uses).
describe("GLN (GS1 check digit, as stdnum.ean)", () => {
  it("computes the check digit", () => {
    expect(gs1CheckDigit("760100123456")).toBe(7);
  });

  it.each([
    ["7601001234567", null],
    ["760 1001 2345 67", null],
    ["7601001234560", "glnCheckDigit"],
    ["760100123456", "glnFormat"],
    ["76010012345678", "glnFormat"],
    ["76010012345a7", "glnFormat"],
    ["", "required"],
  ])("%s → %s", (gln, expected) => {
    expect(checkGln(gln)).toBe(expected);
  });
});

describe("UID (mod 11, as stdnum.ch.uid)", () => {
  it.each([
    ["CHE-100.155.212", null],
    ["che100155212", null],
    ["CHE 116 281 710", null],
    ["CHE-100.155.213", "uidCheckDigit"],
    // Check digit 10 does not exist: no number with these eight digits is valid.
    ["CHE-000.000.030", "uidCheckDigit"],
    ["100.155.212", "uidFormat"],
    ["CHE-100.155.21", "uidFormat"],
    ["", null],
  ])("%s → %s", (uid, expected) => {
    expect(checkUid(uid)).toBe(expected);
  });
});

describe("passwords", () => {
  it("counts characters as the server does, not UTF-16 units", () => {
    expect("🔒🔒🔒🔒🔒🔒".length).toBe(12);
    expect(passwordLength("🔒🔒🔒🔒🔒🔒")).toBe(6);
    expect(checkNewPassword("🔒🔒🔒🔒🔒🔒")).toBe("passwordTooShort");
  });

  it("accepts 12 to 128 characters of anything, spaces included", () => {
    expect(checkNewPassword("a".repeat(11))).toBe("passwordTooShort");
    expect(checkNewPassword("correct horse")).toBeNull();
    expect(checkNewPassword("é".repeat(128))).toBeNull();
    expect(checkNewPassword("x".repeat(129))).toBe("passwordTooLong");
    expect(checkNewPassword("")).toBe("required");
  });

  it("compares the confirmation exactly", () => {
    expect(checkConfirmation("correct horse", "correct horse")).toBeNull();
    expect(checkConfirmation("correct horse", "correct horse ")).toBe("confirmationMismatch");
    expect(checkConfirmation("correct horse", "")).toBe("required");
  });
});

describe("e-mail and phone numbers (plausibility only; the server decides)", () => {
  it.each([
    ["jean.dupont@testing.ch", null],
    ["  jean@testing.ch ", null],
    ["jean@testing", "email"],
    ["jean testing.ch", "email"],
    ["", "required"],
  ])("e-mail %s → %s", (email, expected) => {
    expect(checkEmail(email)).toBe(expected);
  });

  it.each([
    ["+41 79 123 45 67", null],
    ["079 123 45 67", null],
    ["0041 (0)27 324 96 11", null],
    ["+33 6 12 34 56 78", null],
    ["079 123", "mobile"],
    ["call me", "mobile"],
    ["", "required"],
  ])("mobile %s → %s", (mobile, expected) => {
    expect(checkPhone(mobile, "mobile")).toBe(expected);
  });
});

describe("SMS code", () => {
  it("accepts a pasted code with spaces", () => {
    expect(normaliseCode(" 123 456 ")).toBe("123456");
    expect(checkCode("123 456")).toBeNull();
  });

  it("wants six digits", () => {
    expect(checkCode("12345")).toBe("code");
    expect(checkCode("1234567")).toBe("code");
    expect(checkCode("")).toBe("required");
  });
});
