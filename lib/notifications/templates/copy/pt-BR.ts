import type { Copy } from "./types";

const stop = "STOP p/ sair";

export const ptBR: Copy = {
  parcelOf: (index, count) => ` (pacote ${index} de ${count})`,
  sms: {
    CONFIRMATION: (v) =>
      `${v.brand}: responda YES para receber SMS de entrega do pedido ${v.order} (até 3 msgs/dia). Podem ser cobradas tarifas de mensagens e dados. Responda HELP para ajuda, STOP para cancelar.`,
    OPTED_IN: (v) =>
      `${v.brand}: você vai receber SMS de entrega do pedido ${v.order}, até 3 msgs/dia. Podem ser cobradas tarifas de mensagens e dados. Responda HELP para ajuda, STOP para cancelar.`,
    HELP: (v) =>
      `Avisos de entrega da ${v.brand}${v.contact ? `. Ajuda: ${v.contact}` : ""}. Até 3 msgs/dia por pacote. Podem ser cobradas tarifas de mensagens e dados. Responda STOP para cancelar.`,
    SHIPPED: (v) => `${v.brand}: seu pedido ${v.order}${v.parcel} foi enviado${v.window ? `, chega ${v.window}` : ""}. Rastreie: ${v.url} ${stop}`,
    OUT_FOR_DELIVERY: (v) => `${v.brand}: seu pedido ${v.order}${v.parcel} saiu para entrega hoje. Rastreie: ${v.url} ${stop}`,
    DELIVERED: (v) => `${v.brand}: seu pedido ${v.order}${v.parcel} foi entregue${v.time ? ` às ${v.time}` : ""}. Detalhes: ${v.url} ${stop}`,
    DELIVERY_ATTEMPTED: (v) =>
      `${v.brand}: a transportadora não conseguiu entregar o pedido ${v.order}${v.parcel}${v.detail ? ` (${v.detail})` : ""}. Próximos passos: ${v.url} ${stop}`,
    AVAILABLE_FOR_PICKUP: (v) =>
      `${v.brand}: seu pedido ${v.order}${v.parcel} está pronto para retirada${v.place ? ` em ${v.place}` : ""}. Detalhes: ${v.url} ${stop}`,
    EXCEPTION: (v) =>
      `${v.brand}: houve um problema com o pedido ${v.order}${v.parcel}${v.detail ? `: ${v.detail}` : ""}. Estamos cuidando disso. ${v.url} ${stop}`,
    RETURNED: (v) => `${v.brand}: o pedido ${v.order}${v.parcel} está voltando para nós. Entraremos em contato. ${v.url} ${stop}`,
    DELAY: (v) =>
      `${v.brand}: desculpe, o pedido ${v.order}${v.parcel} está atrasado. Agora chega ${v.window}${v.previous ? ` (era ${v.previous})` : ""}. ${v.url} ${stop}`,
  },
  email: {
    CONFIRMATION: {
      subject: (v) => `Confirme os avisos de entrega do pedido ${v.order}`,
      heading: "Confirme seu e-mail",
      paragraphs: (v) => [
        `Você pediu à ${v.brand} para receber e-mails sobre o pedido ${v.order}. Confirme e avisaremos quando ele for enviado, quando sair para entrega e, na hora, se algo der errado.`,
        "Se não foi você, ignore este e-mail: nada mais será enviado.",
      ],
      button: "Confirmar avisos",
    },
    SHIPPED: {
      subject: (v) => `Seu pedido ${v.order} foi enviado`,
      heading: "Já está a caminho",
      paragraphs: (v) => [`Boa notícia: o pedido ${v.order}${v.parcel} saiu do nosso estoque e está com a transportadora.`],
    },
    OUT_FOR_DELIVERY: {
      subject: (v) => `Saiu para entrega hoje: pedido ${v.order}`,
      heading: "Chega hoje",
      paragraphs: (v) => [`O pedido ${v.order}${v.parcel} está no veículo de entrega e deve chegar hoje.`],
    },
    DELIVERED: {
      subject: (v) => `Entregue: pedido ${v.order}`,
      heading: "Seu pacote foi entregue",
      paragraphs: (v) => [
        `O pedido ${v.order}${v.parcel} foi entregue${v.time ? ` às ${v.time}` : ""}${v.place ? ` em ${v.place}` : ""}.`,
        "Não encontrou? Procure perto da porta e com os vizinhos e depois responda a este e-mail: vamos ajudar.",
      ],
    },
    DELIVERY_ATTEMPTED: {
      subject: (v) => `Tentativa de entrega: pedido ${v.order}`,
      heading: "A transportadora não encontrou você",
      paragraphs: (v) => [
        `A transportadora tentou entregar o pedido ${v.order}${v.parcel}, mas não conseguiu${v.detail ? `: "${v.detail}"` : "."}`,
        "Normalmente ela tenta de novo no próximo dia útil. A página de rastreamento mostra os próximos passos.",
      ],
    },
    AVAILABLE_FOR_PICKUP: {
      subject: (v) => `Pronto para retirada: pedido ${v.order}`,
      heading: "Pronto para retirada",
      paragraphs: (v) => [
        `O pedido ${v.order}${v.parcel} está esperando por você${v.place ? ` em ${v.place}` : ""}. Leve um documento com foto; os detalhes estão na página de rastreamento.`,
      ],
    },
    EXCEPTION: {
      subject: (v) => `Um problema com o pedido ${v.order}`,
      heading: "Algo deu errado no transporte",
      paragraphs: (v) => [
        `A transportadora informou um problema com o pedido ${v.order}${v.parcel}${v.detail ? `: "${v.detail}"` : "."}`,
        "Estamos acompanhando e avisaremos assim que ele voltar a andar. Você não precisa fazer nada.",
      ],
    },
    RETURNED: {
      subject: (v) => `O pedido ${v.order} está voltando para nós`,
      heading: "Seu pacote está sendo devolvido",
      paragraphs: (v) => [
        `A transportadora está devolvendo o pedido ${v.order}${v.parcel} para nós. Entraremos em contato sobre um novo envio ou reembolso.`,
      ],
    },
    DELAY: {
      subject: (v) => `Desculpe, o pedido ${v.order} está atrasado`,
      heading: "Pedimos desculpas: seu pedido está atrasado",
      paragraphs: (v) => [
        `Dissemos que o pedido ${v.order}${v.parcel} chegaria até ${v.previous ?? "uma data anterior"}. Agora a previsão é ${v.window}.`,
        "Não é a experiência que queremos para você. Estamos de olho e avisaremos assim que algo mudar.",
      ],
    },
  },
  emailCommon: {
    trackButton: "Rastrear pacote",
    estimatedDelivery: "Previsão de entrega",
    delivered: "Entregue",
    trackingNumber: "Código de rastreamento",
    order: "Pedido",
    colon: ": ",
    why: (v) => `Você recebe este e-mail porque pediu à ${v.brand} avisos de entrega do pedido ${v.order}.`,
    unsubscribe: "Cancelar inscrição",
    questions: (v) => `Dúvidas? Fale com a ${v.brand}:`,
    signOff: (v) => `Equipe ${v.brand}`,
  },
  consent: {
    email: (v) =>
      `Ao selecionar "Avisar por e-mail", você concorda em receber e-mails de entrega da ${v.brand} sobre o pedido ${v.order}. Primeiro enviaremos um link para confirmar seu endereço. Todo e-mail tem cancelamento com um clique.`,
    sms: (v) =>
      `Ao selecionar "Avisar por SMS", você concorda em receber SMS automáticos de entrega da ${v.brand} sobre o pedido ${v.order} neste número. Até 3 msgs/dia por pacote. Podem ser cobradas tarifas de mensagens e dados. Responda HELP para ajuda, STOP para cancelar. O consentimento não é condição de compra.`,
  },
  form: {
    heading: "Receba avisos de entrega",
    intro: (v) => `A ${v.brand} avisa você primeiro: quando for enviado, quando sair para entrega e se algo mudar.`,
    emailLegend: "Por e-mail",
    smsLegend: "Por SMS",
    emailLabel: "E-mail",
    phoneLabel: "Celular",
    phoneHint: (v) => `Um celular (${v.country}).`,
    scopeLabel: "Quais avisos?",
    scopeAll: "Cada etapa",
    scopeKey: "Só saiu para entrega, entregue e problemas",
    submitEmail: "Avisar por e-mail",
    submitSms: "Avisar por SMS",
    pending: "Salvando…",
    errors: {
      email: "Digite um e-mail válido, como nome@exemplo.com.",
      phone: "Digite um celular válido.",
      phoneNotMobile: "Parece um telefone fixo. Digite um celular.",
      phoneOtherCountry: (v) => `Digite um celular do país de entrega do pedido (${v.country}).`,
      unknownShipment: "Este link de rastreamento não é mais válido.",
      consentChanged: "Os termos acima mudaram. Leia-os e envie novamente.",
      generic: "Algo deu errado do nosso lado. Tente novamente.",
      rateLimited: "Muitas inscrições agora. Tente novamente mais tarde.",
    },
    results: {
      emailConfirmSent: (v) => `Quase lá: enviamos um link de confirmação para ${v.email}.`,
      emailAlreadyActive: (v) => `Você já recebe avisos em ${v.email}. Preferências salvas.`,
      smsConfirmSent: (v) => `Quase pronto: enviamos um SMS para ${v.phone}. Responda YES para começar a receber avisos.`,
      smsAlreadyActive: (v) => `Você já recebe SMS em ${v.phone}. Preferências salvas.`,
    },
  },
  pages: {
    confirmTitle: "Confirmar avisos de entrega",
    confirmIntro: (v) => `Enviar avisos do pedido ${v.order} da ${v.brand} para ${v.address}?`,
    confirmButton: "Sim, quero receber avisos",
    confirmed: (v) => `Confirmado. Vamos escrever sobre o pedido ${v.order} da ${v.brand}.`,
    alreadyConfirmed: "Este link já foi usado. Suas preferências não mudaram.",
    linkInvalid: "Este link é inválido ou expirou. Inscreva-se de novo pela página de rastreamento.",
    unsubscribeIntro: (v) => `Parar os avisos da ${v.brand} sobre o pedido ${v.order} para ${v.address}?`,
    unsubscribeButton: "Cancelar inscrição",
    unsubscribedTitle: "Inscrição cancelada",
    unsubscribed: (v) => `${v.address} não receberá mais avisos do pedido ${v.order} da ${v.brand}.`,
    resubscribe: "Desfazer: continuar recebendo avisos",
    resubscribed: "Pronto: os avisos continuam.",
    backToTracking: "Voltar ao rastreamento",
  },
};
