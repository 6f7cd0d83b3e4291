/** The outcome of an action on a list (saved, removed, refused), announced politely. */
import { useEffect, useRef } from "react";

export interface NoticeState {
  readonly kind: "success" | "error";
  readonly text: string;
}

export function Notice({ notice }: { readonly notice: NoticeState }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [notice]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={notice.kind === "error" ? "alert" : "status"}
      className={`notice notice--${notice.kind}`}
    >
      <p>{notice.text}</p>
    </div>
  );
}
