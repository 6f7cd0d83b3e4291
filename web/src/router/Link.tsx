/** An anchor that navigates inside the app without reloading, and behaves as a link otherwise. */
import type { ComponentPropsWithRef, MouseEvent } from "react";
import { navigate } from "./location";

type Props = Omit<ComponentPropsWithRef<"a">, "href"> & { readonly to: string };

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey;
}

export function Link({ to, onClick, children, ...rest }: Props) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    // Modified clicks (new tab, new window) and other targets stay with the browser.
    if (event.defaultPrevented || !isPlainLeftClick(event) || rest.target !== undefined) return;
    event.preventDefault();
    navigate(to);
  }

  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
