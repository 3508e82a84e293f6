/**
 * The console's SMTP sends have every wait bounded (nodemailer's defaults, 2 minutes to connect and 10 minutes
 * of silence, let one stalled send outlast the queue's claim lease), yet an operator's own values in SMTP_URL win.
 */
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { withTimeouts } from "../../../lib/console/deliver-message";

const optionsOf = (url: string) => (nodemailer.createTransport(url) as unknown as { transporter: { options: Record<string, unknown> } }).transporter.options;

describe("console SMTP timeouts", () => {
  it("adds bounded timeouts that nodemailer reads, keeping host, port and credentials", () => {
    expect(optionsOf(withTimeouts("smtp://user:p%40ss@mail.example:2525"))).toMatchObject({
      host: "mail.example", port: 2525, secure: false, auth: { user: "user", pass: "p@ss" },
      connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000,
    });
  });

  it("leaves a timeout the operator set in SMTP_URL as it is", () => {
    expect(optionsOf(withTimeouts("smtps://mail.example/?socketTimeout=45000&tls.rejectUnauthorized=false"))).toMatchObject({
      secure: true, socketTimeout: 45_000, connectionTimeout: 10_000, tls: { rejectUnauthorized: false },
    });
  });
});
