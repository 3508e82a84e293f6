/**
 * A "Track package" button for order emails that renders in Gmail, Outlook (Word engine) and Apple Mail:
 * a bulletproof button — a table cell with the colour as `bgcolor` (Outlook ignores CSS backgrounds on
 * links), VML roundrect for Outlook on Windows, and inline styles only (Gmail drops <style> blocks in
 * some clients). `{{tracking_url}}` is the merchant's placeholder for the shipment's trackingUrl.
 */
export function trackPackageSnippet(brandColor: string, textColor: string, urlPattern = "{{tracking_url}}"): string {
  return `<!-- Parcelpage "Track package" button -->
<table role="presentation" border="0" cellspacing="0" cellpadding="0" style="margin:16px 0;">
  <tr>
    <td align="center" bgcolor="${brandColor}" style="border-radius:6px;">
      <!--[if mso]>
      <v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="urn:schemas-microsoft-com:office:word" href="${urlPattern}" style="height:44px;v-text-anchor:middle;width:200px;" arcsize="14%" stroke="f" fillcolor="${brandColor}">
        <w:anchorlock/>
        <center style="color:${textColor};font-family:Arial,sans-serif;font-size:16px;font-weight:bold;">Track package</center>
      </v:roundrect>
      <![endif]-->
      <!--[if !mso]><!-- -->
      <a href="${urlPattern}" target="_blank" style="display:inline-block;padding:12px 28px;font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;line-height:20px;color:${textColor};text-decoration:none;border-radius:6px;background-color:${brandColor};mso-hide:all;">Track package</a>
      <!--<![endif]-->
    </td>
  </tr>
</table>`;
}
