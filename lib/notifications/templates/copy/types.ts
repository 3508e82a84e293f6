import type { ShipmentTrigger } from "../../triggers";

/** What a template may say. Strings are already formatted for the language (dates, places). */
export interface CopyVars {
  brand: string;
  order: string;
  /** "" for a one-parcel order, else e.g. " (parcel 2 of 3)". */
  parcel: string;
  /** The current delivery window, when there is one. */
  window: string | null;
  /** A delay: the latest date promised before, and the new window. */
  previous: string | null;
  /** Time of delivery, in the shopper's zone. */
  time: string | null;
  place: string | null;
  /** The carrier's words for an exception or attempt (trimmed for SMS). */
  detail: string | null;
  url: string;
}

export interface EmailCopy {
  subject(v: CopyVars): string;
  heading: string;
  paragraphs(v: CopyVars): string[];
}

export interface Copy {
  /** " (parcel 2 of 3)" */
  parcelOf(index: number, count: number): string;
  sms: Record<ShipmentTrigger, (v: CopyVars) => string> & {
    /** The opt-in confirmation: asks for YES (double opt-in), with brand, frequency, rates, HELP and STOP (carrier rules). */
    CONFIRMATION(v: { brand: string; order: string }): string;
    /** The answer to YES: signed up, with brand, frequency, rates, HELP and STOP. */
    OPTED_IN(v: { brand: string; order: string }): string;
    /** The answer to HELP. */
    HELP(v: { brand: string; contact: string | null }): string;
  };
  email: Record<ShipmentTrigger, EmailCopy> & {
    CONFIRMATION: {
      subject(v: { brand: string; order: string }): string;
      heading: string;
      paragraphs(v: { brand: string; order: string }): string[];
      button: string;
    };
  };
  emailCommon: {
    trackButton: string;
    estimatedDelivery: string;
    delivered: string;
    trackingNumber: string;
    order: string;
    /** Between a label and its value: ": ", or " : " in French. */
    colon: string;
    /** Footer: why they get this. */
    why(v: { brand: string; order: string }): string;
    unsubscribe: string;
    questions(v: { brand: string }): string;
    signOff(v: { brand: string }): string;
  };
  consent: {
    email(v: { brand: string; order: string }): string;
    sms(v: { brand: string; order: string }): string;
  };
  form: {
    heading: string;
    intro(v: { brand: string }): string;
    emailLegend: string;
    smsLegend: string;
    emailLabel: string;
    phoneLabel: string;
    phoneHint(v: { country: string }): string;
    scopeLabel: string;
    scopeAll: string;
    scopeKey: string;
    submitEmail: string;
    submitSms: string;
    pending: string;
    errors: {
      email: string;
      phone: string;
      phoneNotMobile: string;
      phoneOtherCountry(v: { country: string }): string;
      unknownShipment: string;
      consentChanged: string;
      generic: string;
      /** Any sign-up limit (per client, order or number); says nothing about the number. */
      rateLimited: string;
    };
    results: {
      emailConfirmSent(v: { email: string }): string;
      emailAlreadyActive(v: { email: string }): string;
      smsConfirmSent(v: { phone: string }): string;
      smsAlreadyActive(v: { phone: string }): string;
    };
  };
  pages: {
    confirmTitle: string;
    confirmIntro(v: { brand: string; order: string; address: string }): string;
    confirmButton: string;
    confirmed(v: { brand: string; order: string }): string;
    alreadyConfirmed: string;
    linkInvalid: string;
    unsubscribeIntro(v: { brand: string; order: string; address: string }): string;
    unsubscribeButton: string;
    unsubscribedTitle: string;
    unsubscribed(v: { brand: string; order: string; address: string }): string;
    resubscribe: string;
    resubscribed: string;
    backToTracking: string;
  };
}
