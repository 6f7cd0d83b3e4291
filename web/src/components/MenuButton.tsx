/**
 * A button that opens a menu of links or actions, following the WAI-ARIA menu button
 * pattern: Enter, Space or arrow keys open it, arrows/Home/End move, Escape closes and
 * returns to the button, Tab or a click elsewhere closes it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Link } from "../router/Link";
import "./MenuButton.css";

interface BaseItem {
  readonly key: string;
  readonly content: ReactNode;
}

export type MenuItem =
  (BaseItem & { readonly to: string }) | (BaseItem & { readonly onSelect: () => void });

interface Props {
  readonly label: ReactNode;
  readonly items: readonly MenuItem[];
  readonly buttonClassName?: string;
  readonly menuClassName?: string;
  /** Which edge of the button the menu lines up with. */
  readonly align?: "start" | "end";
}

export function MenuButton({
  label,
  items,
  buttonClassName = "",
  menuClassName = "",
  align = "start",
}: Props) {
  const id = useId();
  const buttonId = `${id}button`;
  const menuId = `${id}menu`;
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(0);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLElement | null)[]>([]);
  const lastIndex = items.length - 1;

  useEffect(() => {
    if (open) itemRefs.current[activeIndex]?.focus();
  }, [open, activeIndex]);

  useEffect(() => {
    const container = containerRef.current;
    if (!open || container === null) return;
    const isOutside = (target: EventTarget | null) =>
      !(target instanceof Node && container.contains(target));
    function closeOnOutsideClick(event: MouseEvent) {
      if (isOutside(event.target)) setOpen(false);
    }
    // Tab, or focus moving anywhere outside, closes the menu without stealing focus back.
    function closeOnFocusLeaving(event: FocusEvent) {
      if (isOutside(event.relatedTarget)) setOpen(false);
    }
    document.addEventListener("mousedown", closeOnOutsideClick);
    container.addEventListener("focusout", closeOnFocusLeaving);
    return () => {
      document.removeEventListener("mousedown", closeOnOutsideClick);
      container.removeEventListener("focusout", closeOnFocusLeaving);
    };
  }, [open]);

  function openAt(index: number) {
    setActiveIndex(index);
    setOpen(true);
  }

  function closeAndReturnFocus() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      openAt(0);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      openAt(lastIndex);
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Partial<Record<string, number>> = {
      ArrowDown: activeIndex === lastIndex ? 0 : activeIndex + 1,
      ArrowUp: activeIndex === 0 ? lastIndex : activeIndex - 1,
      Home: 0,
      End: lastIndex,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      setActiveIndex(target);
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeAndReturnFocus();
    } else if (event.key === " ") {
      // Links react to Enter only; menu items must react to Space as well.
      event.preventDefault();
      itemRefs.current[activeIndex]?.click();
    }
  }

  return (
    <div className="menu-button" ref={containerRef}>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className={buttonClassName}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => {
          if (open) setOpen(false);
          else openAt(0);
        }}
        onKeyDown={onButtonKeyDown}
      >
        {label}
      </button>
      <div
        id={menuId}
        role="menu"
        tabIndex={-1}
        aria-labelledby={buttonId}
        className={`menu menu--${align} ${menuClassName}`}
        hidden={!open}
        onKeyDown={onMenuKeyDown}
      >
        {items.map((item, index) =>
          "to" in item ? (
            <Link
              key={item.key}
              ref={(element) => {
                itemRefs.current[index] = element;
              }}
              to={item.to}
              role="menuitem"
              tabIndex={-1}
              className="menu__item"
              onClick={closeAndReturnFocus}
            >
              {item.content}
            </Link>
          ) : (
            <button
              key={item.key}
              ref={(element) => {
                itemRefs.current[index] = element;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu__item"
              onClick={() => {
                closeAndReturnFocus();
                item.onSelect();
              }}
            >
              {item.content}
            </button>
          ),
        )}
      </div>
    </div>
  );
}
