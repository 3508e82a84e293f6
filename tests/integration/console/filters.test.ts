/**
 * The console's quick filters (Delayed, Exceptions, Stalled) on the shipments list: each returns exactly
 * the shipments it promises, alone and combined, for the signed-in merchant only. Real database; the
 * shipments are put in each state directly so every edge (72 h without a scan, a flag, a Delay row) is exact.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { searchShipments, type ShipmentSearch } from "../../../lib/console/queries";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { STALL_HOURS } from "../../../lib/shipments/list-filters";
import { createOrder } from "../../../lib/shipments/create-order";
import { resetDatabase } from "../support/reset-database";
import { addDelay } from "../support/api-fixtures";

const NOW = new Date();
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

type Status = "INFO_RECEIVED" | "IN_TRANSIT" | "OUT_FOR_DELIVERY" | "DELIVERED" | "EXCEPTION" | "DELIVERY_ATTEMPTED" | "RETURNED_TO_SENDER" | "AVAILABLE_FOR_PICKUP";

interface Parcel {
  status: Status;
  lastEventHoursAgo: number | null;
  createdHoursAgo?: number;
  etaFlag?: string;
  delayRow?: boolean;
}

/** Each parcel, named by what it is; the filters' expected answers are written out below from these names. */
const PARCELS: Record<string, Parcel> = {
  ON_TIME: { status: "IN_TRANSIT", lastEventHoursAgo: 1 },
  DELAY_ROW: { status: "IN_TRANSIT", lastEventHoursAgo: 2, delayRow: true },
  LATE_FLAG: { status: "OUT_FOR_DELIVERY", lastEventHoursAgo: 1, etaFlag: "running_late" },
  EXCEPTION: { status: "EXCEPTION", lastEventHoursAgo: 3 },
  ATTEMPTED: { status: "DELIVERY_ATTEMPTED", lastEventHoursAgo: 5 },
  RETURNED: { status: "RETURNED_TO_SENDER", lastEventHoursAgo: 10 },
  EXCEPTION_FLAG: { status: "IN_TRANSIT", lastEventHoursAgo: 4, etaFlag: "exception" },
  OLD_EXCEPTION: { status: "EXCEPTION", lastEventHoursAgo: 200 },
  SILENT_73H: { status: "IN_TRANSIT", lastEventHoursAgo: STALL_HOURS + 1 },
  SILENT_71H: { status: "IN_TRANSIT", lastEventHoursAgo: STALL_HOURS - 1 },
  NEVER_SCANNED_OLD: { status: "INFO_RECEIVED", lastEventHoursAgo: null, createdHoursAgo: 100 },
  NEVER_SCANNED_NEW: { status: "INFO_RECEIVED", lastEventHoursAgo: null, createdHoursAgo: 10 },
  PICKUP_WAITING: { status: "AVAILABLE_FOR_PICKUP", lastEventHoursAgo: 90 },
  STALLED_FLAG: { status: "IN_TRANSIT", lastEventHoursAgo: 1, etaFlag: "stalled" },
  DELIVERED_LONG_AGO: { status: "DELIVERED", lastEventHoursAgo: 300 },
  DELAYED_AND_SILENT: { status: "IN_TRANSIT", lastEventHoursAgo: 80, delayRow: true },
};

const EXPECTED = {
  delayed: ["DELAY_ROW", "LATE_FLAG", "DELAYED_AND_SILENT"],
  exception: ["EXCEPTION", "ATTEMPTED", "RETURNED", "EXCEPTION_FLAG", "OLD_EXCEPTION"],
  stalled: ["SILENT_73H", "NEVER_SCANNED_OLD", "PICKUP_WAITING", "STALLED_FLAG", "DELAYED_AND_SILENT"],
};

describe("console shipment filters", () => {
  let merchantId: string;
  const names = new Map<string, string>(); // shipment id → parcel name

  beforeAll(async () => {
    await resetDatabase();
    merchantId = (await createMerchant({ slug: "filters-shop", name: "Filters Shop", timeZone: undefined, defaultLocale: undefined })).id;
    // Another merchant with a parcel that is delayed, an exception and stalled at once: never in this merchant's lists.
    const other = (await createMerchant({ slug: "filters-other", name: "Other", timeZone: undefined, defaultLocale: undefined })).id;
    const foreign = await place(other, "FOREIGN", { status: "EXCEPTION", lastEventHoursAgo: 500, etaFlag: "running_late,stalled", delayRow: true });
    expect(foreign).toBeDefined();
    for (const [name, parcel] of Object.entries(PARCELS)) names.set(await place(merchantId, name, parcel), name);
  });

  async function place(owner: string, name: string, parcel: Parcel): Promise<string> {
    const order = await createOrder(owner, {
      orderNumber: `F-${name}`,
      shopper: { email: `${name.toLowerCase()}@example.com` },
      destination: { city: "Chicago", region: "IL", postalCode: "60601", country: "US" },
      shipments: [{ carrier: "ups", trackingNumber: `1ZFILTER${name.replaceAll("_", "")}` }],
    });
    const id = order.shipments[0]!.id;
    await db.shipment.update({
      where: { id },
      data: {
        status: parcel.status,
        etaFlag: parcel.etaFlag ?? null,
        lastEventAt: parcel.lastEventHoursAgo === null ? null : hoursAgo(parcel.lastEventHoursAgo),
        createdAt: hoursAgo(parcel.createdHoursAgo ?? Math.max(parcel.lastEventHoursAgo ?? 0, 1) + 24),
      },
    });
    if (parcel.delayRow) await addDelay(id);
    return id;
  }

  async function listed(search: ShipmentSearch): Promise<string[]> {
    const rows = await searchShipments(merchantId, search, NOW);
    return rows.map((row) => names.get(row.id) ?? `foreign ${row.trackingNumber}`).sort();
  }

  it("no filter: every shipment of the merchant, and no other merchant's", async () => {
    expect(await listed({})).toEqual(Object.keys(PARCELS).sort());
  });

  it("Delayed: a Delay row or an estimate flagged running late", async () => {
    expect(await listed({ delayed: true })).toEqual([...EXPECTED.delayed].sort());
  });

  it("Exceptions: exception, attempted delivery, returned to sender, or an exception flag", async () => {
    expect(await listed({ exception: true })).toEqual([...EXPECTED.exception].sort());
  });

  it(`Stalled: still on its way with no scan for more than ${STALL_HOURS} h (or never scanned since created that long ago), or flagged`, async () => {
    expect(await listed({ stalled: true })).toEqual([...EXPECTED.stalled].sort());
  });

  it("combined filters narrow to shipments that match all of them; search text narrows further", async () => {
    expect(await listed({ delayed: true, stalled: true })).toEqual(["DELAYED_AND_SILENT"]);
    expect(await listed({ delayed: true, exception: true })).toEqual([]);
    expect(await listed({ exception: true, stalled: true })).toEqual([]);
    expect(await listed({ stalled: true, q: "F-SILENT" })).toEqual(["SILENT_73H"]);
  });

  it("each listed row says delayed exactly when the Delayed filter would list it (a Delay row or running late)", async () => {
    const rows = await searchShipments(merchantId, {}, NOW);
    const flagged = rows.filter((row) => row.delayed).map((row) => names.get(row.id)).sort();
    expect(flagged).toEqual([...EXPECTED.delayed].sort());
  });

  it("a tracking number is found in any case, with spaces or dashes (stored as 1ZFILTERSILENT73H)", async () => {
    for (const q of ["1zfiltersilent73h", "1Z FILTER SILENT-73H", "silent 73h"]) expect(await listed({ q }), q).toEqual(["SILENT_73H"]);
  });

  it("the API's negated forms (delayed=false, exception=false) return exactly the rest", async () => {
    const all = Object.keys(PARCELS);
    expect(await listed({ delayed: false })).toEqual(all.filter((name) => !EXPECTED.delayed.includes(name)).sort());
    expect(await listed({ exception: false })).toEqual(all.filter((name) => !EXPECTED.exception.includes(name)).sort());
  });
});
