import type { Copy } from "./types";

const stop = "Reply STOP to end";

export const en: Copy = {
  parcelOf: (index, count) => ` (parcel ${index} of ${count})`,
  sms: {
    CONFIRMATION: (v) =>
      `${v.brand}: reply YES to get delivery texts for order ${v.order} (up to 3 msgs/day). Msg & data rates may apply. Reply HELP for help, STOP to cancel.`,
    OPTED_IN: (v) =>
      `${v.brand}: you're signed up for delivery texts for order ${v.order}, up to 3 msgs/day. Msg & data rates may apply. Reply HELP for help, STOP to cancel.`,
    HELP: (v) =>
      `${v.brand} delivery alerts${v.contact ? `. Help: ${v.contact}` : ""}. Up to 3 msgs/day per parcel. Msg & data rates may apply. Reply STOP to cancel.`,
    SHIPPED: (v) => `${v.brand}: order ${v.order}${v.parcel} has shipped${v.window ? `, arriving ${v.window}` : ""}. Track: ${v.url} ${stop}`,
    OUT_FOR_DELIVERY: (v) => `${v.brand}: order ${v.order}${v.parcel} is out for delivery today. Track: ${v.url} ${stop}`,
    DELIVERED: (v) => `${v.brand}: order ${v.order}${v.parcel} was delivered${v.time ? ` at ${v.time}` : ""}. Details: ${v.url} ${stop}`,
    DELIVERY_ATTEMPTED: (v) =>
      `${v.brand}: the carrier couldn't deliver order ${v.order}${v.parcel}${v.detail ? ` (${v.detail})` : ""}. Next steps: ${v.url} ${stop}`,
    AVAILABLE_FOR_PICKUP: (v) =>
      `${v.brand}: order ${v.order}${v.parcel} is ready for pickup${v.place ? ` in ${v.place}` : ""}. Details: ${v.url} ${stop}`,
    EXCEPTION: (v) => `${v.brand}: order ${v.order}${v.parcel} hit a problem${v.detail ? `: ${v.detail}` : ""}. We're on it: ${v.url} ${stop}`,
    RETURNED: (v) => `${v.brand}: order ${v.order}${v.parcel} is being returned to us. We'll be in touch. ${v.url} ${stop}`,
    DELAY: (v) =>
      `${v.brand}: sorry, order ${v.order}${v.parcel} is running late. Now ${v.window}${v.previous ? ` (was ${v.previous})` : ""}. ${v.url} ${stop}`,
  },
  email: {
    CONFIRMATION: {
      subject: (v) => `Confirm delivery updates for order ${v.order}`,
      heading: "Confirm your email",
      paragraphs: (v) => [
        `You asked ${v.brand} to email you about order ${v.order}. Confirm, and we'll tell you when it ships, when it's out for delivery, and right away if anything goes wrong.`,
        "If this wasn't you, ignore this email: nothing more will be sent.",
      ],
      button: "Confirm updates",
    },
    SHIPPED: {
      subject: (v) => `Your order ${v.order} has shipped`,
      heading: "It's on its way",
      paragraphs: (v) => [`Good news: order ${v.order}${v.parcel} has left us and is with the carrier.`],
    },
    OUT_FOR_DELIVERY: {
      subject: (v) => `Out for delivery today: order ${v.order}`,
      heading: "Arriving today",
      paragraphs: (v) => [`Order ${v.order}${v.parcel} is on the delivery vehicle and should reach you today.`],
    },
    DELIVERED: {
      subject: (v) => `Delivered: order ${v.order}`,
      heading: "Your package was delivered",
      paragraphs: (v) => [
        `Order ${v.order}${v.parcel} was delivered${v.time ? ` at ${v.time}` : ""}${v.place ? ` in ${v.place}` : ""}.`,
        "Can't find it? Check around your door and with neighbours, then reply to this email and we'll help.",
      ],
    },
    DELIVERY_ATTEMPTED: {
      subject: (v) => `Delivery attempted: order ${v.order}`,
      heading: "The carrier missed you",
      paragraphs: (v) => [
        `The carrier tried to deliver order ${v.order}${v.parcel} but couldn't${v.detail ? `: "${v.detail}"` : "."}`,
        "They usually try again the next business day. The tracking page shows what happens next.",
      ],
    },
    AVAILABLE_FOR_PICKUP: {
      subject: (v) => `Ready for pickup: order ${v.order}`,
      heading: "Ready for pickup",
      paragraphs: (v) => [
        `Order ${v.order}${v.parcel} is waiting for you${v.place ? ` in ${v.place}` : ""}. Bring an ID; the tracking page has the details.`,
      ],
    },
    EXCEPTION: {
      subject: (v) => `A problem with order ${v.order}`,
      heading: "Something went wrong in transit",
      paragraphs: (v) => [
        `The carrier reported a problem with order ${v.order}${v.parcel}${v.detail ? `: "${v.detail}"` : "."}`,
        "We're watching it and will tell you as soon as it moves again. You don't need to do anything.",
      ],
    },
    RETURNED: {
      subject: (v) => `Order ${v.order} is coming back to us`,
      heading: "Your package is being returned",
      paragraphs: (v) => [
        `The carrier is returning order ${v.order}${v.parcel} to us. We'll be in touch about a reship or a refund.`,
      ],
    },
    DELAY: {
      subject: (v) => `Sorry, order ${v.order} is running late`,
      heading: "We're sorry: your order is running late",
      paragraphs: (v) => [
        `We told you order ${v.order}${v.parcel} would arrive by ${v.previous ?? "an earlier date"}. It's now expected ${v.window}.`,
        "That's not the experience we want for you. We're keeping an eye on it and will tell you the moment anything changes.",
      ],
    },
  },
  emailCommon: {
    trackButton: "Track package",
    estimatedDelivery: "Estimated delivery",
    delivered: "Delivered",
    trackingNumber: "Tracking number",
    order: "Order",
    colon: ": ",
    why: (v) => `You're getting this because you asked ${v.brand} for delivery updates on order ${v.order}.`,
    unsubscribe: "Unsubscribe",
    questions: (v) => `Questions? Contact ${v.brand}:`,
    signOff: (v) => `The ${v.brand} team`,
  },
  consent: {
    email: (v) =>
      `By selecting "Email me", you agree to receive delivery emails from ${v.brand} about order ${v.order}. We'll first send a link to confirm your address. Every email has a one-click unsubscribe.`,
    sms: (v) =>
      `By selecting "Text me", you agree to receive automated delivery texts from ${v.brand} about order ${v.order} at this number. Up to 3 msgs/day per parcel. Msg & data rates may apply. Reply HELP for help, STOP to cancel. Consent is not a condition of purchase.`,
  },
  form: {
    heading: "Get delivery updates",
    intro: (v) => `${v.brand} will tell you first: when it ships, when it's out for delivery, and if anything changes.`,
    emailLegend: "By email",
    smsLegend: "By text message",
    emailLabel: "Email address",
    phoneLabel: "Mobile number",
    phoneHint: (v) => `A mobile number (${v.country}).`,
    scopeLabel: "Which updates?",
    scopeAll: "Every step",
    scopeKey: "Only out for delivery, delivered and problems",
    submitEmail: "Email me",
    submitSms: "Text me",
    pending: "Saving…",
    errors: {
      email: "Enter a valid email address, like name@example.com.",
      phone: "Enter a valid mobile number.",
      phoneNotMobile: "That looks like a landline. Enter a mobile number.",
      phoneOtherCountry: (v) => `Enter a mobile number from the country this order is going to (${v.country}).`,
      unknownShipment: "This tracking link is no longer valid.",
      consentChanged: "The terms above were updated. Please read them and submit again.",
      generic: "Something went wrong on our side. Please try again.",
      rateLimited: "Too many sign-ups right now. Please try again later.",
    },
    results: {
      emailConfirmSent: (v) => `Almost done: we sent a confirmation link to ${v.email}.`,
      emailAlreadyActive: (v) => `You're already getting updates at ${v.email}. Preferences saved.`,
      smsConfirmSent: (v) => `Almost done: we texted ${v.phone}. Reply YES to that text to start delivery texts.`,
      smsAlreadyActive: (v) => `You're already getting texts at ${v.phone}. Preferences saved.`,
    },
  },
  pages: {
    confirmTitle: "Confirm delivery updates",
    confirmIntro: (v) => `Send updates about ${v.brand} order ${v.order} to ${v.address}?`,
    confirmButton: "Yes, send me updates",
    confirmed: (v) => `Confirmed. We'll email you about order ${v.order} from ${v.brand}.`,
    alreadyConfirmed: "This link was already used. Your preferences are unchanged.",
    linkInvalid: "This link is invalid or has expired. Sign up again from the tracking page.",
    unsubscribeIntro: (v) => `Stop alerts from ${v.brand} about order ${v.order} to ${v.address}?`,
    unsubscribeButton: "Unsubscribe",
    unsubscribedTitle: "Unsubscribed",
    unsubscribed: (v) => `${v.address} won't get any more updates about ${v.brand} order ${v.order}.`,
    resubscribe: "Undo: keep sending updates",
    resubscribed: "Done: updates will keep coming.",
    backToTracking: "Back to tracking",
  },
};
