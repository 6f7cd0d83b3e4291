/** Matches a path against a pattern such as "/factures/nouvelle/:type". */

export type Params = Readonly<Record<string, string>>;

function segments(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

export function matchPath(pattern: string, pathname: string): Params | null {
  const expected = segments(pattern);
  const actual = segments(pathname);
  if (expected.length !== actual.length) return null;

  const params: Record<string, string> = {};
  for (const [index, part] of expected.entries()) {
    const value = actual[index] ?? "";
    if (part.startsWith(":")) {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) {
      return null;
    }
  }
  return params;
}
