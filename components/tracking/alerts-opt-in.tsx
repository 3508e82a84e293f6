import { optInAction } from "@/app/alerts/actions";
import { getOptInContext } from "@/lib/notifications/opt-in-context";
import { AlertsForm } from "./alerts-form";

/**
 * The alerts opt-in for a tracking page (rendered inside AlertsSlot): one form per channel, each with
 * its exact consent text beside its button. Plain forms with a server action: they work without
 * JavaScript, and the page stays cacheable (nothing in it depends on the visitor).
 */
export async function AlertsOptIn({ token, locale }: { token: string; locale: string }) {
  const context = await getOptInContext(token, locale);
  if (!context) return null;
  const { labels } = context;
  return (
    <div data-testid="alerts-opt-in">
      <p className="mt-1 text-sm text-slate-700">{labels.intro}</p>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <AlertsForm
          action={optInAction}
          channel="EMAIL"
          token={context.token}
          locale={context.locale}
          consent={context.email}
          labels={{
            legend: labels.emailLegend, address: labels.emailLabel, hint: null, scope: labels.scopeLabel, scopeAll: labels.scopeAll,
            scopeKey: labels.scopeKey, submit: labels.submitEmail, pending: labels.pending,
          }}
        />
        <AlertsForm
          action={optInAction}
          channel="SMS"
          token={context.token}
          locale={context.locale}
          consent={context.sms}
          labels={{
            legend: labels.smsLegend, address: labels.phoneLabel, hint: labels.phoneHint, scope: labels.scopeLabel, scopeAll: labels.scopeAll,
            scopeKey: labels.scopeKey, submit: labels.submitSms, pending: labels.pending,
          }}
        />
      </div>
    </div>
  );
}
