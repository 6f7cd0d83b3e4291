/** A modal `<dialog>`: the browser keeps the focus inside it and Escape cancels it. */
import { useEffect, useRef } from "react";

/** A modal <dialog>, opened as soon as it is shown (plain `open` where showModal is missing). */
export function useModal(onCancel: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef(onCancel);
  useEffect(() => {
    cancelRef.current = onCancel;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (typeof dialog.showModal === "function") {
      if (!dialog.open) dialog.showModal();
    } else {
      dialog.setAttribute("open", "");
    }
    const cancel = (event: Event) => {
      event.preventDefault();
      cancelRef.current();
    };
    dialog.addEventListener("cancel", cancel);
    return () => {
      dialog.removeEventListener("cancel", cancel);
      if (typeof dialog.close === "function" && dialog.open) dialog.close();
    };
  }, []);
  return ref;
}
