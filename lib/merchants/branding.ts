import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { domainVerification } from "./domain-rules";
import { safeString } from "../validation/safe-text";
import { oneLineString } from "./display-name";

export const LOCALES = ["en", "es", "fr", "de", "pt-BR"] as const;

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a #rrggbb colour").transform((value) => value.toLowerCase());
const optionalText = (max: number) => oneLineString().trim().min(1).max(max).nullable().optional();

/** Everything a merchant may change about their tracking page. `null` clears an optional field. */
export const brandingInputSchema = z
  .object({
    name: oneLineString().trim().min(1).max(100).optional(),
    brandColor: hexColor.optional(),
    accentColor: hexColor.nullable().optional(),
    logoUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
    supportEmail: z.email().max(254).nullable().optional(),
    supportPhone: optionalText(32),
    supportUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
    // Shown on the tracking page only, where a line break is just a line break.
    customMessage: safeString({ multiline: true }).trim().min(1).max(500).nullable().optional(),
    defaultLocale: z.enum(LOCALES).optional(),
    timeZone: z
      .string()
      .refine((zone) => zone === "UTC" || Intl.supportedValuesOf("timeZone").includes(zone), "is not an IANA time zone")
      .optional(),
    customDomain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a host name such as track.example.com")
      .nullable()
      .optional(),
  })
  .strict();

export type BrandingInput = z.input<typeof brandingInputSchema>;

export const brandingSelect = {
  slug: true, name: true, brandColor: true, accentColor: true, logoUrl: true, supportEmail: true, supportPhone: true,
  supportUrl: true, customMessage: true, defaultLocale: true, timeZone: true, customDomain: true, updatedAt: true,
  verifiedDomain: true, domainToken: true,
} satisfies Prisma.MerchantSelect;

type BrandingRow = Prisma.MerchantGetPayload<{ select: typeof brandingSelect }>;

/** Branding as clients see it: the requested domain, whether it is proven, and the TXT record that proves it. */
export function brandingView(row: BrandingRow) {
  const { verifiedDomain: _verified, domainToken: _token, ...rest } = row;
  void _verified;
  void _token;
  return { ...rest, ...domainVerification(row) };
}

export type BrandingView = ReturnType<typeof brandingView>;
