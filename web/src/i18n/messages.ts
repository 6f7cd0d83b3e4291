/** The type every catalogue must satisfy: the shape of the French reference catalogue. */
import type { fr } from "./fr";

export type Messages = typeof fr;
