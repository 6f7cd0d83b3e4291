/** A form's errors, and the signal that makes the summary take the focus. */
import { useCallback, useState } from "react";
import { hasErrors, noErrors, type FormErrors } from "./formErrors";

/** `initial`: errors to show (and focus) as soon as the form appears. */
export function useFormErrors(initial: FormErrors = noErrors) {
  const [errors, setErrorsState] = useState<FormErrors>(initial);
  const [focusKey, setFocusKey] = useState(hasErrors(initial) ? 1 : 0);

  /** Shows these errors; if there are any, the summary takes the focus. */
  const show = useCallback((next: FormErrors) => {
    setErrorsState(next);
    if (hasErrors(next)) setFocusKey((key) => key + 1);
  }, []);

  const clear = useCallback(() => {
    setErrorsState(noErrors);
  }, []);

  return { errors, focusKey, show, clear };
}
