import { db } from "../db";
import type { ShopPlatform } from "./platforms";

/** Disconnects a shop: its webhooks are refused from now on. Orders already taken in stay. True when one was removed. */
export async function removeShopConnection(merchantId: string, platform: ShopPlatform): Promise<boolean> {
  const { count } = await db.shopConnection.deleteMany({ where: { merchantId, platform } });
  return count > 0;
}
