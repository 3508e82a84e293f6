import type { Copy } from "./types";

const stop = "Responde STOP para salir";

export const es: Copy = {
  parcelOf: (index, count) => ` (paquete ${index} de ${count})`,
  sms: {
    CONFIRMATION: (v) =>
      `${v.brand}: responde YES para recibir SMS de entrega del pedido ${v.order} (hasta 3 msjs/día). Pueden aplicarse tarifas de mensajes y datos. Responde HELP para ayuda, STOP para cancelar.`,
    OPTED_IN: (v) =>
      `${v.brand}: te suscribiste a avisos de entrega por SMS del pedido ${v.order}, hasta 3 msjs/día. Pueden aplicarse tarifas de mensajes y datos. Responde HELP para ayuda, STOP para cancelar.`,
    HELP: (v) =>
      `Avisos de entrega de ${v.brand}${v.contact ? `. Ayuda: ${v.contact}` : ""}. Hasta 3 msjs/día por paquete. Pueden aplicarse tarifas de mensajes y datos. Responde STOP para cancelar.`,
    SHIPPED: (v) => `${v.brand}: tu pedido ${v.order}${v.parcel} fue enviado${v.window ? `, llega ${v.window}` : ""}. Seguimiento: ${v.url} ${stop}`,
    OUT_FOR_DELIVERY: (v) => `${v.brand}: tu pedido ${v.order}${v.parcel} está en reparto hoy. Seguimiento: ${v.url} ${stop}`,
    DELIVERED: (v) => `${v.brand}: tu pedido ${v.order}${v.parcel} fue entregado${v.time ? ` a las ${v.time}` : ""}. Detalles: ${v.url} ${stop}`,
    DELIVERY_ATTEMPTED: (v) =>
      `${v.brand}: el transportista no pudo entregar tu pedido ${v.order}${v.parcel}${v.detail ? ` (${v.detail})` : ""}. Qué sigue: ${v.url} ${stop}`,
    AVAILABLE_FOR_PICKUP: (v) =>
      `${v.brand}: tu pedido ${v.order}${v.parcel} está listo para recoger${v.place ? ` en ${v.place}` : ""}. Detalles: ${v.url} ${stop}`,
    EXCEPTION: (v) =>
      `${v.brand}: hay un problema con tu pedido ${v.order}${v.parcel}${v.detail ? `: ${v.detail}` : ""}. Ya lo estamos viendo. ${v.url} ${stop}`,
    RETURNED: (v) => `${v.brand}: tu pedido ${v.order}${v.parcel} nos está siendo devuelto. Te contactaremos. ${v.url} ${stop}`,
    DELAY: (v) =>
      `${v.brand}: lo sentimos, tu pedido ${v.order}${v.parcel} se retrasa. Ahora llega ${v.window}${v.previous ? ` (antes ${v.previous})` : ""}. ${v.url} ${stop}`,
  },
  email: {
    CONFIRMATION: {
      subject: (v) => `Confirma los avisos de entrega del pedido ${v.order}`,
      heading: "Confirma tu correo",
      paragraphs: (v) => [
        `Pediste a ${v.brand} que te avise por correo sobre el pedido ${v.order}. Confirma y te diremos cuándo se envía, cuándo sale a reparto y, enseguida, si algo sale mal.`,
        "Si no fuiste tú, ignora este correo: no te enviaremos nada más.",
      ],
      button: "Confirmar avisos",
    },
    SHIPPED: {
      subject: (v) => `Tu pedido ${v.order} fue enviado`,
      heading: "Ya está en camino",
      paragraphs: (v) => [`Buenas noticias: el pedido ${v.order}${v.parcel} salió de nuestro almacén y ya lo tiene el transportista.`],
    },
    OUT_FOR_DELIVERY: {
      subject: (v) => `En reparto hoy: pedido ${v.order}`,
      heading: "Llega hoy",
      paragraphs: (v) => [`El pedido ${v.order}${v.parcel} va en el vehículo de reparto y debería llegarte hoy.`],
    },
    DELIVERED: {
      subject: (v) => `Entregado: pedido ${v.order}`,
      heading: "Tu paquete fue entregado",
      paragraphs: (v) => [
        `El pedido ${v.order}${v.parcel} fue entregado${v.time ? ` a las ${v.time}` : ""}${v.place ? ` en ${v.place}` : ""}.`,
        "¿No lo encuentras? Revisa cerca de tu puerta y con tus vecinos; luego responde a este correo y te ayudamos.",
      ],
    },
    DELIVERY_ATTEMPTED: {
      subject: (v) => `Intento de entrega: pedido ${v.order}`,
      heading: "El transportista no te encontró",
      paragraphs: (v) => [
        `El transportista intentó entregar el pedido ${v.order}${v.parcel}, pero no pudo${v.detail ? `: «${v.detail}»` : "."}`,
        "Normalmente vuelve a intentarlo el siguiente día hábil. La página de seguimiento muestra los próximos pasos.",
      ],
    },
    AVAILABLE_FOR_PICKUP: {
      subject: (v) => `Listo para recoger: pedido ${v.order}`,
      heading: "Listo para recoger",
      paragraphs: (v) => [
        `El pedido ${v.order}${v.parcel} te espera${v.place ? ` en ${v.place}` : ""}. Lleva una identificación; los detalles están en la página de seguimiento.`,
      ],
    },
    EXCEPTION: {
      subject: (v) => `Un problema con el pedido ${v.order}`,
      heading: "Algo salió mal durante el envío",
      paragraphs: (v) => [
        `El transportista informó de un problema con el pedido ${v.order}${v.parcel}${v.detail ? `: «${v.detail}»` : "."}`,
        "Lo estamos siguiendo y te avisaremos en cuanto vuelva a moverse. No tienes que hacer nada.",
      ],
    },
    RETURNED: {
      subject: (v) => `El pedido ${v.order} vuelve a nosotros`,
      heading: "Tu paquete está siendo devuelto",
      paragraphs: (v) => [
        `El transportista nos está devolviendo el pedido ${v.order}${v.parcel}. Te contactaremos para reenviarlo o reembolsarte.`,
      ],
    },
    DELAY: {
      subject: (v) => `Lo sentimos, el pedido ${v.order} se retrasa`,
      heading: "Lo sentimos: tu pedido se retrasa",
      paragraphs: (v) => [
        `Te dijimos que el pedido ${v.order}${v.parcel} llegaría a más tardar el ${v.previous ?? "una fecha anterior"}. Ahora esperamos que llegue ${v.window}.`,
        "No es la experiencia que queremos para ti. Lo seguimos de cerca y te avisaremos en cuanto cambie algo.",
      ],
    },
  },
  emailCommon: {
    trackButton: "Seguir paquete",
    estimatedDelivery: "Entrega estimada",
    delivered: "Entregado",
    trackingNumber: "Número de seguimiento",
    order: "Pedido",
    colon: ": ",
    why: (v) => `Recibes este correo porque pediste a ${v.brand} avisos de entrega del pedido ${v.order}.`,
    unsubscribe: "Darse de baja",
    questions: (v) => `¿Preguntas? Contacta con ${v.brand}:`,
    signOff: (v) => `El equipo de ${v.brand}`,
  },
  consent: {
    email: (v) =>
      `Al seleccionar «Avisarme por correo», aceptas recibir correos de entrega de ${v.brand} sobre el pedido ${v.order}. Primero te enviaremos un enlace para confirmar tu dirección. Cada correo incluye una baja con un clic.`,
    sms: (v) =>
      `Al seleccionar «Avisarme por SMS», aceptas recibir SMS automáticos de entrega de ${v.brand} sobre el pedido ${v.order} en este número. Hasta 3 msjs/día por paquete. Pueden aplicarse tarifas de mensajes y datos. Responde HELP para ayuda, STOP para cancelar. El consentimiento no es condición de compra.`,
  },
  form: {
    heading: "Recibe avisos de entrega",
    intro: (v) => `${v.brand} te avisará primero: cuando se envíe, cuando salga a reparto y si algo cambia.`,
    emailLegend: "Por correo",
    smsLegend: "Por SMS",
    emailLabel: "Correo electrónico",
    phoneLabel: "Número de móvil",
    phoneHint: (v) => `Un número de móvil (${v.country}).`,
    scopeLabel: "¿Qué avisos?",
    scopeAll: "Cada paso",
    scopeKey: "Solo en reparto, entregado y problemas",
    submitEmail: "Avisarme por correo",
    submitSms: "Avisarme por SMS",
    pending: "Guardando…",
    errors: {
      email: "Escribe un correo válido, como nombre@ejemplo.com.",
      phone: "Escribe un número de móvil válido.",
      phoneNotMobile: "Parece un número fijo. Escribe un número de móvil.",
      phoneOtherCountry: (v) => `Escribe un número de móvil del país de destino del pedido (${v.country}).`,
      unknownShipment: "Este enlace de seguimiento ya no es válido.",
      consentChanged: "Las condiciones de arriba cambiaron. Léelas y vuelve a enviar.",
      generic: "Algo falló por nuestra parte. Inténtalo de nuevo.",
      rateLimited: "Demasiadas suscripciones ahora mismo. Inténtalo más tarde.",
    },
    results: {
      emailConfirmSent: (v) => `Casi listo: enviamos un enlace de confirmación a ${v.email}.`,
      emailAlreadyActive: (v) => `Ya recibes avisos en ${v.email}. Preferencias guardadas.`,
      smsConfirmSent: (v) => `Casi listo: enviamos un SMS al ${v.phone}. Responde YES para empezar a recibir avisos.`,
      smsAlreadyActive: (v) => `Ya recibes SMS en el ${v.phone}. Preferencias guardadas.`,
    },
  },
  pages: {
    confirmTitle: "Confirma los avisos de entrega",
    confirmIntro: (v) => `¿Enviar avisos del pedido ${v.order} de ${v.brand} a ${v.address}?`,
    confirmButton: "Sí, envíame avisos",
    confirmed: (v) => `Confirmado. Te escribiremos sobre el pedido ${v.order} de ${v.brand}.`,
    alreadyConfirmed: "Este enlace ya se usó. Tus preferencias no cambiaron.",
    linkInvalid: "Este enlace no es válido o caducó. Vuelve a suscribirte desde la página de seguimiento.",
    unsubscribeIntro: (v) => `¿Dejar de enviar avisos de ${v.brand} sobre el pedido ${v.order} a ${v.address}?`,
    unsubscribeButton: "Darme de baja",
    unsubscribedTitle: "Baja confirmada",
    unsubscribed: (v) => `${v.address} no recibirá más avisos del pedido ${v.order} de ${v.brand}.`,
    resubscribe: "Deshacer: seguir recibiendo avisos",
    resubscribed: "Hecho: seguirás recibiendo avisos.",
    backToTracking: "Volver al seguimiento",
  },
};
