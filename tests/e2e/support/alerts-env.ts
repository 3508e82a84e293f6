/** The Twilio auth token of the e2e server (serve.ts) and of the alerts spec's Twilio stand-in. Test-only. */
export const E2E_TWILIO_AUTH_TOKEN = "e2e-twilio-auth-token-0123456789ab";
