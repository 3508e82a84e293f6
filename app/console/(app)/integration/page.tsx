import { MIN_SECRET_LENGTH } from "@/lib/merchants/secret-hint";
import { ActionForm } from "@/components/console/action-form";
import { CopyButton } from "@/components/console/copy-button";
import { EmailHtmlPreview } from "@/components/console/email-html-preview";
import { ShippingEmailSnippets } from "@/components/console/shipping-email-snippets";
import { requireConsoleUser } from "@/lib/console/auth";
import { appUrl } from "@/lib/env";
import { brandContrast } from "@/lib/merchants/contrast";
import { trackPackageSnippet } from "@/lib/merchants/email-snippet";
import { getBranding, listApiKeys, listConnections, listConsoleUsers } from "@/lib/merchants/queries";
import { listShopConnections } from "@/lib/shops/queries";
import { createKeyAction, inviteAction, removeShopConnectionAction, removeUserAction, revokeKeyAction, revokeSessionsAction, setConnectionAction, setShopConnectionAction } from "./actions";

export const dynamic = "force-dynamic";

const when = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace("T", " ") : "never");

export default async function IntegrationPage() {
  const user = await requireConsoleUser("owner");
  const [keys, connections, branding, users, shops] = await Promise.all([
    listApiKeys(user.merchantId),
    listConnections(user.merchantId),
    getBranding(user.merchantId),
    listConsoleUsers(user.merchantId),
    listShopConnections(user.merchantId),
  ]);
  const brand = branding?.brandColor ?? "#1f6feb";
  const textColor = brandContrast(brand).text;
  const snippet = trackPackageSnippet(brand, textColor);
  const verifiedDomain = branding?.customDomainStatus === "verified" ? branding.customDomain : null;
  const input = "rounded-md border border-slate-300 px-3 py-2 text-sm";
  return (
    <main className="space-y-8">
      <section aria-labelledby="keys">
        <h1 id="keys" className="text-xl font-semibold">API keys</h1>
        <p className="text-sm text-slate-600">
          For <code>{appUrl()}/api/v1</code> (<a className="underline" href="/api/v1/openapi.json">OpenAPI</a>). A key is shown once, then only its prefix.
        </p>
        <div className="mt-3">
          <ActionForm action={createKeyAction} submit="Create key">
            <label className="text-sm">Label <input name="name" placeholder="e.g. Shopify app" className={input} /></label>
          </ActionForm>
        </div>
        <table className="mt-3 w-full bg-white text-left text-sm">
          <thead className="text-slate-500"><tr><th className="p-2">Label</th><th>Prefix</th><th>Limit</th><th>Created</th><th>Last used</th><th></th></tr></thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} className="border-t border-slate-100">
                <td className="p-2">{key.name}</td><td className="font-mono text-xs">{key.prefix}…</td><td>{key.rateLimitPerMinute}/min</td>
                <td>{when(key.createdAt)}</td><td>{when(key.lastUsedAt)}</td>
                <td>
                  {key.revokedAt ? (
                    <span className="text-slate-500">revoked {when(key.revokedAt)}</span>
                  ) : (
                    <form action={revokeKeyAction}><input type="hidden" name="id" value={key.id} /><button className="text-red-700 underline">Revoke</button></form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="connections">
        <h2 id="connections" className="text-xl font-semibold">Carrier and aggregator webhooks</h2>
        <p className="text-sm text-slate-600">Paste the URL into the provider&apos;s webhook settings and save the same secret here. Secrets are write-only.</p>
        <ul className="mt-3 space-y-3">
          {connections.map((connection) => (
            <li key={connection.provider} className="rounded-lg border border-slate-200 bg-white p-3">
              <div className="flex flex-wrap items-center gap-2">
                <strong className="w-24">{connection.provider}</strong>
                <code className="grow break-all text-xs">{connection.webhookUrl}</code>
                <CopyButton text={connection.webhookUrl} label="Copy URL" />
              </div>
              <p className="mt-1 text-xs text-slate-500">{connection.connected ? `Secret set (${connection.secretHint}), ${connection.updatedAt?.slice(0, 10)}` : "Not connected"}</p>
              <div className="mt-2">
                <ActionForm action={setConnectionAction} submit={connection.connected ? "Replace secret" : "Save secret"}>
                  <input type="hidden" name="provider" value={connection.provider} />
                  <input name="secret" type="password" autoComplete="off" minLength={MIN_SECRET_LENGTH} required aria-label={`${connection.provider} webhook secret`} placeholder="webhook secret" className={input} />
                </ActionForm>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="shops">
        <h2 id="shops" className="text-xl font-semibold">Shop</h2>
        <p className="text-sm text-slate-600">
          Orders and their tracking numbers come in from your store by itself. Paste the URL into the store&apos;s webhook settings and save the
          store&apos;s address and the same signing secret here (step by step: docs/shops.md). Deliveries from any other store are refused. Secrets are write-only.
        </p>
        <ul className="mt-3 space-y-3">
          {shops.map((shop) => (
            <li key={shop.platform} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`shop-${shop.platform}`}>
              <div className="flex flex-wrap items-center gap-2">
                <strong className="w-24">{shop.platform === "shopify" ? "Shopify" : "WooCommerce"}</strong>
                <code className="grow break-all text-xs">{shop.webhookUrl}</code>
                <CopyButton text={shop.webhookUrl} label="Copy URL" />
              </div>
              <p className="mt-1 text-xs text-slate-500">
                {shop.connected ? `Connected to ${shop.shopDomain}, secret set (${shop.secretHint}), ${shop.updatedAt?.slice(0, 10)}` : "Not connected"}
              </p>
              <div className="mt-2 flex flex-wrap items-start gap-2">
                <ActionForm action={setShopConnectionAction} submit={shop.connected ? "Replace" : "Connect"}>
                  <input type="hidden" name="platform" value={shop.platform} />
                  <input name="shopDomain" required defaultValue={shop.shopDomain ?? ""} aria-label={`${shop.platform} shop domain`}
                    placeholder={shop.platform === "shopify" ? "your-store.myshopify.com" : "https://your-store.example"} className={input} />
                  <input name="secret" type="password" autoComplete="off" minLength={MIN_SECRET_LENGTH} required aria-label={`${shop.platform} webhook secret`} placeholder="webhook secret" className={input} />
                </ActionForm>
                {shop.connected ? (
                  <form action={removeShopConnectionAction}>
                    <input type="hidden" name="platform" value={shop.platform} />
                    <button className="mt-2 text-sm text-red-700 underline">Disconnect {shop.platform}</button>
                  </form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="snippet">
        <h2 id="snippet" className="text-xl font-semibold">Email snippet</h2>
        <p className="text-sm text-slate-600">
          Put this in your shipping-confirmation template and replace <code>{"{{tracking_url}}"}</code> with the shipment&apos;s <code>trackingUrl</code>{" "}
          (pattern <code>{appUrl()}/t/&lt;token&gt;</code>{branding?.customDomain && <> or <code>https://{branding.customDomain}/t/&lt;token&gt;</code></>}). Renders as a button in Gmail, Outlook and Apple Mail.
        </p>
        <EmailHtmlPreview html={snippet} label="Snippet preview" className="mt-3 rounded-lg border border-slate-200 bg-white p-4" />
        <div className="mt-2 flex items-start gap-2">
          <pre className="max-h-48 grow overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{snippet}</pre>
          <CopyButton text={snippet} label="Copy HTML" />
        </div>
      </section>

      {branding ? (
        <ShippingEmailSnippets appUrl={appUrl()} slug={branding.slug} verifiedDomain={verifiedDomain} brandColor={brand} textColor={textColor} tokenButton={snippet} />
      ) : null}

      <section aria-labelledby="people">
        <h2 id="people" className="text-xl font-semibold">People</h2>
        <ul className="mt-2 text-sm">
          {users.map((member) => (
            <li key={member.id} className="flex flex-wrap items-center gap-x-3 py-1" data-testid="person">
              <span>{member.email} · {member.role} · last sign-in {when(member.lastSignInAt)}</span>
              <form action={revokeSessionsAction}><input type="hidden" name="id" value={member.id} /><button className="text-slate-700 underline">Sign out everywhere</button></form>
              {member.id === user.userId ? null : (
                <form action={removeUserAction}><input type="hidden" name="id" value={member.id} /><button className="text-red-700 underline">Remove {member.email}</button></form>
              )}
            </li>
          ))}
        </ul>
        <div className="mt-3">
          <ActionForm action={inviteAction} submit="Invite">
            <input name="email" type="email" required aria-label="Email to invite" placeholder="teammate@shop.example" className={input} />
            <select name="role" aria-label="Role" className={input}><option value="agent">agent</option><option value="owner">owner</option></select>
          </ActionForm>
        </div>
      </section>
    </main>
  );
}
