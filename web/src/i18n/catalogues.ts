/** All message catalogues by language. */
import { de } from "./de";
import { fr } from "./fr";
import type { Language } from "./language";
import type { Messages } from "./messages";

export const catalogues: Record<Language, Messages> = { fr, de };
