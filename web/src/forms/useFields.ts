/** The values of a form's text fields, by name, with a binder for `TextField`. */
import { useCallback, useState } from "react";

export function useFields<T extends { readonly [K in keyof T]: string }>(initial: T) {
  const [values, setValues] = useState<T>(initial);

  const set = useCallback((name: keyof T, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
  }, []);

  const bind = (name: keyof T & string) => ({
    value: values[name],
    onChange: (value: string) => {
      set(name, value);
    },
  });

  return { values, set, bind };
}
