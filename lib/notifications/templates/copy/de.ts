import type { Copy } from "./types";

const stop = "STOP zum Beenden";

export const de: Copy = {
  parcelOf: (index, count) => ` (Paket ${index} von ${count})`,
  sms: {
    CONFIRMATION: (v) =>
      `${v.brand}: Antworten Sie YES, um Liefer-SMS zu Bestellung ${v.order} zu erhalten (max. 3 SMS/Tag). Es können Kosten für SMS und Daten anfallen. HELP für Hilfe, STOP zum Beenden.`,
    OPTED_IN: (v) =>
      `${v.brand}: Sie erhalten Liefer-SMS zu Bestellung ${v.order}, max. 3 SMS/Tag. Es können Kosten für SMS und Daten anfallen. Antworten Sie HELP für Hilfe, STOP zum Beenden.`,
    HELP: (v) =>
      `Lieferhinweise von ${v.brand}${v.contact ? `. Hilfe: ${v.contact}` : ""}. Max. 3 SMS/Tag pro Paket. Es können Kosten für SMS und Daten anfallen. Antworten Sie STOP zum Beenden.`,
    SHIPPED: (v) => `${v.brand}: Bestellung ${v.order}${v.parcel} ist verschickt${v.window ? `, Ankunft ${v.window}` : ""}. Verfolgen: ${v.url} ${stop}`,
    OUT_FOR_DELIVERY: (v) => `${v.brand}: Bestellung ${v.order}${v.parcel} wird heute zugestellt. Verfolgen: ${v.url} ${stop}`,
    DELIVERED: (v) => `${v.brand}: Bestellung ${v.order}${v.parcel} wurde${v.time ? ` um ${v.time} Uhr` : ""} zugestellt. Details: ${v.url} ${stop}`,
    DELIVERY_ATTEMPTED: (v) =>
      `${v.brand}: Bestellung ${v.order}${v.parcel} konnte nicht zugestellt werden${v.detail ? ` (${v.detail})` : ""}. So geht's weiter: ${v.url} ${stop}`,
    AVAILABLE_FOR_PICKUP: (v) =>
      `${v.brand}: Bestellung ${v.order}${v.parcel} liegt zur Abholung bereit${v.place ? ` in ${v.place}` : ""}. Details: ${v.url} ${stop}`,
    EXCEPTION: (v) =>
      `${v.brand}: Problem mit Bestellung ${v.order}${v.parcel}${v.detail ? `: ${v.detail}` : ""}. Wir kümmern uns. ${v.url} ${stop}`,
    RETURNED: (v) => `${v.brand}: Bestellung ${v.order}${v.parcel} geht an uns zurück. Wir melden uns. ${v.url} ${stop}`,
    DELAY: (v) =>
      `${v.brand}: Entschuldigung, Bestellung ${v.order}${v.parcel} verspätet sich. Jetzt ${v.window}${v.previous ? ` (statt ${v.previous})` : ""}. ${v.url} ${stop}`,
  },
  email: {
    CONFIRMATION: {
      subject: (v) => `Lieferhinweise für Bestellung ${v.order} bestätigen`,
      heading: "Bitte bestätigen Sie Ihre E-Mail-Adresse",
      paragraphs: (v) => [
        `Sie haben ${v.brand} gebeten, Sie über Bestellung ${v.order} per E-Mail zu informieren. Bestätigen Sie, und wir sagen Ihnen, wann sie verschickt wird, wann sie in der Zustellung ist und sofort, wenn etwas schiefgeht.`,
        "Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Es wird nichts weiter verschickt.",
      ],
      button: "Hinweise bestätigen",
    },
    SHIPPED: {
      subject: (v) => `Ihre Bestellung ${v.order} ist verschickt`,
      heading: "Ihr Paket ist unterwegs",
      paragraphs: (v) => [`Gute Nachrichten: Bestellung ${v.order}${v.parcel} hat unser Lager verlassen und ist beim Versanddienst.`],
    },
    OUT_FOR_DELIVERY: {
      subject: (v) => `Heute in Zustellung: Bestellung ${v.order}`,
      heading: "Kommt heute an",
      paragraphs: (v) => [`Bestellung ${v.order}${v.parcel} ist im Zustellfahrzeug und sollte Sie heute erreichen.`],
    },
    DELIVERED: {
      subject: (v) => `Zugestellt: Bestellung ${v.order}`,
      heading: "Ihr Paket wurde zugestellt",
      paragraphs: (v) => [
        `Bestellung ${v.order}${v.parcel} wurde${v.time ? ` um ${v.time} Uhr` : ""}${v.place ? ` in ${v.place}` : ""} zugestellt.`,
        "Sie finden es nicht? Schauen Sie rund um Ihre Tür und bei den Nachbarn nach und antworten Sie dann auf diese E-Mail: Wir helfen Ihnen.",
      ],
    },
    DELIVERY_ATTEMPTED: {
      subject: (v) => `Zustellversuch: Bestellung ${v.order}`,
      heading: "Der Zusteller hat Sie nicht angetroffen",
      paragraphs: (v) => [
        `Der Versanddienst wollte Bestellung ${v.order}${v.parcel} zustellen, aber es hat nicht geklappt${v.detail ? `: „${v.detail}“` : "."}`,
        "Meist folgt am nächsten Werktag ein neuer Versuch. Die Sendungsverfolgung zeigt, wie es weitergeht.",
      ],
    },
    AVAILABLE_FOR_PICKUP: {
      subject: (v) => `Abholbereit: Bestellung ${v.order}`,
      heading: "Bereit zur Abholung",
      paragraphs: (v) => [
        `Bestellung ${v.order}${v.parcel} wartet auf Sie${v.place ? ` in ${v.place}` : ""}. Bringen Sie einen Ausweis mit; Details finden Sie in der Sendungsverfolgung.`,
      ],
    },
    EXCEPTION: {
      subject: (v) => `Ein Problem mit Bestellung ${v.order}`,
      heading: "Beim Transport ist etwas schiefgegangen",
      paragraphs: (v) => [
        `Der Versanddienst meldet ein Problem mit Bestellung ${v.order}${v.parcel}${v.detail ? `: „${v.detail}“` : "."}`,
        "Wir behalten es im Blick und melden uns, sobald es weitergeht. Sie müssen nichts tun.",
      ],
    },
    RETURNED: {
      subject: (v) => `Bestellung ${v.order} kommt zu uns zurück`,
      heading: "Ihr Paket wird zurückgeschickt",
      paragraphs: (v) => [
        `Der Versanddienst schickt Bestellung ${v.order}${v.parcel} an uns zurück. Wir melden uns wegen einer neuen Lieferung oder einer Erstattung.`,
      ],
    },
    DELAY: {
      subject: (v) => `Entschuldigung: Bestellung ${v.order} verspätet sich`,
      heading: "Es tut uns leid: Ihre Bestellung verspätet sich",
      paragraphs: (v) => [
        `Wir hatten Ihnen Bestellung ${v.order}${v.parcel} bis spätestens ${v.previous ?? "zu einem früheren Termin"} angekündigt. Jetzt erwarten wir sie ${v.window}.`,
        "So soll es nicht sein. Wir behalten die Sendung im Blick und sagen Ihnen sofort Bescheid, wenn sich etwas ändert.",
      ],
    },
  },
  emailCommon: {
    trackButton: "Paket verfolgen",
    estimatedDelivery: "Voraussichtliche Zustellung",
    delivered: "Zugestellt",
    trackingNumber: "Sendungsnummer",
    order: "Bestellung",
    colon: ": ",
    why: (v) => `Sie erhalten diese E-Mail, weil Sie bei ${v.brand} Lieferhinweise zu Bestellung ${v.order} angefordert haben.`,
    unsubscribe: "Abmelden",
    questions: (v) => `Fragen? Kontaktieren Sie ${v.brand}:`,
    signOff: (v) => `Ihr ${v.brand}-Team`,
  },
  consent: {
    email: (v) =>
      `Mit „Per E-Mail benachrichtigen“ stimmen Sie zu, Liefer-E-Mails von ${v.brand} zu Bestellung ${v.order} zu erhalten. Wir schicken zuerst einen Link, um Ihre Adresse zu bestätigen. Jede E-Mail enthält eine Abmeldung mit einem Klick.`,
    sms: (v) =>
      `Mit „Per SMS benachrichtigen“ stimmen Sie zu, automatische Liefer-SMS von ${v.brand} zu Bestellung ${v.order} an diese Nummer zu erhalten. Max. 3 SMS/Tag pro Paket. Es können Kosten für SMS und Daten anfallen. Antworten Sie HELP für Hilfe, STOP zum Beenden. Die Zustimmung ist keine Bedingung für einen Kauf.`,
  },
  form: {
    heading: "Lieferhinweise erhalten",
    intro: (v) => `${v.brand} sagt Ihnen zuerst Bescheid: beim Versand, bei der Zustellung und wenn sich etwas ändert.`,
    emailLegend: "Per E-Mail",
    smsLegend: "Per SMS",
    emailLabel: "E-Mail-Adresse",
    phoneLabel: "Handynummer",
    phoneHint: (v) => `Eine Handynummer (${v.country}).`,
    scopeLabel: "Welche Hinweise?",
    scopeAll: "Jeder Schritt",
    scopeKey: "Nur Zustellung, zugestellt und Probleme",
    submitEmail: "Per E-Mail benachrichtigen",
    submitSms: "Per SMS benachrichtigen",
    pending: "Wird gespeichert…",
    errors: {
      email: "Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.",
      phone: "Geben Sie eine gültige Handynummer ein.",
      phoneNotMobile: "Das sieht nach einer Festnetznummer aus. Geben Sie eine Handynummer ein.",
      phoneOtherCountry: (v) => `Geben Sie eine Handynummer aus dem Lieferland der Bestellung ein (${v.country}).`,
      unknownShipment: "Dieser Tracking-Link ist nicht mehr gültig.",
      consentChanged: "Die Bedingungen oben haben sich geändert. Bitte lesen Sie sie und senden Sie erneut.",
      generic: "Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es erneut.",
      rateLimited: "Gerade zu viele Anmeldungen. Bitte versuchen Sie es später erneut.",
    },
    results: {
      emailConfirmSent: (v) => `Fast geschafft: Wir haben einen Bestätigungslink an ${v.email} geschickt.`,
      emailAlreadyActive: (v) => `Sie erhalten bereits Hinweise an ${v.email}. Einstellungen gespeichert.`,
      smsConfirmSent: (v) => `Fast geschafft: Wir haben ${v.phone} eine SMS geschickt. Antworten Sie YES, um die Hinweise zu starten.`,
      smsAlreadyActive: (v) => `Sie erhalten bereits SMS an ${v.phone}. Einstellungen gespeichert.`,
    },
  },
  pages: {
    confirmTitle: "Lieferhinweise bestätigen",
    confirmIntro: (v) => `Hinweise zu Bestellung ${v.order} von ${v.brand} an ${v.address} senden?`,
    confirmButton: "Ja, Hinweise senden",
    confirmed: (v) => `Bestätigt. Wir schreiben Ihnen zu Bestellung ${v.order} von ${v.brand}.`,
    alreadyConfirmed: "Dieser Link wurde bereits verwendet. Ihre Einstellungen sind unverändert.",
    linkInvalid: "Dieser Link ist ungültig oder abgelaufen. Melden Sie sich über die Sendungsverfolgung neu an.",
    unsubscribeIntro: (v) => `Keine Hinweise mehr von ${v.brand} zu Bestellung ${v.order} an ${v.address} senden?`,
    unsubscribeButton: "Abmelden",
    unsubscribedTitle: "Abgemeldet",
    unsubscribed: (v) => `${v.address} erhält keine Hinweise mehr zu Bestellung ${v.order} von ${v.brand}.`,
    resubscribe: "Rückgängig: weiter Hinweise erhalten",
    resubscribed: "Erledigt: Die Hinweise kommen weiter.",
    backToTracking: "Zurück zur Sendungsverfolgung",
  },
};
