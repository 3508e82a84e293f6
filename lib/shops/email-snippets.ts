import { trackPackageSnippet } from "../merchants/email-snippet";

/**
 * Ready-to-paste pieces for the shop's own shipping emails, linking each tracking number to
 * /{merchant}/track/{number} (or /track/{number} on the merchant's proven domain). Only values we
 * validated go in: the slug ([a-z0-9-]), a proven host name, APP_URL and a #rrggbb colour.
 */
export function trackLinkBase(appUrl: string, merchantSlug: string, verifiedDomain: string | null): string {
  return verifiedDomain ? `https://${verifiedDomain}/track/` : `${appUrl.replace(/\/+$/, "")}/${merchantSlug}/track/`;
}

/**
 * Shopify admin → Settings → Notifications → "Shipping confirmation" and "Shipping update": one button per
 * number of the fulfillment. In email templates the fulfillment's numbers are `fulfillment.tracking_numbers`
 * (a list; a fulfillment may hold several parcels). `url_encode` keeps a number with odd characters one segment.
 */
export function shopifyShippingSnippet(base: string, brandColor: string, textColor: string): string {
  return `{% comment %} Parcelpage: a "Track package" button per tracking number of this fulfillment {% endcomment %}
{% for tracking_number in fulfillment.tracking_numbers %}
{% capture parcelpage_url %}${base}{{ tracking_number | url_encode }}{% endcapture %}
${trackPackageSnippet(brandColor, textColor, "{{ parcelpage_url }}")}
{% endfor %}`;
}

/**
 * WooCommerce with the Shipment Tracking extension: a custom provider whose link is this URL. The
 * extension replaces %1$s with the tracking number (%2$s postcode, %3$s country, unused here).
 */
export function wooCustomProviderUrl(base: string): string {
  return `${base}%1$s`;
}

/**
 * WooCommerce without the custom provider: a plugin-free snippet (theme functions.php or a code-snippets
 * plugin) that adds a button per tracking number (order meta `_wc_shipment_tracking_items`) to the
 * customer's "Completed order" email, plain-text emails included. The button HTML is a nowdoc, so PHP
 * interprets nothing inside it; only the escaped URL is put in.
 */
export function wooEmailSnippet(base: string, brandColor: string, textColor: string): string {
  return `<?php
// Parcelpage: "Track package" buttons in WooCommerce's Completed order email.
add_action( 'woocommerce_email_before_order_table', function ( $order, $sent_to_admin, $plain_text, $email ) {
	if ( $sent_to_admin || ! $email || 'customer_completed_order' !== $email->id ) {
		return;
	}
	$items = $order->get_meta( '_wc_shipment_tracking_items' );
	if ( empty( $items ) || ! is_array( $items ) ) {
		return;
	}
	$button = <<<'PARCELPAGE'
${trackPackageSnippet(brandColor, textColor, "{{url}}")}
PARCELPAGE;
	foreach ( $items as $item ) {
		if ( empty( $item['tracking_number'] ) ) {
			continue;
		}
		$url = '${base}' . rawurlencode( $item['tracking_number'] );
		echo $plain_text ? 'Track package: ' . esc_url_raw( $url ) . "\\n" : str_replace( '{{url}}', esc_url( $url ), $button );
	}
}, 20, 4 );
`;
}
