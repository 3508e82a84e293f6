"use client";
import { startTransition, useActionState, useLayoutEffect, useRef, useState } from "react";
import { brandContrast } from "@/lib/merchants/contrast";
import type { BrandingFormState } from "@/app/console/(app)/branding/actions";

export interface BrandingValues {
  name: string;
  brandColor: string;
  accentColor: string | null;
  logoUrl: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
  supportUrl: string | null;
  customMessage: string | null;
  defaultLocale: string;
  timeZone: string;
  customDomain: string | null;
}

const LOCALE_NAMES: Record<string, string> = { en: "English", es: "Español", fr: "Français", de: "Deutsch", "pt-BR": "Português (Brasil)" };
const HEX = /^#[0-9a-fA-F]{6}$/;

export function BrandingForm({
  initial,
  timeZones,
  action,
}: {
  initial: BrandingValues;
  timeZones: string[];
  action: (state: BrandingFormState, data: FormData) => Promise<BrandingFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false, message: null, errors: {} });
  const [values, setValues] = useState(initial);
  const [useAccent, setUseAccent] = useState(initial.accentColor !== null);
  const set = (name: keyof BrandingValues) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: event.target.value }));
  const brand = HEX.test(values.brandColor) ? values.brandColor : "#1f6feb";
  const accent = useAccent && values.accentColor && HEX.test(values.accentColor) ? values.accentColor : brand;
  const band = brandContrast(brand);
  const links = brandContrast(accent);
  // The preview's colours are CSS variables set through the CSSOM, which the console's Content-Security-
  // Policy (style-src without 'unsafe-inline') allows, where a server-rendered style attribute is refused.
  // The Tailwind classes below read them; before hydration the preview is simply uncoloured.
  const preview = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const style = preview.current?.style;
    style?.setProperty("--preview-brand", brand);
    style?.setProperty("--preview-band-text", band.text);
    style?.setProperty("--preview-accent", accent);
  }, [brand, band.text, accent]);
  const field = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2";
  const error = (name: string) => state.errors[name] && <p className="mt-1 text-sm text-red-700">{state.errors[name]}</p>;

  return (
    <div className="grid gap-8 lg:grid-cols-2">
      {/* Submitted from onSubmit rather than action=: React resets a form after an action, and that would
          snap the selects back to their first option while the preview state kept the chosen values. */}
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => formAction(data));
        }}
      >
        <div>
          <label className="block text-sm font-medium" htmlFor="name">Shop name</label>
          <input id="name" name="name" required value={values.name} onChange={set("name")} className={field} />
          {error("name")}
        </div>
        <div className="flex flex-wrap gap-6">
          <div>
            <label className="block text-sm font-medium" htmlFor="brandColor">Brand colour</label>
            <div className="mt-1 flex items-center gap-2">
              <input type="color" aria-label="Brand colour picker" value={brand} onChange={set("brandColor")} className="h-10 w-12" />
              <input id="brandColor" name="brandColor" value={values.brandColor} onChange={set("brandColor")} className="w-28 rounded-md border border-slate-300 px-2 py-2 font-mono" />
            </div>
            {error("brandColor")}
          </div>
          <div>
            <label className="flex items-center gap-2 text-sm font-medium">
              <input type="checkbox" name="useAccent" checked={useAccent} onChange={(e) => setUseAccent(e.target.checked)} /> Separate link colour
            </label>
            {useAccent && (
              <div className="mt-1 flex items-center gap-2">
                <input type="color" aria-label="Link colour picker" value={accent} onChange={set("accentColor")} className="h-10 w-12" />
                <input name="accentColor" aria-label="Link colour" value={values.accentColor ?? ""} onChange={set("accentColor")} className="w-28 rounded-md border border-slate-300 px-2 py-2 font-mono" />
              </div>
            )}
            {error("accentColor")}
          </div>
        </div>
        {(!band.meetsAA || !links.linksOnWhiteMeetAA) && (
          <p role="alert" data-testid="contrast-warning" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            Low contrast: {!band.meetsAA && `text on the header band reaches only ${band.ratio.toFixed(1)}:1. `}
            {!links.linksOnWhiteMeetAA && `Links in this colour on white reach ${links.onWhite.toFixed(1)}:1 (4.5:1 is the minimum for body text); the page will darken them to stay readable.`}
          </p>
        )}
        <div>
          <label className="block text-sm font-medium" htmlFor="logoUrl">Logo URL (https)</label>
          <input id="logoUrl" name="logoUrl" type="url" value={values.logoUrl ?? ""} onChange={set("logoUrl")} className={field} />
          {error("logoUrl")}
        </div>
        <fieldset className="grid gap-3 sm:grid-cols-3">
          <legend className="text-sm font-medium">Support contacts</legend>
          <input name="supportEmail" aria-label="Support email" placeholder="help@shop.example" value={values.supportEmail ?? ""} onChange={set("supportEmail")} className={field} />
          <input name="supportPhone" aria-label="Support phone" placeholder="+1 555 0100" value={values.supportPhone ?? ""} onChange={set("supportPhone")} className={field} />
          <input name="supportUrl" aria-label="Help page URL" placeholder="https://shop.example/help" value={values.supportUrl ?? ""} onChange={set("supportUrl")} className={field} />
          {error("supportEmail")}{error("supportPhone")}{error("supportUrl")}
        </fieldset>
        <div>
          <label className="block text-sm font-medium" htmlFor="customMessage">Message on every tracking page</label>
          <textarea id="customMessage" name="customMessage" rows={2} maxLength={500} value={values.customMessage ?? ""} onChange={set("customMessage")} className={field} />
          {error("customMessage")}
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label className="block text-sm font-medium" htmlFor="defaultLocale">Default language</label>
            <select id="defaultLocale" name="defaultLocale" value={values.defaultLocale} onChange={set("defaultLocale")} className={field}>
              {Object.entries(LOCALE_NAMES).map(([code, label]) => <option key={code} value={code}>{label}</option>)}
            </select>
          </div>
          <div>
            <label className="block text-sm font-medium" htmlFor="timeZone">Time zone</label>
            <select id="timeZone" name="timeZone" value={values.timeZone} onChange={set("timeZone")} className={field}>
              {timeZones.map((zone) => <option key={zone}>{zone}</option>)}
            </select>
            {error("timeZone")}
          </div>
        </div>
        <div>
          <label className="block text-sm font-medium" htmlFor="customDomain">Custom tracking domain</label>
          <input id="customDomain" name="customDomain" placeholder="track.shop.example" value={values.customDomain ?? ""} onChange={set("customDomain")} className={field} />
          <p className="mt-1 text-xs text-slate-500">Point a CNAME for this host at Parcelpage; tracking links on it then show your pages.</p>
          {error("customDomain")}
        </div>
        <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white disabled:opacity-50">
          {pending ? "Saving…" : "Save branding"}
        </button>
        {state.message && (
          <p role={state.ok ? "status" : "alert"} className={state.ok ? "text-sm text-emerald-800" : "text-sm text-red-700"}>{state.message}</p>
        )}
      </form>

      <div ref={preview} aria-label="Live preview" className="self-start overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        <p className="border-b border-slate-200 bg-slate-100 px-3 py-1 text-xs text-slate-500">Preview of your tracking page</p>
        <div data-testid="preview-band" className="flex items-center gap-3 bg-(color:--preview-brand) px-4 py-3 text-(color:--preview-band-text)">
          {values.logoUrl && HEX.test(brand) ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={values.logoUrl} alt="" className="h-8 w-auto rounded bg-white/80 p-0.5" />
          ) : null}
          <span className="font-semibold">{values.name || "Your shop"}</span>
        </div>
        <div className="space-y-3 p-4">
          <p className="text-sm text-slate-600">Order 1042</p>
          <p className="text-xl font-semibold">Arriving Tue, Dec 2 – Wed, Dec 3</p>
          <div className="h-2 rounded-full bg-slate-200"><div className="h-2 w-2/3 rounded-full bg-(color:--preview-accent)" /></div>
          <p className="text-sm">In transit · Denver, CO</p>
          {values.customMessage && <p className="rounded-md bg-(color:--preview-brand)/10 p-3 text-sm">{values.customMessage}</p>}
          <p className="text-sm">
            Questions?{" "}
            {values.supportEmail && <span className="text-(color:--preview-accent) underline">{values.supportEmail}</span>}
            {values.supportPhone && <span className="ml-2 text-(color:--preview-accent) underline">{values.supportPhone}</span>}
          </p>
          <p className="text-xs text-slate-500">Header text contrast {band.ratio.toFixed(1)}:1 {band.meetsAA ? "✓" : "⚠"}</p>
        </div>
      </div>
    </div>
  );
}
