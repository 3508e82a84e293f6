import { db } from "../db";
import { AppError } from "../errors";
import { isWellFormedId } from "../validation/ids";
import { revokeSessionsOf } from "./revoke-user-sessions";
import type { ConsolePrincipal } from "./session";

/**
 * An owner removes a user of their own merchant. The user's sessions and links end in the same
 * transaction (the rows go with the user), so a removed agent's next request is signed out. The last
 * owner cannot be removed (nobody could manage the merchant any more); owners may remove themselves
 * only while another owner remains. The audit trail keeps the address.
 */
export async function removeConsoleUser(actor: Pick<ConsolePrincipal, "merchantId" | "userId" | "role">, userId: string, now: Date): Promise<{ email: string }> {
  if (actor.role !== "owner") throw new AppError("forbidden", "Only owners can remove people.");
  // A form field, so anything (a NUL is a database error): what cannot be an id names nobody.
  if (!isWellFormedId(userId)) throw new AppError("not_found", "No such user.");
  return db.$transaction(async (tx) => {
    // Owners of the merchant are locked, so two owners removing each other cannot leave none.
    const owners = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "ConsoleUser" WHERE "merchantId" = ${actor.merchantId} AND "role" = 'owner' ORDER BY "id" FOR UPDATE`;
    const user = await tx.consoleUser.findFirst({ where: { id: userId, merchantId: actor.merchantId }, select: { id: true, email: true, role: true } });
    if (!user) throw new AppError("not_found", "No such user.");
    if (user.role === "owner" && owners.length <= 1) throw new AppError("conflict", "The last owner cannot be removed: make someone else an owner first.");
    await revokeSessionsOf(tx, user.id, now);
    await tx.auditEntry.create({ data: { merchantId: actor.merchantId, userId: actor.userId === user.id ? null : actor.userId, action: "user_removed", detail: { email: user.email, role: user.role } } });
    await tx.consoleUser.delete({ where: { id: user.id } });
    return { email: user.email };
  });
}
