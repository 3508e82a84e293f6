import "server-only";
import { db } from "../db";

/**
 * The numbers that show whether WISMO fell, for one merchant over [from, to). Each figure's definition is
 * written next to it and repeated in docs/analytics.md; the console shows them as they are computed here.
 */
export interface Period {
  from: Date;
  to: Date;
}

const n = (value: unknown) => Number(value ?? 0);

export async function getAnalytics(merchantId: string, period: Period, timeZone: string) {
  const { from, to } = period;
  const fromDay = from.toISOString().slice(0, 10);
  const toDay = to.toISOString().slice(0, 10);
  // Instants go in as ISO text cast in SQL, so the database session's time zone never matters.
  const fromIso = from.toISOString();
  const toIso = to.toISOString();

  const [viewsByDay, viewTotals, optIn, alerts, onTime, late, avoided] = await Promise.all([
    // Views per UTC day and distinct shipments viewed that day.
    db.$queryRaw<{ day: Date; views: bigint; shipments: bigint }[]>`
      SELECT "day", SUM("views") AS views, COUNT(*) AS shipments FROM "PageView"
      WHERE "merchantId" = ${merchantId} AND "day" >= CAST(${fromDay} AS date) AND "day" < CAST(${toDay} AS date)
      GROUP BY "day" ORDER BY "day"`,
    db.$queryRaw<{ views: bigint | null; shipments: bigint }[]>`
      SELECT SUM("views") AS views, COUNT(DISTINCT "shipmentId") AS shipments FROM "PageView"
      WHERE "merchantId" = ${merchantId} AND "day" >= CAST(${fromDay} AS date) AND "day" < CAST(${toDay} AS date)`,
    // Opt-in rate: orders created in the period with at least one alert subscription that is or was live
    // (ACTIVE, or UNSUBSCRIBED after being live), over all orders created in the period.
    db.$queryRaw<{ orders: bigint; opted: bigint }[]>`
      SELECT COUNT(*) AS orders,
             COUNT(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM "AlertSubscription" a WHERE a."orderId" = o."id" AND a."status" IN ('ACTIVE', 'UNSUBSCRIBED')
             )) AS opted
      FROM "Order" o WHERE o."merchantId" = ${merchantId} AND o."createdAt" >= CAST(${fromIso} AS timestamptz) AT TIME ZONE 'UTC' AND o."createdAt" < CAST(${toIso} AS timestamptz) AT TIME ZONE 'UTC'`,
    // Alerts sent (status SENT) in the period, by trigger and channel.
    db.$queryRaw<{ trigger: string; channel: string; sent: bigint }[]>`
      SELECT m."trigger"::text AS trigger, m."channel"::text AS channel, COUNT(*) AS sent
      FROM "OutboxMessage" m JOIN "AlertSubscription" a ON a."id" = m."subscriptionId"
      WHERE a."merchantId" = ${merchantId} AND m."status" = 'SENT' AND m."sentAt" >= CAST(${fromIso} AS timestamptz) AT TIME ZONE 'UTC' AND m."sentAt" < CAST(${toIso} AS timestamptz) AT TIME ZONE 'UTC'
      GROUP BY 1, 2 ORDER BY 3 DESC`,
    // On time: delivered in the period on or before the first latest day promised (merchant's local date).
    db.$queryRaw<{ delivered: bigint; on_time: bigint; no_promise: bigint }[]>`
      SELECT COUNT(*) AS delivered,
             COUNT(*) FILTER (WHERE "promisedLatest" IS NOT NULL
               AND CAST(("deliveredAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone} AS date) <= "promisedLatest") AS on_time,
             COUNT(*) FILTER (WHERE "promisedLatest" IS NULL) AS no_promise
      FROM "Shipment" WHERE "merchantId" = ${merchantId} AND "deliveredAt" >= CAST(${fromIso} AS timestamptz) AT TIME ZONE 'UTC' AND "deliveredAt" < CAST(${toIso} AS timestamptz) AT TIME ZONE 'UTC'`,
    // Ever ran late: shipments created in the period with at least one Delay row.
    db.$queryRaw<{ shipments: bigint; late: bigint }[]>`
      SELECT COUNT(*) AS shipments, COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Delay" d WHERE d."shipmentId" = s."id")) AS late
      FROM "Shipment" s WHERE s."merchantId" = ${merchantId} AND s."createdAt" >= CAST(${fromIso} AS timestamptz) AT TIME ZONE 'UTC' AND s."createdAt" < CAST(${toIso} AS timestamptz) AT TIME ZONE 'UTC'`,
    // Contacts avoided (estimate): shipments whose tracking page was viewed, in the period, after a delay
    // was recorded or after an exception scan — the moments shoppers otherwise write or call.
    db.$queryRaw<{ after_delay: bigint; after_exception: bigint; either: bigint }[]>`
      WITH viewed AS (
        SELECT "shipmentId", MAX("lastViewAt") AS last_view FROM "PageView"
        WHERE "merchantId" = ${merchantId} AND "day" >= CAST(${fromDay} AS date) AND "day" < CAST(${toDay} AS date)
        GROUP BY "shipmentId"
      ), flags AS (
        SELECT v."shipmentId",
          EXISTS (SELECT 1 FROM "Delay" d WHERE d."shipmentId" = v."shipmentId" AND d."createdAt" < v.last_view) AS after_delay,
          EXISTS (SELECT 1 FROM "TrackingEvent" e WHERE e."shipmentId" = v."shipmentId" AND e."status" IN ('EXCEPTION', 'DELIVERY_ATTEMPTED')
                  AND e."createdAt" < v.last_view) AS after_exception
        FROM viewed v
      )
      SELECT COUNT(*) FILTER (WHERE after_delay) AS after_delay, COUNT(*) FILTER (WHERE after_exception) AS after_exception,
             COUNT(*) FILTER (WHERE after_delay OR after_exception) AS either FROM flags`,
  ]);

  const totals = viewTotals[0];
  const viewedShipments = n(totals?.shipments);
  const totalViews = n(totals?.views);
  const optInRow = optIn[0];
  const onTimeRow = onTime[0];
  const lateRow = late[0];
  const avoidedRow = avoided[0];
  const promised = n(onTimeRow?.delivered) - n(onTimeRow?.no_promise);
  return {
    period: { from: from.toISOString(), to: to.toISOString() },
    views: {
      total: totalViews,
      uniqueShipments: viewedShipments,
      perShipment: viewedShipments ? totalViews / viewedShipments : 0,
      byDay: viewsByDay.map((row) => ({ day: row.day.toISOString().slice(0, 10), views: n(row.views), shipments: n(row.shipments) })),
    },
    optIn: { orders: n(optInRow?.orders), optedIn: n(optInRow?.opted), rate: n(optInRow?.orders) ? n(optInRow?.opted) / n(optInRow?.orders) : null },
    alerts: alerts.map((row) => ({ trigger: row.trigger, channel: row.channel, sent: n(row.sent) })),
    onTime: {
      delivered: n(onTimeRow?.delivered),
      withPromise: promised,
      onTime: n(onTimeRow?.on_time),
      rate: promised > 0 ? n(onTimeRow?.on_time) / promised : null,
    },
    ranLate: { shipments: n(lateRow?.shipments), late: n(lateRow?.late), share: n(lateRow?.shipments) ? n(lateRow?.late) / n(lateRow?.shipments) : null },
    contactsAvoided: { estimate: n(avoidedRow?.either), afterDelay: n(avoidedRow?.after_delay), afterException: n(avoidedRow?.after_exception) },
  };
}

export type Analytics = Awaited<ReturnType<typeof getAnalytics>>;
