"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/lookup/client-ip";
import { logger } from "@/lib/logger";
import { confirmSubscription } from "@/lib/notifications/confirm";
import { normalizeLocale } from "@/lib/notifications/locales";
import { regionName } from "@/lib/notifications/opt-in-context";
import { subscribeToAlerts } from "@/lib/notifications/subscribe";
import { copyFor } from "@/lib/notifications/templates/copy";
import { resubscribeByToken, unsubscribeByToken } from "@/lib/notifications/unsubscribe";

export interface OptInState {
  status: "idle" | "ok" | "error";
  message: string;
  /** The field at fault, to mark it invalid. */
  field: "address" | null;
  address: string;
}

/** The opt-in form's action (a plain POST without JavaScript). */
export async function optInAction(_previous: OptInState, formData: FormData): Promise<OptInState> {
  const field = (name: string) => String(formData.get(name) ?? "");
  const locale = normalizeLocale(field("locale"));
  const copy = copyFor(locale).form;
  const address = field("address").slice(0, 254);
  try {
    const result = await subscribeToAlerts(
      {
        token: field("token"),
        channel: field("channel"),
        address,
        scope: field("scope") || "ALL",
        locale,
        consentVersion: field("consentVersion"),
        timeZone: field("timeZone") || undefined,
      },
      { ip: clientIp(await headers()), now: new Date() },
    );
    if (result.ok) {
      const message =
        result.outcome === "confirm_email_sent" ? copy.results.emailConfirmSent({ email: result.address })
        : result.outcome === "email_already_active" ? copy.results.emailAlreadyActive({ email: result.address })
        : result.outcome === "sms_confirm_sent" ? copy.results.smsConfirmSent({ phone: result.address })
        : copy.results.smsAlreadyActive({ phone: result.address });
      return { status: "ok", message, field: null, address: "" };
    }
    const country = regionName(result.country ?? "", locale);
    const errors = copy.errors;
    const message = {
      invalid: errors.generic,
      email: errors.email,
      phone: errors.phone,
      phone_not_mobile: errors.phoneNotMobile,
      phone_other_country: errors.phoneOtherCountry({ country }),
      unknown_shipment: errors.unknownShipment,
      consent_changed: errors.consentChanged,
      rate_limited: errors.rateLimited,
    }[result.error];
    const atAddress = ["email", "phone", "phone_not_mobile", "phone_other_country"].includes(result.error);
    return { status: "error", message, field: atAddress ? "address" : null, address };
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "alert opt-in failed");
    return { status: "error", message: copy.errors.generic, field: null, address };
  }
}

export interface LinkPageState {
  done: boolean;
  message: string;
}

/**
 * The confirm page's button: only a POST confirms (mail scanners follow links, they do not press buttons).
 * Then back to the page, which shows the result (also after a plain, JavaScript-free POST).
 */
export async function confirmAction(_previous: LinkPageState, formData: FormData): Promise<LinkPageState> {
  const token = String(formData.get("token") ?? "");
  const state = await confirmSubscription(token, new Date());
  if (state.state === "invalid") return { done: true, message: copyFor("en").pages.linkInvalid };
  redirect(`/alerts/confirm?token=${encodeURIComponent(token)}&confirmed=1`);
}

/** The unsubscribe page's button: the link's GET only shows the page, this POST unsubscribes. */
export async function unsubscribeAction(_previous: LinkPageState, formData: FormData): Promise<LinkPageState> {
  const token = String(formData.get("token") ?? "");
  const state = await unsubscribeByToken(token, "link", new Date());
  if (state.state === "invalid") return { done: true, message: copyFor("en").pages.linkInvalid };
  redirect(`/alerts/unsubscribed?token=${encodeURIComponent(token)}`);
}

/** "Undo" on the unsubscribed page. */
export async function resubscribeAction(_previous: LinkPageState, formData: FormData): Promise<LinkPageState> {
  const state = await resubscribeByToken(String(formData.get("token") ?? ""), new Date());
  if (state.state === "invalid") return { done: true, message: copyFor("en").pages.linkInvalid };
  const pages = copyFor(state.locale).pages;
  return {
    done: true,
    message: state.state === "resubscribed" ? pages.resubscribed : pages.unsubscribed({ brand: state.brand, order: state.orderNumber, address: state.address }),
  };
}
