import { describe, expect, it } from "vitest";
import { estimateDelivery } from "@/lib/estimates/estimate";
import type { ReasonFacts } from "@/lib/estimates/reason";
import { carrierLabel, shopperReason } from "@/lib/estimates/shopper-reason";
import { at, EXACT, POLICY, SP_TO_RJ, tenDeliveries } from "./history-builder";

const LATE: ReasonFacts = {
  basis: { level: "lane-carrier", label: "SP→RJ by fedex/ground", deliveries: 412.4 },
  holidays: 1,
  flags: ["running_late", "stalled"],
  carrierWeight: 0.42,
  quiet: { days: 5, usual: 2 },
  missedLatest: "2018-03-26",
};

const CALM: ReasonFacts = { basis: { level: "destination", label: "to RJ", deliveries: 1 }, holidays: 2, flags: [], carrierWeight: 0 };

describe("the reason line in the shopper's language", () => {
  it("writes it in all five page languages, dates like the page, carriers by name, no percentages", () => {
    expect(shopperReason(LATE, "en")).toBe(
      "Running late: past the promised Mon, Mar 26; no scan for 5 business days (usually at most 2); window widened; based on 412 recent deliveries from SP to RJ by FedEx Ground; with the carrier's own estimate; 1 holiday on the way",
    );
    expect(shopperReason(LATE, "es")).toBe(
      "Con retraso: ya pasó la fecha prometida, lun 26 de mar; sin escaneos desde hace 5 días hábiles (normalmente como mucho 2); se amplió el plazo; según 412 entregas recientes de SP a RJ con FedEx Ground; con la estimación del propio transportista; 1 festivo en el camino",
    );
    expect(shopperReason(LATE, "fr")).toBe(
      "En retard : la date promise, lun. 26 mars, est passée ; aucun scan depuis 5 jours ouvrés (habituellement 2 au plus) ; fenêtre élargie ; d'après 412 livraisons récentes de SP vers RJ par FedEx Ground ; avec l'estimation du transporteur ; 1 jour férié en route",
    );
    expect(shopperReason(LATE, "de")).toBe(
      "Verspätet: das zugesagte Datum (Mo., 26. März) ist überschritten; seit 5 Werktagen kein Scan (sonst höchstens 2); Zeitfenster erweitert; basierend auf 412 kürzlichen Lieferungen von SP nach RJ mit FedEx Ground; mit der Schätzung des Versanddienstleisters; 1 Feiertag auf dem Weg",
    );
    expect(shopperReason(LATE, "pt-BR")).toBe(
      "Atrasado: a data prometida, segunda, 26 de mar, já passou; sem leitura há 5 dias úteis (normalmente no máximo 2); prazo ampliado; com base em 412 entregas recentes de SP para RJ via FedEx Ground; com a estimativa da própria transportadora; 1 feriado no caminho",
    );
  });

  it("counts with each language's plural rules and number format", () => {
    expect(shopperReason(CALM, "en")).toBe("Based on 1 recent delivery to RJ; 2 holidays on the way");
    expect(shopperReason(CALM, "es")).toBe("Según 1 entrega reciente a RJ; 2 festivos en el camino");
    expect(shopperReason(CALM, "fr")).toBe("D'après 1 livraison récente vers RJ ; 2 jours fériés en route");
    expect(shopperReason(CALM, "de")).toBe("Basierend auf 1 kürzlichen Lieferung nach RJ; 2 Feiertage auf dem Weg");
    expect(shopperReason(CALM, "pt-BR")).toBe("Com base em 1 entrega recente para RJ; 2 feriados no caminho");
    const many: ReasonFacts = { ...CALM, holidays: 0, basis: { level: "global", label: "all", deliveries: 5120 } };
    expect(shopperReason(many, "de")).toBe("Basierend auf 5.120 kürzlichen Lieferungen");
    expect(shopperReason(many, "en")).toBe("Based on 5,120 recent deliveries");
  });

  it("names carriers and services as people write them", () => {
    expect(carrierLabel("fedex/ground")).toBe("FedEx Ground");
    expect(carrierLabel("correios/sedex")).toBe("Correios SEDEX");
    expect(carrierLabel("ups")).toBe("UPS");
    expect(carrierLabel("usps/priority_mail")).toBe("USPS Priority Mail");
  });

  it("is built from the facts every estimate carries, with the shop's promised date when it is at risk", () => {
    const shippedAt = at("2018-03-19", "10:00");
    const estimate = estimateDelivery(
      {
        stage: "in_transit",
        orderedAt: at("2018-03-19", "09:00"),
        shippedAt,
        lastScanAt: shippedAt,
        route: SP_TO_RJ,
        merchant: POLICY,
        carrierEstimate: null,
        lanes: tenDeliveries(),
        previouslyShown: null,
        promisedBy: "2018-03-22",
      },
      at("2018-03-22", "08:00"),
      { ...EXACT, promiseAlarmBelow: 0.5 },
    );
    expect(estimate.reasonFacts && shopperReason(estimate.reasonFacts, "pt-BR")).toBe(
      "Atrasado: pouco provável que chegue até a data prometida, quinta, 22 de mar; com base em 9 entregas recentes de SP para RJ",
    );
  });
});
