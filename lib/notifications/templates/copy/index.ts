import type { AlertLocale } from "../../locales";
import { de } from "./de";
import { en } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { ptBR } from "./pt-BR";
import type { Copy } from "./types";

export type { Copy, CopyVars } from "./types";

const COPY: Record<AlertLocale, Copy> = { en, es, fr, de, "pt-BR": ptBR };

export function copyFor(locale: AlertLocale): Copy {
  return COPY[locale];
}
