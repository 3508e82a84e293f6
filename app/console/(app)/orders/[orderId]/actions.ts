"use server";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { sendQueuedConsoleMessages } from "@/lib/console/send-queued-messages";
import { requireConsoleUser } from "@/lib/console/auth";
import { sendTrackingLink } from "@/lib/console/send-tracking-link";
import { AppError } from "@/lib/errors";

export async function sendLinkAction(formData: FormData) {
  const user = await requireConsoleUser();
  const orderId = String(formData.get("orderId") ?? "");
  let outcome: string;
  try {
    const sent = await sendTrackingLink(user.merchantId, user.userId, {
      orderId,
      shipmentId: String(formData.get("shipmentId") ?? ""),
      channel: formData.get("channel") === "sms" ? "sms" : "email",
    });
    outcome = `sent=${sent.channel}`;
    // Sent after the answer, not in it (the worker also picks it up, e.g. after quiet hours).
    after(() => sendQueuedConsoleMessages(new Date()));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "not_found") redirect("/console/shipments");
    outcome = `error=${encodeURIComponent(error.message)}`;
  }
  redirect(`/console/orders/${encodeURIComponent(orderId)}?${outcome}`);
}
