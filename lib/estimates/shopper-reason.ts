/**
 * The reason line in the shopper's language: the same facts as reason.ts, worded for the tracking page in
 * its five languages, dates the way the rest of the page writes them ("Mon, Mar 26", "lun 26 de mar"),
 * carriers by their names ("FedEx Ground", never `fedex/ground`), and without the model's internals (the
 * carrier's weight as a percentage stays in the agent's English line, reason.ts).
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { DATE_LOCALES, DATE_PATTERNS } from "../i18n/date-formats";
import type { Locale } from "../i18n/locales";
import { carrierName } from "../tracking/carriers";
import type { LaneBasis } from "./lanes";
import type { ReasonFacts } from "./reason";

interface Phrases {
  /** [one, other] forms; `{n}` is the count. */
  deliveries: [string, string];
  basedOn: (deliveries: string) => string;
  lane: (from: string, to: string) => string;
  to: (place: string) => string;
  by: (carrier: string) => string;
  prior: string;
  late: string;
  lateMissed: (date: string) => string;
  lateBehind: (date: string) => string;
  lateBeyond: string;
  exception: string;
  stalled: (days: string, usual: string) => string;
  businessDays: [string, string];
  withCarrier: string;
  holidays: [string, string];
}

const PHRASES: Record<Locale, Phrases> = {
  en: {
    deliveries: ["{n} recent delivery", "{n} recent deliveries"],
    basedOn: (d) => `based on ${d}`,
    lane: (from, to) => `from ${from} to ${to}`,
    to: (place) => `to ${place}`,
    by: (carrier) => `by ${carrier}`,
    prior: "no delivery history yet: typical handling and transit times",
    late: "running late",
    lateMissed: (date) => `running late: past the promised ${date}`,
    lateBehind: (date) => `running late: unlikely to arrive by the promised ${date}`,
    lateBeyond: "running late: slower than every recent delivery like it",
    exception: "the carrier reported a problem; window widened",
    stalled: (days, usual) => `no scan for ${days} (usually at most ${usual}); window widened`,
    businessDays: ["{n} business day", "{n} business days"],
    withCarrier: "with the carrier's own estimate",
    holidays: ["{n} holiday on the way", "{n} holidays on the way"],
  },
  es: {
    deliveries: ["{n} entrega reciente", "{n} entregas recientes"],
    basedOn: (d) => `según ${d}`,
    lane: (from, to) => `de ${from} a ${to}`,
    to: (place) => `a ${place}`,
    by: (carrier) => `con ${carrier}`,
    prior: "aún no hay historial de entregas: tiempos habituales de preparación y transporte",
    late: "con retraso",
    lateMissed: (date) => `con retraso: ya pasó la fecha prometida, ${date}`,
    lateBehind: (date) => `con retraso: es poco probable que llegue antes de la fecha prometida, ${date}`,
    lateBeyond: "con retraso: más lento que todas las entregas recientes similares",
    exception: "el transportista informó de un problema; se amplió el plazo",
    stalled: (days, usual) => `sin escaneos desde hace ${days} (normalmente como mucho ${usual}); se amplió el plazo`,
    businessDays: ["{n} día hábil", "{n} días hábiles"],
    withCarrier: "con la estimación del propio transportista",
    holidays: ["{n} festivo en el camino", "{n} festivos en el camino"],
  },
  fr: {
    deliveries: ["{n} livraison récente", "{n} livraisons récentes"],
    basedOn: (d) => `d'après ${d}`,
    lane: (from, to) => `de ${from} vers ${to}`,
    to: (place) => `vers ${place}`,
    by: (carrier) => `par ${carrier}`,
    prior: "pas encore d'historique de livraison : délais habituels de préparation et de transport",
    late: "en retard",
    lateMissed: (date) => `en retard : la date promise, ${date}, est passée`,
    lateBehind: (date) => `en retard : arrivée peu probable d'ici la date promise, ${date}`,
    lateBeyond: "en retard : plus lent que toutes les livraisons récentes comparables",
    exception: "le transporteur a signalé un problème ; fenêtre élargie",
    stalled: (days, usual) => `aucun scan depuis ${days} (habituellement ${usual} au plus) ; fenêtre élargie`,
    businessDays: ["{n} jour ouvré", "{n} jours ouvrés"],
    withCarrier: "avec l'estimation du transporteur",
    holidays: ["{n} jour férié en route", "{n} jours fériés en route"],
  },
  de: {
    deliveries: ["{n} kürzlichen Lieferung", "{n} kürzlichen Lieferungen"],
    basedOn: (d) => `basierend auf ${d}`,
    lane: (from, to) => `von ${from} nach ${to}`,
    to: (place) => `nach ${place}`,
    by: (carrier) => `mit ${carrier}`,
    prior: "noch keine Lieferhistorie: übliche Bearbeitungs- und Laufzeiten",
    late: "verspätet",
    lateMissed: (date) => `verspätet: das zugesagte Datum (${date}) ist überschritten`,
    lateBehind: (date) => `verspätet: Ankunft bis zum zugesagten Datum (${date}) unwahrscheinlich`,
    lateBeyond: "verspätet: langsamer als alle vergleichbaren Lieferungen der letzten Zeit",
    exception: "der Versanddienstleister hat ein Problem gemeldet; Zeitfenster erweitert",
    stalled: (days, usual) => `seit ${days} kein Scan (sonst höchstens ${usual}); Zeitfenster erweitert`,
    businessDays: ["{n} Werktag", "{n} Werktagen"],
    withCarrier: "mit der Schätzung des Versanddienstleisters",
    holidays: ["{n} Feiertag auf dem Weg", "{n} Feiertage auf dem Weg"],
  },
  "pt-BR": {
    deliveries: ["{n} entrega recente", "{n} entregas recentes"],
    basedOn: (d) => `com base em ${d}`,
    lane: (from, to) => `de ${from} para ${to}`,
    to: (place) => `para ${place}`,
    by: (carrier) => `via ${carrier}`,
    prior: "ainda sem histórico de entregas: prazos usuais de preparo e transporte",
    late: "atrasado",
    lateMissed: (date) => `atrasado: a data prometida, ${date}, já passou`,
    lateBehind: (date) => `atrasado: pouco provável que chegue até a data prometida, ${date}`,
    lateBeyond: "atrasado: mais lento que todas as entregas recentes parecidas",
    exception: "a transportadora informou um problema; prazo ampliado",
    stalled: (days, usual) => `sem leitura há ${days} (normalmente no máximo ${usual}); prazo ampliado`,
    businessDays: ["{n} dia útil", "{n} dias úteis"],
    withCarrier: "com a estimativa da própria transportadora",
    holidays: ["{n} feriado no caminho", "{n} feriados no caminho"],
  },
};

/** Services read better spelled out; the ones that are acronyms stay upper-case. */
const SERVICE_ACRONYMS = new Set(["pac", "sedex", "ups", "usps", "dhl"]);

/** `fedex/ground` → "FedEx Ground", `correios/sedex` → "Correios SEDEX", `ups` → "UPS". */
export function carrierLabel(key: string): string {
  const [carrier = "", service] = key.split("/");
  const name = carrierName(carrier);
  if (!service) return name;
  const words = service
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => (SERVICE_ACRONYMS.has(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1)));
  return [name, ...words].join(" ");
}

/** A destination-local "YYYY-MM-DD" the way the page writes a day. */
export function pageDay(date: string, locale: Locale): string {
  return format(new TZDate(`${date}T12:00:00Z`, "UTC"), DATE_PATTERNS[locale].day, { locale: DATE_LOCALES[locale] });
}

function count(forms: [string, string], n: number, locale: Locale): string {
  const form = new Intl.PluralRules(locale).select(n) === "one" ? forms[0] : forms[1];
  return form.replace("{n}", new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n));
}

/** "SP→RJ" / "BR-SP→US-NY" (lane-keys.ts labels) → its two ends. */
function laneEnds(label: string): [string, string] {
  const [from = "?", to = "?"] = label.split("→");
  return [from, to];
}

function basisClause(basis: LaneBasis, p: Phrases, locale: Locale): string {
  if (basis.level === "prior") return p.prior;
  const deliveries = count(p.deliveries, Math.max(1, Math.round(basis.deliveries)), locale);
  switch (basis.level) {
    case "global":
      return p.basedOn(deliveries);
    case "destination":
      return `${p.basedOn(deliveries)} ${p.to(basis.label.replace(/^to /, ""))}`;
    case "lane":
      return `${p.basedOn(deliveries)} ${p.lane(...laneEnds(basis.label))}`;
    case "carrier":
      return `${p.basedOn(deliveries)} ${p.by(carrierLabel(basis.label))}`;
    case "lane-carrier": {
      const [lane = "", carrier = ""] = basis.label.split(" by ");
      return `${p.basedOn(deliveries)} ${p.lane(...laneEnds(lane))} ${p.by(carrierLabel(carrier))}`;
    }
    default: // "scan" never reaches a reason built from facts
      return p.basedOn(deliveries);
  }
}

export function shopperReason(facts: ReasonFacts, locale: Locale): string {
  const p = PHRASES[locale];
  const parts: string[] = [];
  if (facts.flags.includes("running_late")) {
    if (facts.missedLatest) parts.push(p.lateMissed(pageDay(facts.missedLatest, locale)));
    else if (facts.beyondHistory) parts.push(p.lateBeyond);
    else if (facts.behindPromise) parts.push(p.lateBehind(pageDay(facts.behindPromise, locale)));
    else parts.push(p.late);
  }
  if (facts.flags.includes("exception")) parts.push(p.exception);
  if (facts.flags.includes("stalled") && facts.quiet) {
    parts.push(p.stalled(count(p.businessDays, facts.quiet.days, locale), new Intl.NumberFormat(locale).format(facts.quiet.usual)));
  }
  parts.push(basisClause(facts.basis, p, locale));
  if (facts.carrierWeight > 0) parts.push(p.withCarrier);
  if (facts.holidays > 0) parts.push(count(p.holidays, facts.holidays, locale));
  const line = parts.join(locale === "fr" ? " ; " : "; ");
  return line.charAt(0).toUpperCase() + line.slice(1);
}
