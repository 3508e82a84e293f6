import { shopifyShippingSnippet, trackLinkBase, wooCustomProviderUrl, wooEmailSnippet } from "@/lib/shops/email-snippets";
import { CopyButton } from "./copy-button";

interface Props {
  appUrl: string;
  slug: string;
  /** The merchant's proven tracking domain, if any: links then use it. */
  verifiedDomain: string | null;
  brandColor: string;
  textColor: string;
  /** The existing token-based "Track package" button (orders created through the API). */
  tokenButton: string;
}

function Snippet({ id, title, children, code, copyLabel }: { id: string; title: string; children: React.ReactNode; code: string; copyLabel: string }) {
  return (
    <div className="mt-4" data-testid={`snippet-${id}`}>
      <h3 className="font-medium">{title}</h3>
      <p className="text-sm text-slate-600">{children}</p>
      <div className="mt-2 flex items-start gap-2">
        <pre className="max-h-48 grow overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{code}</pre>
        <CopyButton text={code} label={copyLabel} />
      </div>
    </div>
  );
}

/** Console → Integration → Shipping email: the shop's own emails link each tracking number to its page. */
export function ShippingEmailSnippets({ appUrl, slug, verifiedDomain, brandColor, textColor, tokenButton }: Props) {
  const base = trackLinkBase(appUrl, slug, verifiedDomain);
  return (
    <section aria-labelledby="shipping-email">
      <h2 id="shipping-email" className="text-xl font-semibold">Shipping email</h2>
      <p className="text-sm text-slate-600">
        Your shop&apos;s own shipping emails can link every tracking number to <code>{base}&lt;tracking number&gt;</code>. That page shows
        what the carrier&apos;s tracking shows (status, scans by city, the delivery window) in your colours: no order number, no other
        parcels, nothing about the shopper.
      </p>
      <Snippet id="shopify" title="Shopify: Shipping confirmation and Shipping update" code={shopifyShippingSnippet(base, brandColor, textColor)} copyLabel="Copy Liquid">
        Settings → Notifications → Customer notifications → Shipping confirmation (then Shipping update) → Edit code: paste where the
        carrier&apos;s tracking link is, then preview.
      </Snippet>
      <Snippet id="woo-provider" title="WooCommerce with Shipment Tracking: custom provider link" code={wooCustomProviderUrl(base)} copyLabel="Copy URL">
        WooCommerce → Settings → Shipment Tracking: add a custom provider with this link; %1$s is the tracking number.
      </Snippet>
      <Snippet id="woo-email" title="WooCommerce: Completed order email" code={wooEmailSnippet(base, brandColor, textColor)} copyLabel="Copy PHP">
        Add to your theme&apos;s functions.php (or a code-snippets plugin): a button per tracking number from Shipment Tracking.
      </Snippet>
      <Snippet id="token-button" title="Orders created through the API: the Track package button" code={tokenButton} copyLabel="Copy HTML">
        Replace <code>{"{{tracking_url}}"}</code> with the shipment&apos;s <code>trackingUrl</code> (see Email snippet above).
      </Snippet>
    </section>
  );
}
