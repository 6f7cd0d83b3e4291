/**
 * The `token` of an e-mailed link (`/mot-de-passe/nouveau?token=…`, `/invitation?token=…`).
 * Read once, then taken out of the address bar so it does not linger in the history.
 */
import { useEffect, useState } from "react";
import { navigate, searchParam } from "../router/location";

export function useLinkToken(): string | null {
  const [token] = useState(() => {
    const value = searchParam("token")?.trim() ?? "";
    return value === "" ? null : value;
  });

  useEffect(() => {
    if (window.location.search !== "") {
      navigate(window.location.pathname, { redirect: true, state: window.history.state });
    }
  }, []);

  return token;
}
