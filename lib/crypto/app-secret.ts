import { env } from "../env";

/** APP_SECRET, required wherever something is signed or sealed. `npm start` creates one for local use. */
export function appSecret(): string {
  const secret = env().APP_SECRET;
  if (!secret) throw new Error("APP_SECRET is not set (at least 32 characters, e.g. `openssl rand -hex 32`).");
  return secret;
}
