import { sendQueuedConsoleMessages } from "../../lib/console/send-queued-messages";
import { db } from "../../lib/db";
import { appUrl } from "../../lib/env";
import { inviteUser } from "../../lib/console/invite-user";
import { withDatabase } from "../with-database";
import { requireFlag } from "./flags";

export const usage = "npm run cli -- user:invite --merchant <slug> --email <address> --role <owner|agent> [--name <name>]";

export async function run(flags: Record<string, string | boolean | undefined>) {
  const slug = requireFlag(flags, "merchant", usage);
  const email = requireFlag(flags, "email", usage);
  const role = requireFlag(flags, "role", usage);
  const user = await withDatabase(async () => {
    const merchant = await db.merchant.findUnique({ where: { slug }, select: { id: true } });
    if (!merchant) throw new Error(`No merchant with slug "${slug}".`);
    const invited = await inviteUser(merchant.id, { email, role: role as "owner" | "agent", name: typeof flags.name === "string" ? flags.name : undefined }, new Date());
    await sendQueuedConsoleMessages(new Date()); // the link was queued; send it before the command ends
    return invited;
  });
  console.log(`Invited ${user.email} as ${user.role} of "${slug}". A sign-in link was sent; they can also ask for one at ${appUrl()}/console/sign-in`);
}
