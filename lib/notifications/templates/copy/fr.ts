import type { Copy } from "./types";

const stop = "STOP pour arrêter";

export const fr: Copy = {
  parcelOf: (index, count) => ` (colis ${index} sur ${count})`,
  sms: {
    CONFIRMATION: (v) =>
      `${v.brand} : répondez YES pour recevoir les SMS de livraison de la commande ${v.order} (3 msg/jour max). Frais de SMS et de données possibles. Répondez HELP pour de l'aide, STOP pour arrêter.`,
    OPTED_IN: (v) =>
      `${v.brand} : vous êtes inscrit aux SMS de livraison pour la commande ${v.order}, 3 msg/jour max. Frais de SMS et de données possibles. Répondez HELP pour de l'aide, STOP pour arrêter.`,
    HELP: (v) =>
      `Alertes de livraison ${v.brand}${v.contact ? `. Aide : ${v.contact}` : ""}. 3 msg/jour max par colis. Frais de SMS et de données possibles. Répondez STOP pour arrêter.`,
    SHIPPED: (v) => `${v.brand} : commande ${v.order}${v.parcel} expédiée${v.window ? `, arrivée ${v.window}` : ""}. Suivi : ${v.url} ${stop}`,
    OUT_FOR_DELIVERY: (v) => `${v.brand} : commande ${v.order}${v.parcel} en cours de livraison aujourd'hui. Suivi : ${v.url} ${stop}`,
    DELIVERED: (v) => `${v.brand} : commande ${v.order}${v.parcel} livrée${v.time ? ` à ${v.time}` : ""}. Détails : ${v.url} ${stop}`,
    DELIVERY_ATTEMPTED: (v) =>
      `${v.brand} : le transporteur n'a pas pu livrer la commande ${v.order}${v.parcel}${v.detail ? ` (${v.detail})` : ""}. La suite : ${v.url} ${stop}`,
    AVAILABLE_FOR_PICKUP: (v) =>
      `${v.brand} : commande ${v.order}${v.parcel} prête à retirer${v.place ? ` à ${v.place}` : ""}. Détails : ${v.url} ${stop}`,
    EXCEPTION: (v) =>
      `${v.brand} : un problème avec la commande ${v.order}${v.parcel}${v.detail ? ` : ${v.detail}` : ""}. Nous nous en occupons. ${v.url} ${stop}`,
    RETURNED: (v) => `${v.brand} : la commande ${v.order}${v.parcel} nous est retournée. Nous vous recontactons. ${v.url} ${stop}`,
    DELAY: (v) =>
      `${v.brand} : désolés, la commande ${v.order}${v.parcel} a du retard. Prévue ${v.window}${v.previous ? ` (au lieu du ${v.previous})` : ""}. ${v.url} ${stop}`,
  },
  email: {
    CONFIRMATION: {
      subject: (v) => `Confirmez les alertes de livraison de la commande ${v.order}`,
      heading: "Confirmez votre e-mail",
      paragraphs: (v) => [
        `Vous avez demandé à ${v.brand} de vous écrire au sujet de la commande ${v.order}. Confirmez, et nous vous dirons quand elle part, quand elle est en livraison, et tout de suite si quelque chose se passe mal.`,
        "Si ce n'était pas vous, ignorez cet e-mail : rien d'autre ne sera envoyé.",
      ],
      button: "Confirmer les alertes",
    },
    SHIPPED: {
      subject: (v) => `Votre commande ${v.order} est expédiée`,
      heading: "Elle est en route",
      paragraphs: (v) => [`Bonne nouvelle : la commande ${v.order}${v.parcel} a quitté nos entrepôts et est entre les mains du transporteur.`],
    },
    OUT_FOR_DELIVERY: {
      subject: (v) => `En livraison aujourd'hui : commande ${v.order}`,
      heading: "Livraison aujourd'hui",
      paragraphs: (v) => [`La commande ${v.order}${v.parcel} est dans le véhicule de livraison et devrait vous parvenir aujourd'hui.`],
    },
    DELIVERED: {
      subject: (v) => `Livrée : commande ${v.order}`,
      heading: "Votre colis a été livré",
      paragraphs: (v) => [
        `La commande ${v.order}${v.parcel} a été livrée${v.time ? ` à ${v.time}` : ""}${v.place ? ` (${v.place})` : ""}.`,
        "Vous ne la trouvez pas ? Regardez autour de votre porte et chez vos voisins, puis répondez à cet e-mail : nous vous aiderons.",
      ],
    },
    DELIVERY_ATTEMPTED: {
      subject: (v) => `Tentative de livraison : commande ${v.order}`,
      heading: "Le transporteur ne vous a pas trouvé",
      paragraphs: (v) => [
        `Le transporteur a tenté de livrer la commande ${v.order}${v.parcel}, sans succès${v.detail ? ` : « ${v.detail} »` : "."}`,
        "Il repasse en général le jour ouvré suivant. La page de suivi indique la suite.",
      ],
    },
    AVAILABLE_FOR_PICKUP: {
      subject: (v) => `Prête à retirer : commande ${v.order}`,
      heading: "Prête à retirer",
      paragraphs: (v) => [
        `La commande ${v.order}${v.parcel} vous attend${v.place ? ` à ${v.place}` : ""}. Munissez-vous d'une pièce d'identité ; les détails sont sur la page de suivi.`,
      ],
    },
    EXCEPTION: {
      subject: (v) => `Un problème avec la commande ${v.order}`,
      heading: "Un incident pendant l'acheminement",
      paragraphs: (v) => [
        `Le transporteur signale un problème avec la commande ${v.order}${v.parcel}${v.detail ? ` : « ${v.detail} »` : "."}`,
        "Nous la surveillons et vous préviendrons dès qu'elle repart. Vous n'avez rien à faire.",
      ],
    },
    RETURNED: {
      subject: (v) => `La commande ${v.order} nous est retournée`,
      heading: "Votre colis nous est retourné",
      paragraphs: (v) => [
        `Le transporteur nous retourne la commande ${v.order}${v.parcel}. Nous vous recontacterons pour un nouvel envoi ou un remboursement.`,
      ],
    },
    DELAY: {
      subject: (v) => `Désolés, la commande ${v.order} a du retard`,
      heading: "Toutes nos excuses : votre commande a du retard",
      paragraphs: (v) => [
        `Nous vous avions annoncé la commande ${v.order}${v.parcel} au plus tard le ${v.previous ?? "une date antérieure"}. Elle est maintenant attendue ${v.window}.`,
        "Ce n'est pas ce que nous voulons pour vous. Nous la suivons de près et vous préviendrons au moindre changement.",
      ],
    },
  },
  emailCommon: {
    trackButton: "Suivre le colis",
    estimatedDelivery: "Livraison estimée",
    delivered: "Livrée",
    trackingNumber: "Numéro de suivi",
    order: "Commande",
    colon: " : ",
    why: (v) => `Vous recevez cet e-mail car vous avez demandé à ${v.brand} des alertes de livraison pour la commande ${v.order}.`,
    unsubscribe: "Se désabonner",
    questions: (v) => `Des questions ? Contactez ${v.brand} :`,
    signOff: (v) => `L'équipe ${v.brand}`,
  },
  consent: {
    email: (v) =>
      `En sélectionnant « M'alerter par e-mail », vous acceptez de recevoir des e-mails de livraison de ${v.brand} au sujet de la commande ${v.order}. Nous enverrons d'abord un lien pour confirmer votre adresse. Chaque e-mail permet de se désabonner en un clic.`,
    sms: (v) =>
      `En sélectionnant « M'alerter par SMS », vous acceptez de recevoir des SMS automatiques de livraison de ${v.brand} au sujet de la commande ${v.order} à ce numéro. 3 msg/jour max par colis. Frais de SMS et de données possibles. Répondez HELP pour de l'aide, STOP pour arrêter. Ce consentement n'est pas une condition d'achat.`,
  },
  form: {
    heading: "Recevez les alertes de livraison",
    intro: (v) => `${v.brand} vous prévient en premier : à l'expédition, en cours de livraison et au moindre changement.`,
    emailLegend: "Par e-mail",
    smsLegend: "Par SMS",
    emailLabel: "Adresse e-mail",
    phoneLabel: "Numéro de mobile",
    phoneHint: (v) => `Un numéro de mobile (${v.country}).`,
    scopeLabel: "Quelles alertes ?",
    scopeAll: "Chaque étape",
    scopeKey: "Seulement en livraison, livrée et problèmes",
    submitEmail: "M'alerter par e-mail",
    submitSms: "M'alerter par SMS",
    pending: "Enregistrement…",
    errors: {
      email: "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
      phone: "Saisissez un numéro de mobile valide.",
      phoneNotMobile: "Ce numéro semble être un fixe. Saisissez un numéro de mobile.",
      phoneOtherCountry: (v) => `Saisissez un numéro de mobile du pays de livraison de la commande (${v.country}).`,
      unknownShipment: "Ce lien de suivi n'est plus valide.",
      consentChanged: "Les conditions ci-dessus ont changé. Lisez-les et validez à nouveau.",
      generic: "Une erreur est survenue de notre côté. Réessayez.",
      rateLimited: "Trop d'inscriptions pour le moment. Réessayez plus tard.",
    },
    results: {
      emailConfirmSent: (v) => `Presque fini : nous avons envoyé un lien de confirmation à ${v.email}.`,
      emailAlreadyActive: (v) => `Vous recevez déjà les alertes à ${v.email}. Préférences enregistrées.`,
      smsConfirmSent: (v) => `Presque fini : nous avons envoyé un SMS au ${v.phone}. Répondez YES pour recevoir les alertes.`,
      smsAlreadyActive: (v) => `Vous recevez déjà les SMS au ${v.phone}. Préférences enregistrées.`,
    },
  },
  pages: {
    confirmTitle: "Confirmer les alertes de livraison",
    confirmIntro: (v) => `Envoyer les alertes de la commande ${v.order} de ${v.brand} à ${v.address} ?`,
    confirmButton: "Oui, envoyez-moi les alertes",
    confirmed: (v) => `C'est confirmé. Nous vous écrirons au sujet de la commande ${v.order} de ${v.brand}.`,
    alreadyConfirmed: "Ce lien a déjà été utilisé. Vos préférences n'ont pas changé.",
    linkInvalid: "Ce lien n'est pas valide ou a expiré. Réinscrivez-vous depuis la page de suivi.",
    unsubscribeIntro: (v) => `Ne plus envoyer d'alertes de ${v.brand} pour la commande ${v.order} à ${v.address} ?`,
    unsubscribeButton: "Se désabonner",
    unsubscribedTitle: "Désabonnement confirmé",
    unsubscribed: (v) => `${v.address} ne recevra plus d'alertes pour la commande ${v.order} de ${v.brand}.`,
    resubscribe: "Annuler : continuer à recevoir les alertes",
    resubscribed: "C'est fait : les alertes continuent.",
    backToTracking: "Retour au suivi",
  },
};
